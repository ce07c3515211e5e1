import { busName, type Variant } from '../contracts';
import type { AppModel } from '../local/assembly';
import { deadLetterQueueNamesOf } from '../local/composition/app-resources';
import type { TraceEvent } from '../local/trace';

/** What one variant's functions did during a run: how often each ran, for how long, with how much memory. */
export interface FunctionUsage {
  readonly functionName: string;
  /** The memory the model gives the function (what Lambda bills GB-seconds on). */
  readonly memorySizeMb: number;
  /** Wall milliseconds of each invocation (AWS time divided by the time scale). */
  readonly durationsMs: readonly number[];
}

/**
 * Everything one variant used for a batch of orders, measured from the local cloud's trace:
 * the billable quantities the cost model prices, and the failures and retries behind them.
 */
export interface VariantUsage {
  readonly variant: Variant;
  /** Orders placed (the denominator of every "per order" figure). */
  readonly orders: number;
  /** PutEvents entries accepted on the variant's bus (the client's OrderPlaced included). */
  readonly eventsPublished: number;
  /** Size of the largest event entry, in bytes: what the 64 KB chunk rule is applied to. */
  readonly eventPayloadBytes: number;
  readonly sqs: {
    readonly sent: number;
    readonly received: number;
    readonly deleted: number;
    /** Receives that came back (visibility timeout passed): redeliveries. */
    readonly returned: number;
  };
  readonly functions: readonly FunctionUsage[];
  /** States entered plus task retries: what Standard workflows bill. */
  readonly stateTransitions: number;
  /** Wall milliseconds of each finished execution (what Express workflows bill). */
  readonly executionDurationsMs: readonly number[];
  readonly failures: {
    readonly invocationErrors: number;
    readonly invocationTimeouts: number;
    /** Messages sent to a dead-letter queue (by a handler or by a redrive policy). */
    readonly deadLetters: number;
    readonly failedExecutions: number;
    readonly targetFailures: number;
  };
  readonly retries: {
    /** SQS redeliveries. */
    readonly redeliveries: number;
    /** Step Functions task attempts beyond the first (Retry). */
    readonly taskRetries: number;
    /** EventBridge target deliveries retried. */
    readonly targetRetries: number;
  };
}

export interface MeasureVariantUsageInput {
  readonly variant: Variant;
  readonly trace: readonly TraceEvent[];
  readonly model: AppModel;
  readonly orders: number;
  /** AWS milliseconds per wall millisecond of the run (durations are reported in wall time). */
  readonly timeScale: number;
  /** @default 0 - chunk counting sees one chunk per event */
  readonly eventPayloadBytes?: number;
  /** @default - no stage prefix */
  readonly stage?: string;
}

/** Sums a variant's usage from the trace. Names decide membership: `shop-<variant>` and `shop-<variant>-*`. */
export function measureVariantUsage(input: MeasureVariantUsageInput): VariantUsage {
  const bus = busName(input.variant, input.stage);
  const ofVariant = (name: string) => name === bus || name.startsWith(`${bus}-`);
  const toWallMs = (awsMs: number) => Math.max(0, awsMs / input.timeScale);
  const deadLetterQueues = deadLetterQueueNamesOf(input.model);
  const stateMachines = input.model.stateMachines.filter((machine) => ofVariant(machine.name));
  const taskStates = new Map(stateMachines.map((machine) => [machine.name, taskStatesOf(machine.definition)]));
  const nameOfMachine = (nameOrArn: string) => nameOrArn.split(':').pop() ?? nameOrArn;

  const functions = new Map(
    input.model.functions
      .filter((fn) => ofVariant(fn.name))
      .map((fn) => [fn.name, { functionName: fn.name, memorySizeMb: fn.memorySizeMb, durationsMs: [] as number[] }]),
  );
  const executionStarts = new Map<string, number>();
  const executionDurationsMs: number[] = [];
  let eventsPublished = 0;
  let sent = 0;
  /** Receives, deletes and returns (visibility ended, so SQS redelivers) on the variant's queues. */
  const queueOperations = { 'message.received': 0, 'message.deleted': 0, 'message.returned': 0 };
  let statesEntered = 0;
  let taskStatesEntered = 0;
  let taskAttempts = 0;
  let invocationErrors = 0;
  let invocationTimeouts = 0;
  let deadLetters = 0;
  let failedExecutions = 0;
  let targetFailures = 0;
  let targetRetries = 0;
  const rulesOfVariant = new Set(
    input.model.rules.filter((rule) => ofVariant(rule.eventBusName)).map((rule) => rule.name),
  );

  for (const event of input.trace) {
    switch (event.kind) {
      case 'event.put':
        if (!ofVariant(event.bus)) break;
        eventsPublished += 1;
        if (event.caller.startsWith('states:')) taskAttempts += 1;
        break;
      case 'event.rejected':
        if (ofVariant(event.bus) && event.caller.startsWith('states:')) taskAttempts += 1;
        break;
      case 'message.sent':
        if (!ofVariant(event.queue)) break;
        sent += 1;
        if (deadLetterQueues.has(event.queue)) deadLetters += 1;
        break;
      case 'message.received':
      case 'message.deleted':
      case 'message.returned':
        if (ofVariant(event.queue)) queueOperations[event.kind] += 1;
        break;
      case 'message.dead-lettered':
        // The redrive moves the message without a `message.sent`; count it here.
        if (ofVariant(event.queue)) deadLetters += 1;
        break;
      case 'invocation.started':
        if (ofVariant(event.functionName) && event.trigger.startsWith('states:')) taskAttempts += 1;
        break;
      case 'invocation.ended': {
        const usage = functions.get(event.functionName);
        if (!usage) break;
        usage.durationsMs.push(toWallMs(event.durationMs));
        if (event.outcome === 'error') invocationErrors += 1;
        if (event.outcome === 'timeout') invocationTimeouts += 1;
        break;
      }
      case 'state.entered': {
        const machine = nameOfMachine(event.stateMachine);
        if (!ofVariant(machine)) break;
        statesEntered += 1;
        if (taskStates.get(machine)?.has(event.state)) taskStatesEntered += 1;
        break;
      }
      case 'execution.started':
        if (ofVariant(nameOfMachine(event.stateMachine))) executionStarts.set(event.executionArn, event.at);
        break;
      case 'execution.succeeded':
      case 'execution.failed': {
        const started = executionStarts.get(event.executionArn);
        if (started === undefined) break;
        executionDurationsMs.push(toWallMs(event.at - started));
        if (event.kind === 'execution.failed') failedExecutions += 1;
        break;
      }
      case 'target.failed':
        if (!rulesOfVariant.has(event.rule)) break;
        targetFailures += 1;
        if (event.willRetry) targetRetries += 1;
        break;
      default:
        break;
    }
  }
  const taskRetries = Math.max(0, taskAttempts - taskStatesEntered);
  const { 'message.received': received, 'message.deleted': deleted, 'message.returned': returned } = queueOperations;
  return {
    variant: input.variant,
    orders: input.orders,
    eventsPublished,
    eventPayloadBytes: input.eventPayloadBytes ?? 0,
    sqs: { sent, received, deleted, returned },
    functions: [...functions.values()],
    stateTransitions: statesEntered + taskRetries,
    executionDurationsMs,
    failures: { invocationErrors, invocationTimeouts, deadLetters, failedExecutions, targetFailures },
    retries: { redeliveries: returned, taskRetries, targetRetries },
  };
}

/** Names of the Task states of a definition (top level: the saga has no Map or Parallel). */
function taskStatesOf(definition: string): ReadonlySet<string> {
  try {
    const parsed = JSON.parse(definition) as { States?: Record<string, { Type?: string }> };
    return new Set(
      Object.entries(parsed.States ?? {})
        .filter(([, state]) => state.Type === 'Task')
        .map(([name]) => name),
    );
  } catch {
    return new Set();
  }
}

/** Invocations of all the variant's functions. */
export function invocationsOf(usage: VariantUsage): number {
  return usage.functions.reduce((sum, fn) => sum + fn.durationsMs.length, 0);
}
