/**
 * Everything the local cloud does is recorded as a typed trace event. The timeline, the
 * invariant checks, the comparison and the benchmarks read the trace; they never scrape logs.
 *
 * Every event carries `seq` (order of recording), `at` (AWS time, ms since the epoch) and, when
 * known, `correlationId`: the flow the layer above assigns the record to (its `TraceCorrelator`).
 */
export interface TraceBase {
  readonly seq: number;
  /** AWS time in ms since the epoch (see Clock). */
  readonly at: number;
  readonly correlationId?: string;
}

/** An event was accepted by PutEvents on a bus. */
export interface EventPutTrace extends TraceBase {
  readonly kind: 'event.put';
  readonly bus: string;
  /** EventBridge's envelope id (new on every PutEvents). */
  readonly eventId: string;
  /** The app's own id of the event (`TraceCorrelator.appEventIdOf`), when it has one. */
  readonly appEventId?: string;
  readonly source: string;
  readonly detailType: string;
  /** Who called PutEvents: a function name, or `client` for outside callers. */
  readonly caller: string;
}

/** A PutEvents entry was refused (invalid entry, or an injected throttle). */
export interface EventRejectedTrace extends TraceBase {
  readonly kind: 'event.rejected';
  readonly bus: string;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly caller: string;
}

/** A rule's pattern matched an event. */
export interface RuleMatchedTrace extends TraceBase {
  readonly kind: 'rule.matched';
  readonly bus: string;
  readonly rule: string;
  readonly eventId: string;
  readonly detailType: string;
}

/** An event was handed to a rule target (queue, function, state machine, bus). */
export interface TargetDeliveredTrace extends TraceBase {
  readonly kind: 'target.delivered';
  readonly rule: string;
  readonly targetId: string;
  readonly targetArn: string;
  readonly eventId: string;
  readonly attempt: number;
}

/** A delivery to a rule target failed; `willRetry` tells whether the retry policy tries again. */
export interface TargetFailedTrace extends TraceBase {
  readonly kind: 'target.failed';
  readonly rule: string;
  readonly targetId: string;
  readonly targetArn: string;
  readonly eventId: string;
  readonly attempt: number;
  readonly error: string;
  readonly willRetry: boolean;
}

/** Retries of a rule target ran out; the event went to the target's DLQ (or was dropped). */
export interface TargetDeadLetteredTrace extends TraceBase {
  readonly kind: 'target.dead-lettered';
  readonly rule: string;
  readonly targetId: string;
  readonly eventId: string;
  /** The target's DLQ, or undefined when it has none and the event is dropped. */
  readonly deadLetterArn?: string;
  readonly reason: string;
}

/** A message entered a queue. */
export interface MessageSentTrace extends TraceBase {
  readonly kind: 'message.sent';
  readonly queue: string;
  readonly messageId: string;
  readonly delaySeconds: number;
  /** A function name, `events` for a rule target, `client`, or `redrive`. */
  readonly sender: string;
}

/** A message was received (made invisible) by a consumer. */
export interface MessageReceivedTrace extends TraceBase {
  readonly kind: 'message.received';
  readonly queue: string;
  readonly messageId: string;
  readonly receiveCount: number;
  readonly receiver: string;
}

/** A message was deleted after processing. */
export interface MessageDeletedTrace extends TraceBase {
  readonly kind: 'message.deleted';
  readonly queue: string;
  readonly messageId: string;
}

/** A received message became visible again (visibility timeout passed, or changed to 0). */
export interface MessageReturnedTrace extends TraceBase {
  readonly kind: 'message.returned';
  readonly queue: string;
  readonly messageId: string;
  readonly receiveCount: number;
}

/** A message moved to the queue's DLQ by the redrive policy (maxReceiveCount reached). */
export interface MessageDeadLetteredTrace extends TraceBase {
  readonly kind: 'message.dead-lettered';
  readonly queue: string;
  readonly messageId: string;
  readonly deadLetterQueue: string;
  readonly receiveCount: number;
  readonly reason: string;
}

/** A message moved back from a DLQ to its source (StartMessageMoveTask). */
export interface MessageRedrivenTrace extends TraceBase {
  readonly kind: 'message.redriven';
  readonly fromQueue: string;
  readonly toQueue: string;
  readonly messageId: string;
}

/** A Lambda invocation started. */
export interface InvocationStartedTrace extends TraceBase {
  readonly kind: 'invocation.started';
  readonly functionName: string;
  readonly requestId: string;
  readonly coldStart: boolean;
  /** Why: `sqs:<queue>`, `events:<rule>`, `states:<execution>`, `direct`. */
  readonly trigger: string;
  /** The correlation ids of the records in the payload (a batch may hold several). */
  readonly correlationIds: readonly string[];
}

/** A Lambda invocation ended. */
export interface InvocationEndedTrace extends TraceBase {
  readonly kind: 'invocation.ended';
  readonly functionName: string;
  readonly requestId: string;
  readonly coldStart: boolean;
  /** AWS milliseconds the invocation took. */
  readonly durationMs: number;
  readonly outcome: 'success' | 'error' | 'timeout';
  readonly error?: string;
  /** Item identifiers the handler reported as failed (partial batch response). */
  readonly failedItems?: readonly string[];
}

/** An event was recorded by an archive. */
export interface ArchiveRecordedTrace extends TraceBase {
  readonly kind: 'archive.recorded';
  readonly archive: string;
  readonly eventId: string;
}

/** A Step Functions execution changed state (started, succeeded, failed, ...). */
export interface ExecutionTrace extends TraceBase {
  readonly kind: 'execution.started' | 'execution.succeeded' | 'execution.failed';
  readonly stateMachine: string;
  readonly executionArn: string;
  readonly error?: string;
}

/** A Step Functions state was entered. */
export interface StateEnteredTrace extends TraceBase {
  readonly kind: 'state.entered';
  readonly stateMachine: string;
  readonly executionArn: string;
  readonly state: string;
}

/** A call to the local endpoint was refused by local IAM enforcement. */
export interface AccessDeniedTrace extends TraceBase {
  readonly kind: 'access.denied';
  readonly caller: string;
  readonly action: string;
  readonly resource: string;
}

/**
 * A fault was injected on purpose by a chaos run (lib/chaos): a failed or timed-out
 * invocation, a duplicated, delayed or reordered delivery, a throttled or failed PutEvents.
 */
export interface FaultInjectedTrace extends TraceBase {
  readonly kind: 'fault.injected';
  /** The fault kind (`FaultKind` of lib/chaos), e.g. `error-before-side-effects`. */
  readonly fault: string;
  /** What it hit: a function name, a queue name or a bus name. */
  readonly target: string;
  /** SQS message ids of the deliveries it hit, when it hit deliveries. */
  readonly messageIds?: readonly string[];
  /** The app's own ids of the events concerned. */
  readonly appEventIds?: readonly string[];
  /** What was done, in words (for timelines and dead-letter explanations). */
  readonly detail: string;
}

/** An EventBridge Scheduler schedule invoked its target, or gave up on it (retries exhausted or not retryable). */
export interface ScheduleInvocationTrace extends TraceBase {
  readonly kind: 'schedule.invoked' | 'schedule.failed';
  /** `<group>/<name>`. */
  readonly schedule: string;
  readonly target: string;
  readonly attempt: number;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** An EventBridge pipe delivered a batch to its target, or failed to (the batch is left to SQS). */
export interface PipeBatchTrace extends TraceBase {
  readonly kind: 'pipe.delivered' | 'pipe.failed';
  readonly pipe: string;
  readonly target: string;
  readonly records: number;
  readonly errorMessage?: string;
}

export type TraceEvent =
  | EventPutTrace
  | EventRejectedTrace
  | RuleMatchedTrace
  | TargetDeliveredTrace
  | TargetFailedTrace
  | TargetDeadLetteredTrace
  | MessageSentTrace
  | MessageReceivedTrace
  | MessageDeletedTrace
  | MessageReturnedTrace
  | MessageDeadLetteredTrace
  | MessageRedrivenTrace
  | InvocationStartedTrace
  | InvocationEndedTrace
  | ArchiveRecordedTrace
  | ExecutionTrace
  | StateEnteredTrace
  | AccessDeniedTrace
  | FaultInjectedTrace
  | ScheduleInvocationTrace
  | PipeBatchTrace;

export type TraceKind = TraceEvent['kind'];

/** A trace event before the recorder stamps `seq` and `at`. */
export type TraceInput = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 'seq' | 'at'> : never) : never;
