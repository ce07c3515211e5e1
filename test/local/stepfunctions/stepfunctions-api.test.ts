import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { fixtureText, SfnHarness } from './sfn-harness';
import { serveHarnessForAllTests } from './sfn-server';

const input = fixtureText('order-placed-input.json');
const functions = {
  'reserve-stock': () => ({ status: 'RESERVED' }),
  'process-payment': () => ({ status: 'COMPLETED' }),
  'release-stock': () => ({}),
};

describe('Step Functions API through the AWS SDK', () => {
  const { harness, served } = serveHarnessForAllTests(() => new SfnHarness({ functions }));
  let sagaArn: string;
  let expressArn: string;

  beforeAll(() => {
    sagaArn = harness.register('order-saga', 'order-saga.asl.json');
    expressArn = harness.register('order-saga-express', 'order-saga.asl.json', 'EXPRESS');
  });

  it('starts an execution, describes it after it ends, and lists it by status', async () => {
    // Act
    const started = await served.client.send(
      new StartExecutionCommand({ stateMachineArn: sagaArn, name: 'order-0001', input }),
    );
    await harness.stepFunctions.whenIdle();
    const described = await served.client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    const succeeded = await served.client.send(
      new ListExecutionsCommand({ stateMachineArn: sagaArn, statusFilter: 'SUCCEEDED' }),
    );
    const failed = await served.client.send(
      new ListExecutionsCommand({ stateMachineArn: sagaArn, statusFilter: 'FAILED' }),
    );

    // Assess
    expect(started.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:order-saga:order-0001');
    expect(started.startDate).toBeInstanceOf(Date);
    expect(described).toMatchObject({ status: 'SUCCEEDED', name: 'order-0001', stateMachineArn: sagaArn, input });
    expect(described.stopDate?.getTime()).toBeGreaterThanOrEqual(described.startDate?.getTime() ?? Infinity);
    expect(JSON.parse(described.output ?? '')).toMatchObject({ payment: { status: 'COMPLETED' } });
    expect(succeeded.executions?.map((execution) => execution.name)).toContain('order-0001');
    expect(failed.executions).toEqual([]);
  });

  it('returns the same execution for the same name and input while it runs, and refuses the name otherwise', async () => {
    // Act
    const first = await served.client.send(
      new StartExecutionCommand({ stateMachineArn: sagaArn, name: 'twice', input }),
    );
    const again = await served.client.send(
      new StartExecutionCommand({ stateMachineArn: sagaArn, name: 'twice', input }),
    );
    const otherInput = served.client.send(
      new StartExecutionCommand({ stateMachineArn: sagaArn, name: 'twice', input: '{"orderId":"other"}' }),
    );

    // Assess
    expect(again.executionArn).toBe(first.executionArn);
    await expect(otherInput).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await harness.stepFunctions.whenIdle();
    await expect(
      served.client.send(new StartExecutionCommand({ stateMachineArn: sagaArn, name: 'twice', input })),
    ).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
  });

  it('pages ListExecutions with maxResults and nextToken', async () => {
    // Prepare
    for (const name of ['page-1', 'page-2', 'page-3']) {
      await served.client.send(new StartExecutionCommand({ stateMachineArn: sagaArn, name, input }));
    }
    await harness.stepFunctions.whenIdle();

    // Act
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await served.client.send(
        new ListExecutionsCommand({ stateMachineArn: sagaArn, maxResults: 2, nextToken }),
      );
      names.push(...(page.executions ?? []).map((execution) => execution.name ?? ''));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken);

    // Assess
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(names.slice(0, 3)).toEqual(['page-3', 'page-2', 'page-1']);
    expect(new Set(names).size).toBe(names.length);
  });

  it('returns an AWS-shaped history: execution, state and task events in order', async () => {
    // Prepare
    const { executionArn } = await served.client.send(new StartExecutionCommand({ stateMachineArn: sagaArn, input }));
    await harness.stepFunctions.whenIdle();

    // Act
    const history = await served.client.send(new GetExecutionHistoryCommand({ executionArn }));
    const withoutData = await served.client.send(
      new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false, reverseOrder: true, maxResults: 1 }),
    );

    // Assess
    const types = history.events?.map((event) => event.type);
    expect(types?.slice(0, 6)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
    ]);
    expect(types).toContain('ChoiceStateEntered');
    expect(types).toContain('WaitStateExited');
    expect(types?.at(-1)).toBe('ExecutionSucceeded');
    const scheduled = history.events?.find((event) => event.type === 'TaskScheduled');
    expect(scheduled?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'us-east-1',
    });
    expect(JSON.parse(scheduled?.taskScheduledEventDetails?.parameters ?? '')).toMatchObject({
      FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:reserve-stock',
    });
    expect(history.events?.map((event) => event.id)).toEqual(history.events?.map((_, index) => index + 1));
    expect(history.events?.[0]?.timestamp).toBeInstanceOf(Date);
    expect(withoutData.events).toHaveLength(1);
    expect(withoutData.events?.[0]?.type).toBe('ExecutionSucceeded');
    expect(withoutData.events?.[0]?.executionSucceededEventDetails?.output).toBeUndefined();
    expect(withoutData.nextToken).toBeDefined();
  });

  it('runs an EXPRESS execution to its end with StartSyncExecution', async () => {
    // Act
    const result = await served.client.send(new StartSyncExecutionCommand({ stateMachineArn: expressArn, input }));

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:express:order-saga-express:/);
    expect(JSON.parse(result.output ?? '')).toMatchObject({ reservation: { status: 'RESERVED' } });
  });

  it('stops a running execution', async () => {
    // Prepare: an hour's Wait keeps it running for 3.6 s at 1000x
    const holdArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:hold';
    harness.stepFunctions.registerStateMachine({
      arn: holdArn,
      name: 'hold',
      roleArn: 'arn:aws:iam::000000000000:role/hold',
      definition: JSON.stringify({ StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 3600, End: true } } }),
    });
    const { executionArn } = await served.client.send(new StartExecutionCommand({ stateMachineArn: holdArn, input }));

    // Act
    const stopped = await served.client.send(
      new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'manual' }),
    );
    const described = await served.client.send(new DescribeExecutionCommand({ executionArn }));

    // Assess
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(described).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'manual' });
  });

  it('describes a registered state machine', async () => {
    // Act
    const described = await served.client.send(new DescribeStateMachineCommand({ stateMachineArn: expressArn }));

    // Assess
    expect(described).toMatchObject({
      name: 'order-saga-express',
      type: 'EXPRESS',
      status: 'ACTIVE',
      definition: fixtureText('order-saga.asl.json'),
    });
  });

  it.each([
    [
      'a state machine that does not exist',
      'StateMachineDoesNotExist',
      new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:nope' }),
    ],
    [
      'an execution that does not exist',
      'ExecutionDoesNotExist',
      new DescribeExecutionCommand({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:order-saga:nope' }),
    ],
    ['a malformed state machine arn', 'InvalidArn', new StartExecutionCommand({ stateMachineArn: 'order-saga' })],
    [
      'an execution arn given as state machine arn',
      'InvalidArn',
      new ListExecutionsCommand({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:execution:order-saga:x' }),
    ],
    [
      'an input that is not json',
      'InvalidExecutionInput',
      new StartExecutionCommand({
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:order-saga',
        input: '{not json',
      }),
    ],
    [
      'an input over 256 KiB',
      'InvalidExecutionInput',
      new StartExecutionCommand({
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:order-saga',
        input: JSON.stringify({ blob: 'x'.repeat(262_144) }),
      }),
    ],
    [
      'a name with a space',
      'InvalidName',
      new StartExecutionCommand({
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:order-saga',
        name: 'two words',
      }),
    ],
    ['a missing parameter', 'ValidationException', new DescribeExecutionCommand({ executionArn: undefined })],
    [
      'an unknown status filter',
      'ValidationException',
      new ListExecutionsCommand({
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:order-saga',
        statusFilter: 'DONE' as never,
      }),
    ],
    [
      'a paging token it never handed out',
      'InvalidToken',
      new ListExecutionsCommand({
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:order-saga',
        nextToken: 'bogus',
      }),
    ],
    [
      'StartSyncExecution on a STANDARD state machine',
      'StateMachineTypeNotSupported',
      new StartSyncExecutionCommand({
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:order-saga',
      }),
    ],
  ])('refuses %s with %s', async (_case, code, command) => {
    // Act
    const sent = served.client.send(command as never);

    // Assess
    await expect(sent).rejects.toMatchObject({ name: code, $metadata: { httpStatusCode: 400 } });
  });
});
