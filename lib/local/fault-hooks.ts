import type { AppModel } from './assembly';
import type { Clock } from './clock';
import type { LocalEndpoint } from './endpoint';
import type { FunctionInvoker, PollableQueue } from './event-source-mapping';
import type { LocalEventBridge, TargetInvoker } from './eventbridge';
import type { TaskIntegrations } from './stepfunctions';
import type { TraceRecorder } from './trace';

/** What the local cloud hands the fault hooks once its services exist. */
export interface FaultHookContext {
  readonly model: AppModel;
  readonly clock: Clock;
  readonly trace: TraceRecorder;
  readonly endpoint: LocalEndpoint;
  readonly eventBridge: LocalEventBridge;
}

/**
 * How a local cloud lets faults in, by decoration only: the services its endpoint routes to, the
 * invoker its event source mappings call, the queues they poll, what state machine Tasks call,
 * and the rule targets that start executions. `FaultInjector` implements it.
 */
export interface FaultHooks {
  /** Called once the endpoint and the model exist, before any function runs. */
  attach(context: FaultHookContext): void;
  /** The invoker the event source mappings call instead of the Lambda runtime. */
  wrapInvoker(invoker: FunctionInvoker): FunctionInvoker;
  /** The queue an event source mapping polls instead of the real one. */
  wrapQueue(queue: PollableQueue): PollableQueue;
  /** What the Tasks of state machines call instead of the Lambda runtime and the bus. */
  wrapTaskIntegrations(integrations: TaskIntegrations): TaskIntegrations;
  /** The invoker EventBridge delivers `states` targets with (StartExecution) instead of the real one. */
  wrapTargetInvoker(invoker: TargetInvoker): TargetInvoker;
  /** Deliveries the faults hold back (delayed or duplicated, not yet handed out): the cloud is not quiet while any is. */
  readonly pendingWork: number;
}
