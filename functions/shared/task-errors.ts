import { classifiedErrorClass } from '../../lib/errors/classified-error';

/**
 * Errors a Step Functions task adapter throws. Lambda reports a thrown error's `name` as the
 * `errorType`, and Step Functions matches Retry and Catch `ErrorEquals` against it: each name
 * here is therefore part of the state machine's contract (see TASK_ERROR_NAMES).
 */

/** The error names the state machine's Retry and Catch match, in one place for the infrastructure. */
export const TASK_ERROR_NAMES = {
  /** A failure a later attempt can get past: the state's Retry repeats the task. */
  transient: 'TransientTaskError',
  /** The task input is not what the action takes: no retry helps. */
  invalidInput: 'InvalidTaskInputError',
  /** The use case decided nothing the workflow can continue with: no retry helps. */
  missingOutcome: 'MissingTaskOutcomeError',
  /** An OrderPlaced conflicts with the content held for its order id: the execution ends, compensating nothing. */
  conflictingOrder: 'ConflictingOrderError',
} as const;

/**
 * A retryable failure (a throttled or unavailable table, a lost optimistic-lock race, a record
 * not written yet) under one name the state machine retries, whatever the SDK called it. The
 * original error is the `cause`, and its name is quoted in the message for the execution history.
 */
export class TransientTaskError extends /* @__PURE__ */ classifiedErrorClass(TASK_ERROR_NAMES.transient, 'transient') {
  constructor(
    readonly action: string,
    cause: unknown,
  ) {
    const original = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`task '${action}' failed and may succeed if retried: ${original}`, { cause });
  }
}

/** The input does not name a known action, or its event is not one the action takes. */
export class InvalidTaskInputError
  extends /* @__PURE__ */ classifiedErrorClass(TASK_ERROR_NAMES.invalidInput, 'validation')
{
  constructor(
    readonly service: string,
    /** What is wrong, already quoting the offending value. */
    readonly reason: string,
  ) {
    super(`invalid input for the ${service} task: ${reason}`);
  }
}

/**
 * The use case returned no event where the workflow needs one (e.g. CancelOrder on an order that
 * is already CONFIRMED): the saga's state contradicts the workflow, which an operator must look at.
 */
export class MissingTaskOutcomeError
  extends /* @__PURE__ */ classifiedErrorClass(TASK_ERROR_NAMES.missingOutcome, 'conflict')
{
  constructor(
    readonly action: string,
    readonly orderId: string,
    readonly note: string | undefined,
  ) {
    super(`task '${action}' decided no outcome for order '${orderId}'${note ? `: ${note}` : ''}`);
  }
}
