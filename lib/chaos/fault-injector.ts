import type { Clock } from '../local/clock';
import { EVENTS_TARGET_PREFIX, EventsJsonApi, type TargetInvoker } from '../local/eventbridge';
import type { FunctionInvoker, PollableQueue } from '../local/event-source-mapping';
import type { TaskIntegrations } from '../local/stepfunctions';
import type { TraceRecorder } from '../local/trace';
import { FaultDecider } from './fault-decider';
import type { FaultHookContext, FaultHooks } from '../local/fault-hooks';
import { FAULT_KINDS, type FaultKind } from './fault-kind';
import type { FaultPlan } from './fault-plan';
import { FaultyEventsService } from './faulty-events-service';
import { FaultyFunctionInvoker } from './faulty-function-invoker';
import { FaultyQueue } from './faulty-queue';
import { FaultyStartExecutionInvoker } from './faulty-start-execution-invoker';
import { FaultyTaskIntegrations } from './faulty-task-integrations';
import { taskAttemptsOf } from './task-attempts';
import { ClassifiedError } from '../errors/classified-error';

/** SQS's default when a queue has no redrive policy (receives are then unlimited; this bounds chaos). */
const DEFAULT_MAX_RECEIVE_COUNT = 5;
/** The attempts of a Task state the definition does not name (a Task without Retry has one). */
const DEFAULT_TASK_ATTEMPTS = 1;

/** The fault injector was used before a local cloud attached it. */
export class FaultInjectorNotAttachedError extends ClassifiedError {
  override readonly name = 'FaultInjectorNotAttachedError';
  readonly kind = 'validation';
  constructor(what: string) {
    super(`the fault injector has no ${what}: pass it to LocalCloud.start({ faults }) or give it in its options`);
  }
}

export interface FaultInjectorOptions {
  /** @default - the local cloud's, on attach */
  readonly clock?: Clock;
  /** @default - the local cloud's, on attach */
  readonly trace?: TraceRecorder;
  /**
   * maxReceiveCount of a queue, by ARN; for a record whose queue is not known, of the queue a
   * function consumes (the smallest, when it consumes several).
   * @default - from the app model, on attach
   */
  readonly maxReceiveCountOf?: (queue: { readonly functionName: string; readonly queueArn?: string }) => number;
  /** A function's timeout, AWS ms. @default - from the app model, on attach */
  readonly timeoutMsOf?: (functionName: string) => number;
  /** Attempts a Task state gets (1 + its Retry's MaxAttempts). @default - from the state machine definitions, on attach */
  readonly taskAttemptsOf?: (stateMachineArn: string, stateName: string) => number;
}

/** Something a fault hit, for its trace event. */
export interface FaultSubject {
  readonly messageIds?: readonly string[];
  readonly sagaEventIds?: readonly string[];
  readonly correlationIds?: readonly string[];
}

/** A record whose delivery attempt a fault would fail. */
export interface AttemptSubject {
  /** `<function>|<saga event id>`: the record, as its consumer sees it. */
  readonly key: string;
  /** Its receive count, when known. */
  readonly receiveCount?: number;
  /** The queue it was received from, when known (else the one it was last received from). */
  readonly queueArn?: string;
}

/**
 * Injects the faults of a `FaultPlan` into a local cloud, by decoration (see `FaultHooks`): the
 * queues the event source mappings poll (duplicate, delay, reorder), the invoker they call
 * (errors before or after the handler ran, timeouts) and the EventBridge service functions call
 * (throttled entries, the dual-write gap). For state machines (the orchestrated variant): the
 * functions Tasks invoke (errors before or after the function ran, timeouts, duplicate
 * invocations), the PutEvents Tasks make (throttled entries, failed calls) and the rule targets
 * that start executions (delayed, reordered and duplicate starts). Every fault is traced as
 * `fault.injected` and counted.
 *
 * @example
 * const faults = new FaultInjector(faultPlan({ seed: 7, rate: 0.05 }));
 * const cloud = await LocalCloud.start({ faults, timeScale: 100 });
 * // ... run orders ...
 * faults.injected(); // { 'duplicate-delivery': 31, ... }
 */
export class FaultInjector implements FaultHooks {
  readonly decider: FaultDecider;
  private readonly counts = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  private readonly attemptFailures = new Map<string, number>();
  /** The queue each record (by key) was last received from: its budget is that queue's. */
  private readonly queueOfRecord = new Map<string, string>();
  private clockInUse?: Clock;
  private traceInUse?: TraceRecorder;
  private maxReceiveCountOf?: FaultInjectorOptions['maxReceiveCountOf'];
  private timeoutMsOf?: (functionName: string) => number;
  private taskAttemptsOfState?: (stateMachineArn: string, stateName: string) => number;
  private held = 0;

  constructor(
    readonly plan: FaultPlan,
    options: FaultInjectorOptions = {},
  ) {
    this.decider = new FaultDecider(plan);
    this.clockInUse = options.clock;
    this.traceInUse = options.trace;
    this.maxReceiveCountOf = options.maxReceiveCountOf;
    this.timeoutMsOf = options.timeoutMsOf;
    this.taskAttemptsOfState = options.taskAttemptsOf;
  }

  attach(context: FaultHookContext): void {
    const { model } = context;
    this.clockInUse ??= context.clock;
    this.traceInUse ??= context.trace;
    const queueByArn = new Map(model.queues.map((queue) => [queue.arn, queue]));
    const maxReceivesOfQueue = (arn: string) =>
      queueByArn.get(arn)?.redrivePolicy?.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;
    const maxReceivesOfFunction = new Map<string, number>();
    for (const mapping of model.eventSourceMappings) {
      const receives = maxReceivesOfQueue(mapping.eventSourceArn);
      const known = maxReceivesOfFunction.get(mapping.functionName);
      maxReceivesOfFunction.set(mapping.functionName, known === undefined ? receives : Math.min(known, receives));
    }
    const timeouts = new Map(model.functions.map((fn) => [fn.name, fn.timeoutSeconds * 1000]));
    this.maxReceiveCountOf ??= ({ functionName, queueArn }) =>
      queueArn && queueByArn.has(queueArn)
        ? maxReceivesOfQueue(queueArn)
        : (maxReceivesOfFunction.get(functionName) ?? DEFAULT_MAX_RECEIVE_COUNT);
    this.timeoutMsOf ??= (name) => timeouts.get(name) ?? 3000;
    const taskAttempts = new Map(
      model.stateMachines.map((machine) => [machine.arn, taskAttemptsOf(machine.definition)]),
    );
    this.taskAttemptsOfState ??= (arn, state) => taskAttempts.get(arn)?.get(state) ?? DEFAULT_TASK_ATTEMPTS;
    // Replaces the route the endpoint was started with: same API, faults in front of it.
    context.endpoint.register(
      EVENTS_TARGET_PREFIX,
      new FaultyEventsService(new EventsJsonApi(context.eventBridge), this),
      '1.1',
    );
  }

  wrapInvoker(invoker: FunctionInvoker): FunctionInvoker {
    return new FaultyFunctionInvoker(invoker, this);
  }

  wrapQueue(queue: PollableQueue): PollableQueue {
    return new FaultyQueue(queue, this);
  }

  wrapTaskIntegrations(integrations: TaskIntegrations): TaskIntegrations {
    return new FaultyTaskIntegrations(integrations, this);
  }

  wrapTargetInvoker(invoker: TargetInvoker): TargetInvoker {
    return new FaultyStartExecutionInvoker(invoker, this);
  }

  get pendingWork(): number {
    return this.held;
  }

  /** Faults injected so far, per kind. */
  injected(): Record<FaultKind, number> {
    return { ...this.counts };
  }

  get clock(): Clock {
    if (!this.clockInUse) throw new FaultInjectorNotAttachedError('clock');
    return this.clockInUse;
  }

  /** A function's timeout in AWS ms. */
  timeoutMs(functionName: string): number {
    if (!this.timeoutMsOf) throw new FaultInjectorNotAttachedError('function timeouts');
    return this.timeoutMsOf(functionName);
  }

  /**
   * Whether an attempt-failing fault may hit these records: each must be within its budget —
   * at most maxReceiveCount − spareAttempts injected failures, and not on a spared receive. The
   * budget is that of the queue the record came from: a queue that gives its messages more
   * receives (the settlement queues) takes more injected failures, so chaos tests the retry
   * budget the app chose, not a fixed one.
   */
  mayFailAttempt(functionName: string, records: readonly AttemptSubject[]): boolean {
    const maxReceiveCountOf = this.maxReceiveCountOf;
    if (!maxReceiveCountOf) throw new FaultInjectorNotAttachedError('queue settings');
    return records.every((record) => {
      const queueArn = record.queueArn ?? this.queueOfRecord.get(record.key);
      const budget =
        maxReceiveCountOf(queueArn ? { functionName, queueArn } : { functionName }) - this.plan.spareAttempts;
      return (this.attemptFailures.get(record.key) ?? 0) < budget && (record.receiveCount ?? 0) <= budget;
    });
  }

  /**
   * Whether an attempt-failing fault may hit this attempt of a Task state: at most its attempts
   * (1 + its Retry's MaxAttempts) − spareAttempts injected failures per execution and state, so
   * the Retry absorbs them and the Catch is left for real failures.
   *
   * @param key `<execution ARN>|<state name>`: the Task, as its Retry counts attempts
   */
  mayFailTaskAttempt(stateMachineArn: string, stateName: string, key: string): boolean {
    if (!this.taskAttemptsOfState) throw new FaultInjectorNotAttachedError('state machine definitions');
    const budget = this.taskAttemptsOfState(stateMachineArn, stateName) - this.plan.spareAttempts;
    return (this.attemptFailures.get(key) ?? 0) < budget;
  }

  /**
   * Remembers the queue each record was received from, so that a fault met later in its
   * handling (a failed PutEvents) is counted against that queue's budget.
   */
  noteReceived(records: readonly AttemptSubject[]): void {
    for (const record of records) if (record.queueArn) this.queueOfRecord.set(record.key, record.queueArn);
  }

  /** Counts an injected failure against each record's budget. */
  noteAttemptFailure(records: readonly AttemptSubject[]): void {
    for (const record of records) this.attemptFailures.set(record.key, (this.attemptFailures.get(record.key) ?? 0) + 1);
  }

  /** Traces and counts one injected fault. */
  record(kind: FaultKind, target: string, detail: string, subject: FaultSubject = {}): void {
    this.counts[kind]++;
    if (!this.traceInUse) throw new FaultInjectorNotAttachedError('trace');
    const correlationIds = [...new Set(subject.correlationIds ?? [])];
    this.traceInUse.record({
      kind: 'fault.injected',
      fault: kind,
      target,
      detail,
      ...(subject.messageIds?.length ? { messageIds: subject.messageIds } : {}),
      ...(subject.sagaEventIds?.length ? { appEventIds: subject.sagaEventIds } : {}),
      ...(correlationIds.length === 1 ? { correlationId: correlationIds[0] } : {}),
    });
  }

  /** Traces an event the local cloud refused (a throttled entry), as EventBridge would. */
  recordRejection(bus: string, errorCode: string, errorMessage: string, caller: string, correlationId?: string): void {
    this.traceInUse?.record({
      kind: 'event.rejected',
      bus,
      errorCode,
      errorMessage,
      caller,
      ...(correlationId ? { correlationId } : {}),
    });
  }

  /** A delivery held back (delayed or duplicated) starts or ends waiting. */
  holding(change: 1 | -1): void {
    this.held += change;
  }
}
