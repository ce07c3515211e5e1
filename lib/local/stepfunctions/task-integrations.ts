/**
 * The services a state machine's Tasks reach, given to `LocalStepFunctions` by the local
 * cloud's integrator (Lambda runtime, EventBridge). Tests pass fakes.
 */

/** Why and for whom a function is invoked. */
export interface InvokeFunctionContext {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  /** The Task state that invokes. */
  readonly stateName: string;
  /** The trace's correlation id of the execution's input, if any. */
  readonly correlationId?: string;
  /**
   * `RequestResponse` (wait for the result) or `Event` (asynchronous: the Task does not wait
   * for the promise; its rejection is ignored, as Lambda's async invocation would retry it).
   */
  readonly invocationType: 'RequestResponse' | 'Event';
}

/**
 * Invokes a Lambda function and resolves with its result (any JSON value). A function that
 * fails (handler error, timeout, crash) must reject with a `FunctionError` carrying Lambda's
 * `errorType` and `errorMessage`: the Task then fails with `errorType` as the error name
 * (`TransientError`, `Sandbox.Timedout`, ...), which is what Retry and Catch match on AWS.
 * Any other rejection is a Lambda service error: `Lambda.<code>` when the error has a string
 * `code` (`Lambda.ResourceNotFoundException`, `Lambda.TooManyRequestsException`), else
 * `Lambda.ServiceException`.
 */
export type InvokeFunction = (
  functionNameOrArn: string,
  payload: unknown,
  context: InvokeFunctionContext,
) => Promise<unknown>;

/** One PutEvents entry as the EventBridge API takes it (`Detail` is JSON text). */
export interface PutEventsRequestEntry {
  readonly Source?: unknown;
  readonly DetailType?: unknown;
  readonly Detail?: string;
  readonly EventBusName?: unknown;
  readonly Resources?: readonly unknown[];
  readonly Time?: unknown;
  readonly TraceHeader?: unknown;
}

/** PutEvents' answer: one result per entry, in order; failed ones carry ErrorCode. */
export interface PutEventsResponse {
  readonly FailedEntryCount: number;
  readonly Entries: readonly {
    readonly EventId?: string;
    readonly ErrorCode?: string;
    readonly ErrorMessage?: string;
  }[];
}

/** Who publishes, for the bus's trace and its IAM checks. */
export interface PutEventsContext {
  /** `states:<state machine name>`. */
  readonly caller: string;
  readonly executionArn: string;
  readonly stateMachineArn: string;
  /** The Task state that publishes. */
  readonly stateName: string;
  /** The trace's correlation id of the execution's input, if any. */
  readonly correlationId?: string;
  /** The state machine's execution role. */
  readonly roleArn: string;
}

/**
 * Publishes entries on their buses (`LocalEventBridge.putEvents` fits). Per-entry failures are
 * reported in the response (the Task then fails with `EventBridge.FailedEntry`); a rejection
 * is an API error (`EventBridge.<code>`).
 */
export type PutEvents = (
  entries: readonly PutEventsRequestEntry[],
  context: PutEventsContext,
) => Promise<PutEventsResponse> | PutEventsResponse;

/** Everything Tasks call. */
export interface TaskIntegrations {
  readonly invokeFunction: InvokeFunction;
  readonly putEvents: PutEvents;
}
