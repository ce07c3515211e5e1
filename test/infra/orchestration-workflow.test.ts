import { Template } from 'aws-cdk-lib/assertions';
import { EVENT_CONTRACTS, busName } from '../../lib/contracts';
import { buildOrchestrationApp } from '../../lib/infra/orchestration-app';
import { LAMBDA_TRANSIENT_ERRORS, PUT_EVENTS_TRANSIENT_ERRORS } from '../../lib/infra/workflow/task-retry';
import { COMPENSATION_TASKS } from '../../lib/infra/workflow/saga-workflow-definition';
import { reachableStates } from '../../lib/local/stepfunctions/control/definition-validation';
/** The Task states of an order that is confirmed, in the order they run. */
import CONFIRMED_ORDER_TASKS from '../fixtures/infra/confirmed-order-tasks.json';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] } as const;

interface AslState {
  readonly Type: string;
  readonly Resource?: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Choices?: readonly { readonly Variable?: string; readonly Next: string }[];
  readonly Retry?: readonly Record<string, unknown>[];
  readonly Catch?: readonly { readonly ErrorEquals: string[]; readonly Next: string }[];
  readonly Parameters?: Record<string, unknown>;
}
interface AslDefinition {
  readonly StartAt: string;
  readonly States: Record<string, AslState>;
}

/** The definition of the workflow stack's state machine: Fn::Join's literal parts, each token as `<Ref>`. */
function definitionOf(template: Template): AslDefinition {
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  const definition = machine?.Properties?.DefinitionString as string | { 'Fn::Join': [string, unknown[]] };
  const text =
    typeof definition === 'string'
      ? definition
      : definition['Fn::Join'][1]
          .map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).replace(/"/g, '')}>`))
          .join('');
  return JSON.parse(text) as AslDefinition;
}

/** Every state reachable from `from` (itself included), as the local cloud's definition check walks them. */
function reachableFrom(definition: AslDefinition, from: string): Set<string> {
  return reachableStates(from, definition.States);
}

/** The states visited from `from` following only Next (no choices, no catches), in order. */
function nextChain(definition: AslDefinition, from: string): string[] {
  const chain = [from];
  for (let state = definition.States[from]; state?.Next !== undefined; state = definition.States[state.Next])
    chain.push(state.Next);
  return chain;
}

/** The Choice state routing on the detail type a Task stored at `resultPath`, and its failure branch. */
function failureBranchAfter(definition: AslDefinition, resultPath: string): string {
  const choice = Object.values(definition.States).find(
    (state) => state.Type === 'Choice' && state.Choices?.some((c) => c.Variable === `${resultPath}.event.detailType`),
  );
  if (!choice?.Default) throw new Error(`no choice on ${resultPath}`);
  return choice.Default;
}

const tasks = (definition: AslDefinition) =>
  Object.entries(definition.States).filter(([, state]) => state.Type === 'Task');

let standard: AslDefinition;
let templates: { standard: Template; express: Template };

beforeAll(() => {
  const standardApp = buildOrchestrationApp({ ...NO_BUNDLING }, { builtinCloudFormationValidation: false });
  const expressApp = buildOrchestrationApp(
    { ...NO_BUNDLING, workflowType: 'EXPRESS' },
    { builtinCloudFormationValidation: false },
  );
  templates = {
    standard: Template.fromStack(standardApp.stacks.workflow),
    express: Template.fromStack(expressApp.stacks.workflow),
  };
  standard = definitionOf(templates.standard);
});

describe('the orchestrated saga definition', () => {
  it('runs RecordOrder, ReserveStock, ProcessPayment, ScheduleShipment, ConfirmOrder, Notify and emits OrderConfirmed on the happy path', () => {
    // Prepare
    const visited: string[] = [];

    // Act: follow Next, and the first (success) choice of every Choice state.
    for (let name: string | undefined = standard.StartAt; name !== undefined;) {
      visited.push(name);
      const state = standard.States[name] as AslState;
      name = state.Type === 'Choice' ? state.Choices?.[0]?.Next : state.Next;
    }

    // Assess
    expect(visited.filter((name) => standard.States[name]?.Type === 'Task')).toEqual(CONFIRMED_ORDER_TASKS);
    expect(standard.States[visited.at(-1) as string]).toMatchObject({ Type: 'Succeed' });
    expect(visited.at(-1)).toBe('OrderConfirmed');
  });

  it('ends only in OrderConfirmed, OrderCancelled (Succeed) or a Fail state', () => {
    // Act
    const ends = Object.entries(standard.States)
      .filter(([, state]) => state.Type === 'Succeed' || state.Type === 'Fail' || state.End === true)
      .map(([name, state]) => `${name}:${state.Type}`);

    // Assess
    expect(ends.sort()).toEqual([
      'CompensationFailed:Fail',
      'ConflictingOrder:Fail',
      'InvalidOrderPlaced:Fail',
      'OrderCancelled:Succeed',
      'OrderConfirmed:Succeed',
      'OrderFailed:Fail',
    ]);
  });

  it('retries transient errors on every Task with backoff, full jitter, bounded attempts and a maximum delay', () => {
    for (const [name, state] of tasks(standard)) {
      const expected = state.Resource?.endsWith(':states:::events:putEvents')
        ? PUT_EVENTS_TRANSIENT_ERRORS
        : LAMBDA_TRANSIENT_ERRORS;
      expect({ name, retry: state.Retry }).toEqual({
        name,
        retry: [
          expect.objectContaining({
            ErrorEquals: [...expected],
            BackoffRate: expect.any(Number),
            JitterStrategy: 'FULL',
            MaxAttempts: expect.any(Number),
            MaxDelaySeconds: expect.any(Number),
          }),
        ],
      });
      const retrier = state.Retry?.[0] as { BackoffRate: number; MaxAttempts: number; MaxDelaySeconds: number };
      expect(retrier.BackoffRate).toBeGreaterThan(1);
      expect(retrier.MaxAttempts).toBeGreaterThan(0);
      // A compensation must finish, so it is retried far longer than a forward step.
      expect(retrier.MaxAttempts).toBeLessThanOrEqual(COMPENSATION_TASKS.includes(name as never) ? 99 : 10);
      expect(retrier.MaxDelaySeconds).toBeLessThanOrEqual(60);
    }
  });

  it('retries the task adapters own transient error name on every Lambda Task', () => {
    const lambdaTasks = tasks(standard).filter(([, state]) => state.Resource?.endsWith(':states:::lambda:invoke'));
    expect(lambdaTasks).toHaveLength(12);
    for (const [, state] of lambdaTasks) {
      expect(state.Retry?.[0]?.['ErrorEquals']).toEqual(
        expect.arrayContaining(['TransientTaskError', 'Lambda.TooManyRequestsException']),
      );
    }
  });

  it('gives up on an order whose forward step fails for good before its confirmation, cancelling and compensating it', () => {
    const beforeConfirmation = ['RecordOrder', 'ReserveStock', 'ProcessPayment', 'ScheduleShipment', 'ConfirmOrder'];
    for (const name of beforeConfirmation) {
      const catchers = standard.States[name]?.Catch ?? [];
      expect({ name, timeouts: catchers.find((c) => c.ErrorEquals.includes('States.Timeout'))?.Next }).toEqual({
        name,
        timeouts: 'StepTimedOut',
      });
      expect({ name, other: catchers.find((c) => c.ErrorEquals.includes('States.ALL'))?.Next }).toEqual({
        name,
        other: 'StepFailed',
      });
    }
    expect(standard.States['StepTimedOut']).toMatchObject({ Type: 'Pass', Result: { reason: 'DEADLINE_EXCEEDED' } });
    expect(standard.States['StepFailed']).toMatchObject({ Type: 'Pass', Result: { reason: 'TECHNICAL_FAILURE' } });
    expect(nextChain(standard, 'StepFailed')).toEqual(['StepFailed', 'AbandonOrder', 'Abandoned?']);
  });

  it('refunds, then releases, then notifies an abandoned order, unless it was confirmed after all', () => {
    const choice = standard.States['Abandoned?'] as unknown as { Choices: { Next: string }[]; Default: string };

    expect(choice.Choices.map((option) => option.Next)).toEqual(['Notify']);
    expect(nextChain(standard, choice.Default)).toEqual([
      'RefundPayment',
      'ReleaseReservation',
      'NotifyCancellation',
      'EmitOrderCancelled',
      'OrderCancelled',
    ]);
  });

  it('ends a conflicting OrderPlaced in ConflictingOrder without compensating the order that stands', () => {
    const catchers = standard.States['RecordOrder']?.Catch ?? [];

    expect(catchers[0]).toMatchObject({ ErrorEquals: ['ConflictingOrderError'], Next: 'ConflictingOrder' });
    expect(standard.States['ConflictingOrder']).toMatchObject({ Type: 'Fail', Error: 'Saga.ConflictingOrder' });
  });

  it('ends an OrderPlaced that breaks its contract in InvalidOrderPlaced, before the catch-all that would compensate it', () => {
    const catchers = (standard.States['RecordOrder']?.Catch ?? []).map((catcher) => [
      catcher.ErrorEquals,
      catcher.Next,
    ]);

    expect(catchers.slice(0, 2)).toEqual([
      [['ConflictingOrderError'], 'ConflictingOrder'],
      [['InvalidTaskInputError'], 'InvalidOrderPlaced'],
    ]);
    expect(standard.States['InvalidOrderPlaced']).toMatchObject({ Type: 'Fail', Error: 'Saga.InvalidOrderPlaced' });
  });

  it('catches the announcement of a confirmed order into OrderFailed, and every compensating Task into CompensationFailed', () => {
    for (const name of ['Notify', 'EmitOrderConfirmed']) {
      expect(standard.States[name]?.Catch?.[0]?.Next).toBe('OrderFailed');
    }
    for (const name of COMPENSATION_TASKS) {
      expect({ name, next: standard.States[name]?.Catch?.[0]?.Next }).toEqual({ name, next: 'CompensationFailed' });
    }
  });

  it('compensates an out-of-stock reservation by cancelling and notifying, without releasing stock, and ends in OrderCancelled', () => {
    // Act
    const branch = failureBranchAfter(standard, '$.reservation');
    const reachable = reachableFrom(standard, branch);
    const chain = nextChain(standard, branch);

    // Assess
    expect([...reachable]).toEqual(
      expect.arrayContaining(['CancelOrder', 'NotifyCancellation', 'EmitOrderCancelled', 'OrderCancelled']),
    );
    expect(reachable.has('ReleaseStock')).toBe(false);
    expect(reachable.has('OrderConfirmed')).toBe(false);
    expect(chain.slice(chain.indexOf('CancelOrder'))).toEqual([
      'CancelOrder',
      'NotifyCancellation',
      'EmitOrderCancelled',
      'OrderCancelled',
    ]);
  });

  it('compensates a declined payment in reverse order: ReleaseStock, CancelOrder, Notify, then OrderCancelled', () => {
    // Act
    const branch = failureBranchAfter(standard, '$.payment');
    const chain = nextChain(standard, branch);

    // Assess
    expect(chain).toEqual([
      'ReleaseStock',
      'CancelOrder',
      'NotifyCancellation',
      'EmitOrderCancelled',
      'OrderCancelled',
    ]);
    expect(reachableFrom(standard, branch).has('OrderConfirmed')).toBe(false);
  });

  it('sends each task its action and the event the previous task decided', () => {
    const payloads = Object.fromEntries(
      tasks(standard)
        .filter(([, state]) => state.Parameters?.['Payload'] !== undefined)
        .map(([name, state]) => [name, state.Parameters?.['Payload']]),
    );
    expect(payloads).toEqual({
      RecordOrder: { action: 'RecordOrder', 'event.$': '$.orderPlaced' },
      ReserveStock: { action: 'ReserveStock', 'event.$': '$.orderPlaced' },
      ProcessPayment: { action: 'ProcessPayment', 'event.$': '$.reservation.event' },
      ScheduleShipment: { action: 'ScheduleShipment', 'event.$': '$.payment.event' },
      ConfirmOrder: { action: 'ConfirmOrder', 'event.$': '$.shipment.event' },
      Notify: { action: 'Notify', 'event.$': '$.outcome.event' },
      ReleaseStock: { action: 'ReleaseStock', 'event.$': '$.payment.event' },
      CancelOrder: { action: 'CancelOrder', 'event.$': '$.cancellation.event' },
      NotifyCancellation: { action: 'Notify', 'event.$': '$.outcome.event' },
      AbandonOrder: {
        action: 'AbandonOrder',
        'event.$': '$.orderPlaced',
        'reason.$': '$.abandon.reason',
        'cause.$': "States.Format('{}: {}', $.failure.Error, $.failure.Cause)",
      },
      RefundPayment: { action: 'RefundPayment', 'event.$': '$.outcome.event' },
      ReleaseReservation: { action: 'ReleaseReservation', 'event.$': '$.outcome.event' },
    });
  });

  it('emits the outcome the orders task computed, under the contract source and detail type, on the orchestration bus', () => {
    for (const [name, detailType] of [
      ['EmitOrderConfirmed', 'OrderConfirmed'],
      ['EmitOrderCancelled', 'OrderCancelled'],
    ] as const) {
      expect(standard.States[name]?.Parameters).toEqual({
        Entries: [
          {
            EventBusName: busName('orchestration'),
            Source: EVENT_CONTRACTS[detailType].source,
            DetailType: detailType,
            'Detail.$': '$.outcome.event.detail',
          },
        ],
      });
      // The outcome events are there for consumers outside the saga.
      expect(EVENT_CONTRACTS[detailType].consumers).toContain('analytics');
    }
  });
});

describe('the state machine resource', () => {
  it('is STANDARD by default, traced, and logs ALL events without execution data', () => {
    templates.standard.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'shop-orchestration-saga',
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
    });
  });

  it('is EXPRESS with -c workflowType=EXPRESS, logging ALL events with execution data', () => {
    templates.express.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'EXPRESS',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
    });
  });

  it('logs to its own log group with a retention', () => {
    templates.standard.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/vendedlogs/states/shop-orchestration-saga',
      RetentionInDays: 30,
    });
  });

  it('rejects a workflow type other than STANDARD or EXPRESS, quoting it', () => {
    expect(() => buildOrchestrationApp({ ...NO_BUNDLING, workflowType: 'FAST' })).toThrow(
      /workflowType must be 'STANDARD' or 'EXPRESS', got 'FAST'/,
    );
  });
});
