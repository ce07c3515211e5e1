import { ClassifiedError, type ErrorKind } from '../errors/classified-error';

/**
 * Errors a `choreo` command throws to end with a given exit code. Each says whether trying again
 * may help, like every error of this project.
 */

/** Exit codes of `choreo`: 0 success, 1 a runtime failure (or a failed check), 2 a usage error. */
export const EXIT_CODES = { ok: 0, failure: 1, usage: 2 } as const;

/** Bad arguments or invalid input: the user must change the command line. Exit code 2. */
export class UsageError extends ClassifiedError {
  override readonly name = 'UsageError';
  readonly kind = 'validation';
  readonly exitCode = EXIT_CODES.usage;
}

/**
 * The command ran but its answer is "no": an order not found, a smoke test that did not confirm.
 * Exit code 1. Retryable when waiting may change the answer.
 */
export class CommandFailedError extends ClassifiedError {
  override readonly name = 'CommandFailedError';
  readonly kind: ErrorKind;
  readonly exitCode = EXIT_CODES.failure;

  constructor(message: string, retryable = false) {
    super(message);
    this.kind = retryable ? 'transient' : 'refused';
  }
}
