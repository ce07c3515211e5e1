import type { TestStateCommandInput } from '@aws-sdk/client-sfn';
import { ScaledClock } from '../../../lib/local/clock';
import { LocalSqs } from '../../../lib/local/sqs';
import { SqsJsonApi } from '../../../lib/local/sqs/api/sqs-json-api';
import { FunctionError } from '../../../lib/local/stepfunctions';
import { TraceRecorder } from '../../../lib/local/trace';
import { SfnHarness } from './sfn-harness';
import { serveHarnessForAllTests, testState } from './sfn-server';

const ROLE = 'arn:aws:iam::000000000000:role/tester';

// TestState of Task states as the API reference (TestState, InspectionData,
// InspectionErrorDetails) and the developer guide ("Using TestState API to test a state") describe
// them; the request checks and inspection data shapes follow the AWS-validated snapshots of
// localstack's tests/aws/services/stepfunctions/v2/test_state (test_test_state_scenarios,
// test_state_mock_validation).
describe('TestState of Task states on the local integrations', () => {
  const clock = new ScaledClock({ timeScale: 1000 });
  const sqs = new LocalSqs({ clock, trace: new TraceRecorder(clock) });
  const authorized: string[] = [];
  const { harness, served } = serveHarnessForAllTests(
    () =>
      new SfnHarness({
        validateDefinitions: false,
        functions: {
          price: (payload) => ({ total: (payload as { qty: number }).qty * 5 }),
          hang: () => new Promise(() => undefined),
          flaky: () => {
            throw new FunctionError('Backend.Busy', 'try later');
          },
        },
        endpointServices: { 'AmazonSQS.': new SqsJsonApi(sqs) },
        authorize: (roleArn, request) => {
          authorized.push(roleArn);
          return roleArn.endsWith('/nobody') && 'target' in request
            ? { message: `User: ${roleArn} is not authorized to perform: sqs:SendMessage` }
            : undefined;
        },
      }),
  );
  afterAll(() => sqs.close());

  const test = (definition: object, input: unknown, extra: Partial<TestStateCommandInput> = {}) =>
    testState(served.client, ROLE, definition, input, extra);
  const parsed = (text: string | undefined): unknown => JSON.parse(text ?? 'null');

  it('invokes the function of a lambda:invoke Task and reports each processing step at DEBUG', async () => {
    // Act
    const answer = await test(
      {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        InputPath: '$.order',
        Parameters: { FunctionName: 'price', 'Payload.$': '$' },
        ResultSelector: { 'total.$': '$.Payload.total' },
        ResultPath: '$.priced',
        Next: 'Ship',
      },
      { order: { qty: 3 } },
      { inspectionLevel: 'DEBUG' },
    );

    // Assess
    expect(answer).toMatchObject({ status: 'SUCCEEDED', nextState: 'Ship' });
    expect(parsed(answer.output)).toEqual({ order: { qty: 3 }, priced: { total: 15 } });
    const data = answer.inspectionData;
    expect(parsed(data?.input)).toEqual({ order: { qty: 3 } });
    expect(parsed(data?.afterInputPath)).toEqual({ qty: 3 });
    expect(parsed(data?.afterParameters)).toEqual({ FunctionName: 'price', Payload: { qty: 3 } });
    expect(parsed(data?.result)).toMatchObject({ StatusCode: 200, Payload: { total: 15 } });
    expect(parsed(data?.afterResultSelector)).toEqual({ total: 15 });
    expect(parsed(data?.afterResultPath)).toEqual({ order: { qty: 3 }, priced: { total: 15 } });
    expect(data?.request).toBeUndefined();
    expect(harness.invokedNames()).toContain('price');
  });

  it('sends an SQS message with the given role and shows JSONata arguments', async () => {
    // Arrange
    sqs.createQueue('test-state-outbox');
    const queueUrl = sqs.queueUrl('test-state-outbox');
    authorized.length = 0;

    // Act
    const answer = await test(
      {
        Type: 'Task',
        QueryLanguage: 'JSONata',
        Resource: 'arn:aws:states:::sqs:sendMessage',
        Arguments: { QueueUrl: queueUrl, MessageBody: '{% $string($states.input) %}' },
        Output: '{% $states.result.MessageId %}',
        End: true,
      },
      { orderId: 'o-7' },
      { inspectionLevel: 'TRACE' },
    );
    const received = await sqs.findQueue('test-state-outbox')?.receive({ maxNumberOfMessages: 1, receiver: 'test' });

    // Assess
    expect(answer.status).toBe('SUCCEEDED');
    expect(typeof parsed(answer.output)).toBe('string');
    expect(parsed(answer.inspectionData?.afterArguments)).toEqual({
      QueueUrl: queueUrl,
      MessageBody: '{"orderId":"o-7"}',
    });
    expect(answer.inspectionData?.afterParameters).toBeUndefined();
    expect(JSON.stringify(received)).toContain('o-7');
    expect(authorized).toContain(ROLE);
  });

  it('fails with the integration error when the role may not call the service', async () => {
    const answer = await test(
      {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage',
        Parameters: { QueueUrl: sqs.queueUrl('test-state-outbox'), MessageBody: 'x' },
        End: true,
      },
      {},
      { roleArn: 'arn:aws:iam::000000000000:role/nobody' },
    );
    expect(answer).toMatchObject({ status: 'FAILED', error: 'SQS.AmazonSQSException' });
    expect(answer.cause).toContain('is not authorized to perform: sqs:SendMessage');
  });

  it('answers RETRIABLE with the retrier index and its back-off, and calls the function once', async () => {
    // Arrange
    const before = harness.invokedNames().filter((name) => name === 'flaky').length;
    const definition = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'flaky' },
      Retry: [
        { ErrorEquals: ['Other'], MaxAttempts: 1 },
        { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }],
      End: true,
    };

    // Act
    const first = await test(definition, {}, { inspectionLevel: 'DEBUG' });
    const second = await test(
      definition,
      {},
      { inspectionLevel: 'DEBUG', stateConfiguration: { retrierRetryCount: 2 } },
    );
    const exhausted = await test(
      definition,
      {},
      { inspectionLevel: 'DEBUG', stateConfiguration: { retrierRetryCount: 3 } },
    );

    // Assess
    expect(first).toMatchObject({ status: 'RETRIABLE', error: 'Backend.Busy' });
    expect(first.inspectionData?.errorDetails).toEqual({ retryIndex: 1, retryBackoffIntervalSeconds: 2 });
    expect(second.inspectionData?.errorDetails).toEqual({ retryIndex: 1, retryBackoffIntervalSeconds: 18 });
    expect(exhausted).toMatchObject({ status: 'CAUGHT_ERROR', nextState: 'Recover' });
    expect(exhausted.inspectionData?.errorDetails).toEqual({ catchIndex: 0 });
    expect(harness.invokedNames().filter((name) => name === 'flaky').length - before).toBe(3);
  });

  // API reference, TestState: it runs for up to five minutes, then fails with States.Timeout
  // (5 AWS minutes are 300 wall ms at the harness's time scale).
  it('fails with States.Timeout when the Task runs longer than five minutes', async () => {
    const answer = await test(
      { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'hang' }, End: true },
      {},
    );
    expect(answer).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });

  it('answers a mocked error with the catcher that takes it, without calling the integration', async () => {
    // Arrange
    const before = harness.invocations.length;

    // Act
    const answer = await test(
      {
        Type: 'Task',
        QueryLanguage: 'JSONata',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'foo', Payload: 'bar' },
        Catch: [
          { ErrorEquals: ['MockException'], Next: 'HandleMockError' },
          { ErrorEquals: ['States.TaskFailed'], Next: 'HandleThreshold' },
        ],
        End: true,
      },
      { Value: 'HelloWorld' },
      { inspectionLevel: 'DEBUG', mock: { errorOutput: { error: 'States.TaskFailed', cause: 'The task failed.' } } },
    );

    // Assess
    expect(answer).toMatchObject({
      status: 'CAUGHT_ERROR',
      error: 'States.TaskFailed',
      cause: 'The task failed.',
      nextState: 'HandleThreshold',
    });
    expect(parsed(answer.inspectionData?.afterArguments)).toEqual({ FunctionName: 'foo', Payload: 'bar' });
    expect(answer.inspectionData?.errorDetails).toEqual({ catchIndex: 1 });
    expect(harness.invocations.length).toBe(before);
  });

  it('refuses a Task without a role, a mock on a Pass, two mock answers and revealSecrets with a mock', async () => {
    const task = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'price' },
      End: true,
    };
    await expect(test(task, {}, { roleArn: undefined })).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'RoleArn must be specified when testing a Task state',
    });
    await expect(test({ Type: 'Pass', End: true }, {}, { mock: { result: '{}' } })).rejects.toMatchObject({
      name: 'ValidationException',
      message: "State type 'Pass' is not supported when a mock is specified",
    });
    await expect(
      test(task, {}, { mock: { result: '{}', errorOutput: { error: 'E', cause: 'c' } } }),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'A test mock should have only one of the following fields: [result, errorOutput].',
    });
    await expect(test(task, {}, { mock: { result: '{}' }, revealSecrets: true })).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'TestState does not support RevealSecrets when a mock is specified.',
    });
  });

  it('refuses a Map state without a mock with InvalidDefinition', async () => {
    await expect(
      test({ Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true }, []),
    ).rejects.toMatchObject({
      name: 'InvalidDefinition',
      message:
        'TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]',
    });
  });

  it('runs a mocked Parallel and Map: the mock stands for their results, or their error', async () => {
    // Arrange
    const branch = { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } };
    const parallel = { Type: 'Parallel', Branches: [branch, branch], ResultPath: '$.results', Next: 'Join' };
    const map = {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: branch,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Recover' }],
      End: true,
    };

    // Act
    const mocked = await test(
      parallel,
      { order: 1 },
      { mock: { result: '[{"a":1},{"b":2}]' }, inspectionLevel: 'DEBUG' },
    );
    const failed = await test(
      map,
      { items: [1, 2] },
      {
        mock: { errorOutput: { error: 'States.ExceedToleratedFailureThreshold', cause: 'too many' } },
      },
    );
    const miscounted = test(parallel, {}, { mock: { result: '[1]' } });
    const notAnArray = test(map, { items: [] }, { mock: { result: '{}' } });

    // Assess
    expect(mocked).toMatchObject({ status: 'SUCCEEDED', nextState: 'Join' });
    expect(parsed(mocked.output)).toEqual({ order: 1, results: [{ a: 1 }, { b: 2 }] });
    expect(parsed(mocked.inspectionData?.result)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(failed).toMatchObject({
      status: 'CAUGHT_ERROR',
      nextState: 'Recover',
      error: 'States.ExceedToleratedFailureThreshold',
    });
    await expect(miscounted).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Mocked result must contain the same number of items as number of Parallel branches.',
    });
    await expect(notAnArray).rejects.toMatchObject({ message: 'Mocked result must be an array.' });
    // A catcher whose ResultPath cannot be applied fails the state, not the call.
    const unappliable = await test(map, [1, 2], { mock: { errorOutput: { error: 'Boom', cause: 'c' } } });
    expect(unappliable).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('tests the state stateName names in a whole state machine definition', async () => {
    const answer = await test(
      {
        StartAt: 'First',
        States: {
          First: { Type: 'Pass', Next: 'Second' },
          Second: { Type: 'Pass', Result: { picked: 'second' }, End: true },
        },
      },
      {},
      { stateName: 'Second' },
    );
    expect(answer).toMatchObject({ status: 'SUCCEEDED' });
    expect(parsed(answer.output)).toEqual({ picked: 'second' });
  });
});
