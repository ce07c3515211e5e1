import { SfnHarness, stateMachineArn } from './sfn-harness';

// AWS Step Functions developer guide, "Accessing execution data from the Context object":
// Execution (Id, Input, Name, RoleArn, StartTime, RedriveCount), State (EnteredTime, Name,
// RetryCount), StateMachine (Id, Name), Task (Token, in callback Tasks), and for Map states
// Map.Item (Index, Value) in ItemSelector.

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const INPUT = { order: 'o-1', items: ['a', 'b'] };

const JSONPATH_MACHINE = {
  StartAt: 'Flaky',
  States: {
    Flaky: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'flaky', Payload: { 'context.$': '$$' } },
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1 }],
      ResultPath: null,
      Next: 'Callback',
    },
    Callback: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'approver', Payload: { 'token.$': '$$.Task.Token', 'context.$': '$$' } },
      ResultPath: '$.approval',
      Next: 'Whole',
    },
    Whole: {
      Type: 'Pass',
      Parameters: { 'context.$': '$$', 'items.$': '$.items', 'approval.$': '$.approval' },
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemSelector: {
        'index.$': '$$.Map.Item.Index',
        'value.$': '$$.Map.Item.Value',
        'state.$': '$$.State.Name',
      },
      ItemProcessor: { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
      ResultPath: '$.mapped',
      End: true,
    },
  },
};

const JSONATA_MACHINE = {
  QueryLanguage: 'JSONata',
  StartAt: 'Whole',
  States: {
    Whole: { Type: 'Pass', Output: '{% {"context": $states.context, "items": $states.input.items} %}', Next: 'Each' },
    Each: {
      Type: 'Map',
      Items: '{% $states.input.items %}',
      ItemSelector: '{% {"index": $states.context.Map.Item.Index, "value": $states.context.Map.Item.Value} %}',
      ItemProcessor: { StartAt: 'Echo', States: { Echo: { Type: 'Pass', End: true } } },
      Output: '{% {"context": $states.input.context, "mapped": $states.result} %}',
      End: true,
    },
  },
};

function register(harness: SfnHarness, name: string, definition: object): string {
  const arn = stateMachineArn(name);
  harness.stepFunctions.registerStateMachine({
    arn,
    name,
    definition: JSON.stringify(definition),
    type: 'STANDARD',
    roleArn: `arn:aws:iam::000000000000:role/${name}-role`,
  });
  return arn;
}

async function waitFor(condition: () => boolean, withinWallMs = 3000): Promise<void> {
  const deadline = Date.now() + withinWallMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * The context object of `state` in execution `executionName` of `machine` (registered by `register`, so its role is
 * `<name>-role`), started with INPUT: its times any ISO 8601 instant.
 */
function expectedContext(
  machine: { arn: string; name: string },
  executionName: string,
  state: { Name: string; RetryCount: number },
) {
  return {
    Execution: {
      Id: `arn:aws:states:us-east-1:000000000000:execution:${machine.name}:${executionName}`,
      Input: INPUT,
      Name: executionName,
      RoleArn: `arn:aws:iam::000000000000:role/${machine.name}-role`,
      StartTime: expect.stringMatching(ISO_8601),
      RedriveCount: 0,
    },
    State: { EnteredTime: expect.stringMatching(ISO_8601), ...state },
    StateMachine: { Id: machine.arn, Name: machine.name },
  };
}

describe('the $$ context object (Step Functions developer guide: "Accessing execution data from the Context object")', () => {
  it('gives Tasks, Pass and Map states the execution, state, state machine, task token and map item', async () => {
    const harness = new SfnHarness({
      validateDefinitions: false,
      functions: {
        flaky: (_payload, call) => {
          if (call === 1) throw new Error('first attempt fails');
          return {};
        },
        approver: () => ({}),
      },
    });
    const arn = register(harness, 'ContextMachine', JSONPATH_MACHINE);
    const execution = harness.stepFunctions.startExecution(arn, JSON.stringify(INPUT), { name: 'run-1' });
    await waitFor(() => harness.invocations.length >= 3);
    const [firstAttempt, secondAttempt, callback] = harness.invocations.map(
      (invocation) => invocation.payload as { context: Record<string, Record<string, unknown>>; token?: string },
    );
    const token = callback?.token ?? '';
    await harness.stepFunctions.handle({
      target: 'AWSStepFunctions.SendTaskSuccess',
      body: Buffer.from(JSON.stringify({ taskToken: token, output: '{"approved":true}' })),
      headers: {},
      caller: { accessKeyId: 'test', principal: 'client' },
    });
    await harness.stepFunctions.whenIdle();
    const description = harness.stepFunctions.describeExecution(execution.executionArn);
    expect(description.status).toBe('SUCCEEDED');

    expect(secondAttempt?.context).toEqual(
      expectedContext({ arn, name: 'ContextMachine' }, 'run-1', { Name: 'Flaky', RetryCount: 1 }),
    );
    expect(firstAttempt?.context.State).toMatchObject({ Name: 'Flaky', RetryCount: 0 });
    // A retry is the same state entered once: the entered time does not move.
    expect(secondAttempt?.context.State?.EnteredTime).toBe(firstAttempt?.context.State?.EnteredTime);
    expect(callback?.context.Task).toEqual({ Token: token });
    expect(token).not.toBe('');

    const output = JSON.parse(description.output ?? '{}') as {
      context: Record<string, Record<string, unknown>>;
      approval: unknown;
      mapped: unknown;
    };
    expect(output.approval).toEqual({ approved: true });
    expect(output.context.State).toMatchObject({ Name: 'Whole', RetryCount: 0 });
    // Outside a callback Task there is no token, and outside a Map's ItemSelector no map item.
    expect(output.context).not.toHaveProperty('Task');
    expect(output.context).not.toHaveProperty('Map');
    expect(Date.parse(String(output.context.State?.EnteredTime))).toBeGreaterThanOrEqual(
      Date.parse(String(output.context.Execution?.StartTime)),
    );
    expect(output.mapped).toEqual([
      { index: 0, value: 'a', state: 'Each' },
      { index: 1, value: 'b', state: 'Each' },
    ]);
    await harness.stepFunctions.close();
  });

  it('is $states.context in JSONata, with the same members and Map.Item in ItemSelector', async () => {
    const harness = new SfnHarness({ validateDefinitions: false });
    const arn = register(harness, 'JsonataContext', JSONATA_MACHINE);
    const execution = harness.stepFunctions.startExecution(arn, JSON.stringify(INPUT), { name: 'run-2' });
    await harness.stepFunctions.whenIdle();
    const description = harness.stepFunctions.describeExecution(execution.executionArn);
    expect(description.status).toBe('SUCCEEDED');
    const output = JSON.parse(description.output ?? '{}') as { context: Record<string, unknown>; mapped: unknown };
    expect(output.context).toEqual(
      expectedContext({ arn, name: 'JsonataContext' }, 'run-2', { Name: 'Whole', RetryCount: 0 }),
    );
    expect(output.mapped).toEqual([
      { index: 0, value: 'a' },
      { index: 1, value: 'b' },
    ]);
    await harness.stepFunctions.close();
  });
});
