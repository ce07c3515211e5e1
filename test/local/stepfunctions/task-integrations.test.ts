import { SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { ScaledClock } from '../../../lib/local/clock';
import { LocalDynamoDb } from '../../../lib/local/dynamodb';
import { LocalSqs } from '../../../lib/local/sqs';
import { SqsJsonApi } from '../../../lib/local/sqs/api/sqs-json-api';
import { newTaskToken, TaskTokens, unrunTaskResources } from '../../../lib/local/stepfunctions';
import { TraceRecorder } from '../../../lib/local/trace';
import { ManualClock } from '../sqs/manual-clock';
import { SfnHarness, stateMachineArn } from './sfn-harness';
import { serveHarnessForAllTests } from './sfn-server';

const ROLE = 'arn:aws:iam::000000000000:role/sfn-role';

/** Registers a definition (an object) as a STANDARD machine of the harness. */
function register(harness: SfnHarness, name: string, definition: object): string {
  const arn = stateMachineArn(name);
  harness.stepFunctions.registerStateMachine({ arn, name, definition: JSON.stringify(definition), roleArn: ROLE });
  return arn;
}

/** A callback Task on lambda:invoke whose payload carries the token. */
function callbackMachine(extra: object = {}): object {
  return {
    StartAt: 'Approve',
    States: {
      Approve: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'approver', Payload: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } },
        ...extra,
        End: true,
      },
    },
  };
}

/** Resolves with the first payload `approver` received (its token), once it has been invoked. */
function approverTokens(): { functions: Record<string, (payload: unknown) => unknown>; next: () => Promise<string> } {
  const waiting: ((token: string) => void)[] = [];
  const tokens: string[] = [];
  return {
    functions: {
      approver: (payload) => {
        const token = (payload as { token: string }).token;
        const resolve = waiting.shift();
        if (resolve) resolve(token);
        else tokens.push(token);
        return { queued: true };
      },
    },
    next: () => {
      const token = tokens.shift();
      return token !== undefined ? Promise.resolve(token) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

// The callback pattern and the SendTask* APIs as the AWS Step Functions developer guide ("Wait for
// a Callback with Task Token") and the API reference (SendTaskSuccess: InvalidToken,
// TaskDoesNotExist, TaskTimedOut) describe them.
describe('task tokens and SendTask* through the AWS SDK', () => {
  const approvals = approverTokens();
  const { harness, served } = serveHarnessForAllTests(
    () => new SfnHarness({ functions: approvals.functions, validateDefinitions: false }),
  );

  it('completes a waiting task with send-task-success, and refuses the same token afterwards with TaskTimedOut', async () => {
    // Arrange
    const arn = register(harness, 'approval', callbackMachine());
    const execution = harness.stepFunctions.startExecution(arn, '{"order":"ord-1"}');
    const token = await approvals.next();

    // Act
    await served.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    const ended = await execution.done;
    const reused = served.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));

    // Assess
    expect(ended.status).toBe('SUCCEEDED');
    expect(JSON.parse(ended.output ?? '')).toEqual({ approved: true });
    expect(execution.history.events.map((event) => event.type)).toContain('TaskSubmitted');
    await expect(reused).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('answers InvalidToken for a malformed token and TaskDoesNotExist for one never issued', async () => {
    // Act
    const malformed = served.client.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' }));
    const unknown = served.client.send(new SendTaskHeartbeatCommand({ taskToken: newTaskToken() }));

    // Assess
    await expect(malformed).rejects.toMatchObject({ name: 'InvalidToken' });
    await expect(unknown).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });

  it('fails the task with the error and cause of send-task-failure, which Catch sees', async () => {
    // Arrange
    const definition = callbackMachine({
      Catch: [{ ErrorEquals: ['Rejected'], ResultPath: '$.failure', Next: 'Rejected' }],
    }) as { States: Record<string, object> };
    definition.States.Rejected = { Type: 'Pass', End: true };
    const arn = register(harness, 'rejection', definition);
    const execution = harness.stepFunctions.startExecution(arn, '{"order":"ord-2"}');
    const token = await approvals.next();

    // Act
    await served.client.send(new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'too big' }));
    const ended = await execution.done;

    // Assess
    expect(ended.status).toBe('SUCCEEDED');
    expect(JSON.parse(ended.output ?? '')).toMatchObject({ failure: { Error: 'Rejected', Cause: 'too big' } });
  });

  it('fails a task without a heartbeat within HeartbeatSeconds with States.HeartbeatTimeout', async () => {
    // Arrange: 5 AWS seconds are 5 wall ms at the harness's time scale.
    const arn = register(harness, 'heartbeat', callbackMachine({ HeartbeatSeconds: 5 }));
    const execution = harness.stepFunctions.startExecution(arn, '{"order":"ord-3"}');
    const token = await approvals.next();

    // Act
    const ended = await execution.done;
    const late = served.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));

    // Assess
    expect(ended).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    await expect(late).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  // ASL specification, Task state: HeartbeatSecondsPath (JSONPath) and a HeartbeatSeconds
  // expression (JSONata) give the heartbeat from the input.
  it.each([
    ['HeartbeatSecondsPath', { HeartbeatSecondsPath: '$.heartbeat' }],
    ['a JSONata HeartbeatSeconds', { QueryLanguage: 'JSONata', HeartbeatSeconds: '{% $states.input.heartbeat %}' }],
  ])('fails a task without a heartbeat within the seconds %s gives', async (_how, fields) => {
    // Arrange
    const definition = callbackMachine(fields) as { States: { Approve: Record<string, unknown> } };
    if ('QueryLanguage' in fields) {
      delete definition.States.Approve.Parameters;
      definition.States.Approve.Arguments = {
        FunctionName: 'approver',
        Payload: { token: '{% $states.context.Task.Token %}', order: '{% $states.input.order %}' },
      };
    }
    const arn = register(harness, `heartbeat-from-input-${'QueryLanguage' in fields ? 'jsonata' : 'path'}`, definition);
    const execution = harness.stepFunctions.startExecution(arn, '{"order":"ord-4","heartbeat":5}');
    await approvals.next();

    // Act
    const ended = await execution.done;

    // Assess
    expect(ended).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
  });
});

describe('TaskTokens', () => {
  it('restarts the heartbeat timeout on every heartbeat', async () => {
    // Arrange
    // AWS time moves only when the test says so: a busy machine cannot make a beat late.
    const clock = new ManualClock();
    const tokens = new TaskTokens(clock);
    const token = newTaskToken();
    const outcome = tokens.wait(token, {
      executionArn: 'arn',
      stateName: 'S',
      heartbeatSeconds: 30,
      signal: new AbortController().signal,
    });

    // Act: heartbeats every 20 AWS seconds outlast three 30-second timeouts.
    for (let beat = 0; beat < 3; beat += 1) {
      await clock.advance(20_000);
      tokens.heartbeat(token);
    }
    await clock.advance(20_000);
    tokens.succeed(token, '"done"');

    // Assess
    await expect(outcome).resolves.toBe('done');
  });
});

// Parent and child state machines: `states:startExecution` (.waitForTaskToken, .sync, .sync:2) as
// the developer guide's "Start a new AWS Step Functions state machine from a running execution"
// documents the outputs, and `aws-sdk:sfn:sendTaskSuccess` (PascalCase parameters).
describe('state machines starting state machines', () => {
  let harness: SfnHarness;

  beforeAll(() => {
    harness = new SfnHarness({ validateDefinitions: false });
  });

  afterAll(() => harness.stepFunctions.close());

  it('runs a parent waiting on a task token that its child sends back with aws-sdk:sfn:sendTaskSuccess', async () => {
    // Arrange
    const child = register(harness, 'child', {
      StartAt: 'Reply',
      States: {
        Reply: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:sfn:sendTaskSuccess',
          Parameters: { 'TaskToken.$': '$.token', 'Output.$': 'States.JsonToString($.result)' },
          End: true,
        },
      },
    });
    const parent = register(harness, 'parent', {
      StartAt: 'StartChild',
      States: {
        StartChild: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
          Parameters: {
            StateMachineArn: child,
            Input: { 'token.$': '$$.Task.Token', result: { shipped: true } },
          },
          End: true,
        },
      },
    });

    // Act
    const ended = await harness.stepFunctions.startExecution(parent, '{}').done;
    await harness.stepFunctions.whenIdle();
    const children = harness.stepFunctions.listExecutions(child);

    // Assess
    expect(ended.status).toBe('SUCCEEDED');
    expect(JSON.parse(ended.output ?? '')).toEqual({ shipped: true });
    expect(children.map((execution) => execution.status)).toEqual(['SUCCEEDED']);
    expect(children[0]?.trigger).toBe(`states:${ended.executionArn}`);
  });

  it('returns the child description with Output as text for .sync and as JSON for .sync:2', async () => {
    // Arrange
    const child = register(harness, 'doubler', {
      StartAt: 'Double',
      States: { Double: { Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, End: true } },
    });
    const parentOf = (resource: string) => ({
      StartAt: 'Run',
      States: {
        Run: { Type: 'Task', Resource: resource, Parameters: { StateMachineArn: child, Input: { n: 21 } }, End: true },
      },
    });
    const sync = register(harness, 'sync-parent', parentOf('arn:aws:states:::states:startExecution.sync'));
    const sync2 = register(harness, 'sync2-parent', parentOf('arn:aws:states:::states:startExecution.sync:2'));

    // Act
    const [viaSync, viaSync2] = await Promise.all([
      harness.stepFunctions.startExecution(sync, '{}').done,
      harness.stepFunctions.startExecution(sync2, '{}').done,
    ]);

    // Assess
    const syncOutput = JSON.parse(viaSync.output ?? '') as Record<string, unknown>;
    const sync2Output = JSON.parse(viaSync2.output ?? '') as Record<string, unknown>;
    expect(syncOutput).toMatchObject({
      Status: 'SUCCEEDED',
      StateMachineArn: child,
      Input: '{"n":21}',
      Output: '{"doubled":42}',
      InputDetails: { Included: true },
      OutputDetails: { Included: true },
    });
    expect(syncOutput.StartDate).toEqual(expect.any(Number));
    expect(sync2Output).toMatchObject({ Status: 'SUCCEEDED', Input: { n: 21 }, Output: { doubled: 42 } });
  });

  it('fails a .sync parent with States.TaskFailed when its child fails', async () => {
    // Arrange
    const child = register(harness, 'failing-child', {
      StartAt: 'Boom',
      States: { Boom: { Type: 'Fail', Error: 'OutOfStock', Cause: 'none left' } },
    });
    const parent = register(harness, 'failing-parent', {
      StartAt: 'Run',
      States: {
        Run: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync',
          Parameters: { StateMachineArn: child },
          End: true,
        },
      },
    });

    // Act
    const ended = await harness.stepFunctions.startExecution(parent, '{}').done;

    // Assess
    expect(ended).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(JSON.parse(ended.cause ?? '')).toMatchObject({ Status: 'FAILED', Error: 'OutOfStock', Cause: 'none left' });
  });

  it('fails with StepFunctions.StateMachineDoesNotExistException when the child machine does not exist', async () => {
    // Arrange
    const parent = register(harness, 'orphan', {
      StartAt: 'Run',
      States: {
        Run: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution',
          Parameters: { StateMachineArn: stateMachineArn('missing') },
          End: true,
        },
      },
    });

    // Act
    const ended = await harness.stepFunctions.startExecution(parent, '{}').done;

    // Assess
    expect(ended).toMatchObject({ status: 'FAILED', error: 'StepFunctions.StateMachineDoesNotExistException' });
  });
});

// The SQS and DynamoDB optimized integrations, as the developer guide's "Call Amazon SQS" and
// "Call DynamoDB APIs" pages give their parameters, results and error names.
describe('sqs and dynamodb integrations against the local services', () => {
  const clock = new ScaledClock({ timeScale: 1000 });
  const sqs = new LocalSqs({ clock, trace: new TraceRecorder(clock) });
  let dynamoDb: LocalDynamoDb;
  let harness: SfnHarness;
  let denyAll = false;

  beforeAll(async () => {
    dynamoDb = await LocalDynamoDb.start();
    await dynamoDb.ensureTables([
      {
        TableName: 'orders',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
    ] as never);
    harness = new SfnHarness({
      validateDefinitions: false,
      endpointServices: { 'AmazonSQS.': new SqsJsonApi(sqs), 'DynamoDB_20120810.': dynamoDb },
      authorize: () => (denyAll ? { message: 'User: role is not authorized to perform: sqs:SendMessage' } : undefined),
    });
  });

  afterAll(async () => {
    await harness.stepFunctions.close();
    sqs.close();
    await dynamoDb.stop();
  });

  function sendMachine(name: string, queueUrl: string): string {
    return register(harness, name, {
      StartAt: 'Send',
      States: {
        Send: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          Parameters: { QueueUrl: queueUrl, 'MessageBody.$': '$' },
          End: true,
        },
      },
    });
  }

  it('sends the message body as JSON text and returns SendMessage response with the SDK metadata', async () => {
    // Arrange
    sqs.createQueue('outbox');
    const arn = sendMachine('sender', sqs.queueUrl('outbox'));

    // Act
    const ended = await harness.stepFunctions.startExecution(arn, '{"orderId":"ord-9"}').done;
    const received = await sqs.findQueue('outbox')?.receive({ maxNumberOfMessages: 1, receiver: 'test' });

    // Assess
    expect(ended.status).toBe('SUCCEEDED');
    expect(JSON.parse(ended.output ?? '')).toMatchObject({
      MessageId: expect.any(String),
      MD5OfMessageBody: expect.any(String),
      SdkHttpMetadata: { HttpStatusCode: 200 },
    });
    expect(JSON.stringify(received)).toContain('ord-9');
  });

  it('fails with SQS.QueueDoesNotExistException for a missing queue and SQS.AmazonSQSException when IAM refuses', async () => {
    // Arrange
    const missing = sendMachine('lost-sender', sqs.queueUrl('no-such-queue'));
    sqs.createQueue('guarded');
    const guarded = sendMachine('guarded-sender', sqs.queueUrl('guarded'));

    // Act
    const lost = await harness.stepFunctions.startExecution(missing, '{}').done;
    denyAll = true;
    const refused = await harness.stepFunctions.startExecution(guarded, '{}').done;
    denyAll = false;

    // Assess
    expect(lost.error).toBe('SQS.QueueDoesNotExistException');
    expect(refused.error).toBe('SQS.AmazonSQSException');
    expect(refused.cause).toContain('is not authorized to perform: sqs:SendMessage');
  });

  it('puts and gets an item, and fails a failed condition with DynamoDB.ConditionalCheckFailedException', async () => {
    // Arrange
    const put = {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: {
        TableName: 'orders',
        Item: { id: { 'S.$': '$.id' } },
        ConditionExpression: 'attribute_not_exists(id)',
      },
      ResultPath: null,
    };
    const arn = register(harness, 'recorder', {
      StartAt: 'Put',
      States: {
        Put: { ...put, Next: 'Get' },
        Get: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:getItem',
          Parameters: { TableName: 'orders', Key: { id: { 'S.$': '$.id' } } },
          End: true,
        },
      },
    });

    // Act
    const first = await harness.stepFunctions.startExecution(arn, '{"id":"ord-7"}').done;
    const second = await harness.stepFunctions.startExecution(arn, '{"id":"ord-7"}').done;

    // Assess
    expect(first.status).toBe('SUCCEEDED');
    expect(JSON.parse(first.output ?? '')).toMatchObject({ Item: { id: { S: 'ord-7' } } });
    expect(second.error).toBe('DynamoDB.ConditionalCheckFailedException');
  });
});

describe('the integration registry', () => {
  it('lists the Task resources of a definition that the local cloud does not run, with the reason', () => {
    // Arrange
    const definition = {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Notify',
              States: { Notify: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true } },
            },
            {
              StartAt: 'Queue',
              States: { Queue: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } },
            },
          ],
          End: true,
        },
      },
    };

    // Act
    const unrun = unrunTaskResources(definition);

    // Assess
    expect(unrun).toEqual([
      { stateName: 'Notify', resource: 'arn:aws:states:::sns:publish', reason: 'SNS is not emulated' },
    ]);
  });
});
