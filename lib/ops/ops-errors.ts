import { ClassifiedError, type ErrorKind } from '../errors/classified-error';

/**
 * Errors of the operations tools (dead-letter queues, replays). The CLI maps them to its exit
 * codes: {@link OpsInputError} is the user's to fix (exit 2), {@link OpsFailedError} a runtime
 * failure (exit 1).
 */

/** The input names nothing the tools can work on (an unknown service, a bad time range). */
export class OpsInputError extends ClassifiedError {
  override readonly name = 'OpsInputError';
  readonly kind = 'validation';
}

/** AWS answered, but the operation did not succeed (a queue missing, a task that failed). */
export class OpsFailedError extends ClassifiedError {
  override readonly name = 'OpsFailedError';
  readonly kind: ErrorKind;

  constructor(
    message: string,
    /** Whether trying again later may succeed (a task still running, a replay not finished). */
    retryable = false,
  ) {
    super(message);
    this.kind = retryable ? 'transient' : 'refused';
  }
}
