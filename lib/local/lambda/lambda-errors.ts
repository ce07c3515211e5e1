import { ClassifiedError } from '../../errors/classified-error';

/** The runtime has no function of that name (Lambda's ResourceNotFoundException). Not retryable. */
export class FunctionNotFoundError extends ClassifiedError {
  readonly kind = 'validation';
  readonly code = 'ResourceNotFoundException';
  constructor(readonly functionName: string) {
    super(`function not found: '${functionName}'`);
    this.name = 'FunctionNotFoundError';
  }
}

/**
 * The function is at its concurrency limit and the runtime throttles instead of queueing
 * (Lambda's TooManyRequestsException). Retryable: try again later.
 */
export class TooManyRequestsError extends ClassifiedError {
  readonly kind = 'transient';
  readonly code = 'TooManyRequestsException';
  constructor(
    readonly functionName: string,
    readonly concurrencyLimit: number,
  ) {
    super(`rate exceeded: function '${functionName}' is at its concurrency limit of ${concurrencyLimit}`);
    this.name = 'TooManyRequestsError';
  }
}

/** The runtime was closed; invocations are refused. Not retryable. */
export class RuntimeClosedError extends ClassifiedError {
  readonly kind = 'refused';
  constructor(readonly functionName: string) {
    super(`the lambda runtime is closed; cannot invoke '${functionName}'`);
    this.name = 'RuntimeClosedError';
  }
}

/** A function cannot run locally (no code directory). Not retryable: fix the assembly. */
export class FunctionCodeUnavailableError extends ClassifiedError {
  readonly kind = 'validation';
  constructor(
    readonly functionName: string,
    readonly reason: string,
  ) {
    super(`function '${functionName}' has no runnable code: ${reason}`);
    this.name = 'FunctionCodeUnavailableError';
  }
}
