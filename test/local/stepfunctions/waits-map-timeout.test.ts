import { SfnHarness } from './sfn-harness';

describe('Wait, Map and Task timeouts in AWS time', () => {
  it('waits SecondsPath and TimestampPath on the clock, maps items, and times out a slow task as States.Timeout', async () => {
    // Prepare: 40 s of waiting and a 10 s task timeout, at 1000x
    const harness = new SfnHarness({
      timeScale: 1000,
      functions: {
        'handle-item': (payload) => ({ handled: payload }),
        slow: () => new Promise(() => undefined),
      },
    });
    const arn = harness.register('waits', 'waits-map-timeout.asl.json');
    const startedAt = harness.clock.now();
    const input = { delaySeconds: 20, until: new Date(startedAt + 40_000).toISOString(), items: ['a', 'b'] };

    // Act
    const execution = harness.stepFunctions.startExecution(arn, JSON.stringify(input));
    const ended = await execution.done;

    // Assess: the catcher of States.TaskFailed does not catch the timeout; the one of States.Timeout does
    expect(ended).toMatchObject({ status: 'FAILED', error: 'SlowCarrier', cause: 'the carrier did not answer' });
    const types = execution.history.events.map((event) => event.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'WaitStateEntered',
        'WaitStateExited',
        'MapIterationStarted',
        'LambdaFunctionScheduled',
        'LambdaFunctionSucceeded',
        'TaskTimedOut',
        'FailStateEntered',
        'ExecutionFailed',
      ]),
    );
    expect(types).not.toContain('TaskSucceeded');
    const entered = (name: string) =>
      execution.history.events.find((event) => event.details?.name === name && event.type.endsWith('StateEntered'))
        ?.timestamp ?? 0;
    expect(entered('WaitUntil') - entered('WaitSeconds')).toBeGreaterThanOrEqual(20_000);
    expect(entered('EachItem') - startedAt).toBeGreaterThanOrEqual(40_000);
    expect(
      harness.invocations
        .filter((call) => call.functionNameOrArn.endsWith('handle-item'))
        .map((call) => call.payload)
        .sort(),
    ).toEqual(['a', 'b']);
    expect((ended.stopDate ?? 0) - entered('Slow')).toBeGreaterThanOrEqual(10_000);
  });

  it('fails the execution with States.Runtime when a task uses a resource the local cloud does not run', async () => {
    // Prepare
    const harness = new SfnHarness();
    harness.stepFunctions.registerStateMachine({
      arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:sqs-sender',
      name: 'sqs-sender',
      roleArn: 'arn:aws:iam::000000000000:role/sqs-sender',
      definition: JSON.stringify({
        StartAt: 'Send',
        States: {
          Send: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sns:publish',
            Parameters: { TopicArn: 'arn:aws:sns:us-east-1:000000000000:t', Message: 'hi' },
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
            End: true,
          },
          Caught: { Type: 'Succeed' },
        },
      }),
    });

    // Act
    const ended = await harness.stepFunctions.startExecution(
      'arn:aws:states:us-east-1:000000000000:stateMachine:sqs-sender',
    ).done;

    // Assess
    expect(ended.status).toBe('FAILED');
    expect(ended.error).toBe('States.Runtime');
    expect(ended.cause).toContain("'arn:aws:states:::sns:publish'");
    expect(ended.cause).toContain('SNS is not emulated');
  });

  it('ends a stopped execution ABORTED with the given error and cause, without running further tasks', async () => {
    // Prepare: in real time, the saga's 30 s Wait keeps the execution running
    const harness = new SfnHarness({
      timeScale: 1,
      functions: {
        'reserve-stock': () => ({ status: 'RESERVED' }),
        'process-payment': () => ({ status: 'COMPLETED' }),
      },
    });
    const arn = harness.register('order-saga', 'order-saga.asl.json');
    const execution = harness.stepFunctions.startExecution(
      arn,
      JSON.stringify({ detail: { data: { orderId: 'order-9' } } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));

    // Act
    const stopped = await harness.stepFunctions.stopExecution(execution.executionArn, 'Operator', 'stopped by hand');

    // Assess
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'stopped by hand' });
    expect(execution.history.events.at(-1)?.type).toBe('ExecutionAborted');
    expect(harness.published).toHaveLength(0);
    expect(harness.trace.events('execution.failed')).toEqual([
      expect.objectContaining({ error: 'States.Aborted', correlationId: 'order-9' }),
    ]);
  });
});
