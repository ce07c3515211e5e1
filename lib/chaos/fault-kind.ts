/**
 * The faults a chaos run injects. Each is a failure the saga must survive in AWS, where SQS,
 * EventBridge and Lambda are all at-least-once and any call can fail.
 */
export const FAULT_KINDS = [
  'duplicate-delivery',
  'reordered-delivery',
  'delayed-delivery',
  'error-before-side-effects',
  'error-after-side-effects',
  'function-timeout',
  'throttled-put-events',
  'dual-write-gap',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** What each fault does, for `--help` and the report. */
export const FAULT_DESCRIPTIONS: Readonly<Record<FaultKind, string>> = {
  'duplicate-delivery':
    "a received SQS record is delivered a second time, in a later batch (orchestration: an execution is started twice, a Task's function invoked twice)",
  'reordered-delivery':
    'the records of a received batch are shuffled (orchestration: the next execution start overtakes this one)',
  'delayed-delivery':
    'a received record is held back for a while before the function sees it (orchestration: a delayed execution start)',
  'error-before-side-effects':
    'an invocation fails before the handler runs (the whole batch is retried; a Task fails with Lambda.ServiceException)',
  'error-after-side-effects':
    'an invocation fails after the handler ran (its effects stay; the batch, or the Task, is retried)',
  'function-timeout': 'an invocation runs, then times out at the function timeout (the batch, or the Task, is retried)',
  'throttled-put-events':
    'PutEvents entries from a function or a Task fail with ThrottlingException (FailedEntryCount > 0)',
  'dual-write-gap': "a function's or a Task's whole PutEvents call fails after the table writes succeeded",
};

/**
 * Faults that make a delivery attempt fail, so SQS redelivers the record: they use up the
 * record's receives and are kept within the fault budget (see FaultPlan.spareAttempts).
 */
export const ATTEMPT_FAILING_FAULTS: ReadonlySet<FaultKind> = new Set<FaultKind>([
  'error-before-side-effects',
  'error-after-side-effects',
  'function-timeout',
  'dual-write-gap',
]);

export function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}
