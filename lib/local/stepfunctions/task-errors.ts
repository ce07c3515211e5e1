import { ClassifiedError, classifiedErrorClass } from '../../errors/classified-error';

/**
 * Errors a Task state fails with. The interpreter matches a Retrier's or Catcher's
 * `ErrorEquals` against `error.name` and puts `{ Error: name, Cause: message }` into the Catch
 * output; the name alone decides whether Retry and Catch may apply (`States.Runtime` never,
 * see `StatesError.isFatal`).
 */

/**
 * A Task failed with a Step Functions error name (`TransientError`, `Lambda.ServiceException`,
 * `EventBridge.FailedEntry`, ...) and a cause (Lambda's error payload as JSON text, or a message).
 * Retryable and catchable: whether it is retried is the definition's Retry's choice.
 */
export class TaskFailedError extends ClassifiedError {
  readonly kind = 'transient';

  constructor(
    /** The error name Retry and Catch match (`name` too). */
    readonly error: string,
    /** The cause, as Step Functions reports it (`Cause` in the Catch output); also `message`. */
    cause: string,
  ) {
    super(cause);
    this.name = error;
  }
}

/**
 * The local cloud cannot run the Task (a service integration it does not provide, a malformed
 * Parameters). Reported as `States.Runtime`, which AWS never retries and `States.ALL` never
 * catches: the execution fails.
 */
export class TaskRuntimeError extends /* @__PURE__ */ classifiedErrorClass('States.Runtime', 'validation') {}

/**
 * A Lambda function ended in an error (its handler threw, it timed out, its runtime crashed):
 * what the `invokeFunction` integration throws. The Task fails with `errorType` as the error
 * name and Lambda's error payload as the cause, as AWS does. Whether the Task is retried is up
 * to the definition (`retryable` only says it may be worth it).
 *
 * @example throw new FunctionError('TransientError', 'inventory table throttled')
 */
export class FunctionError extends /* @__PURE__ */ classifiedErrorClass('FunctionError', 'transient') {
  constructor(
    readonly errorType: string,
    readonly errorMessage: string,
    readonly trace: readonly string[] = [],
  ) {
    super(`${errorType}: ${errorMessage}`);
  }
}
