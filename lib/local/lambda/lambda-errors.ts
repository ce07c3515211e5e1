import { classifiedErrorClass } from '../../errors/classified-error';

/** The runtime has no function of that name (Lambda's ResourceNotFoundException). Not retryable. */
export class FunctionNotFoundError extends /* @__PURE__ */ classifiedErrorClass('FunctionNotFoundError', 'validation') {
  readonly code = 'ResourceNotFoundException';
  constructor(readonly functionName: string) {
    super(`function not found: '${functionName}'`);
  }
}

/**
 * The function is at its concurrency limit and the runtime throttles instead of queueing
 * (Lambda's TooManyRequestsException). Retryable: try again later.
 */
export class TooManyRequestsError extends /* @__PURE__ */ classifiedErrorClass('TooManyRequestsError', 'transient') {
  readonly code = 'TooManyRequestsException';
  constructor(
    readonly functionName: string,
    readonly concurrencyLimit: number,
  ) {
    super(`rate exceeded: function '${functionName}' is at its concurrency limit of ${concurrencyLimit}`);
  }
}

/** The runtime was closed; invocations are refused. Not retryable. */
export class RuntimeClosedError extends /* @__PURE__ */ classifiedErrorClass('RuntimeClosedError', 'refused') {
  constructor(readonly functionName: string) {
    super(`the lambda runtime is closed; cannot invoke '${functionName}'`);
  }
}

/** A function cannot run locally (no code directory). Not retryable: fix the assembly. */
export class FunctionCodeUnavailableError
  extends /* @__PURE__ */ classifiedErrorClass('FunctionCodeUnavailableError', 'validation')
{
  constructor(
    readonly functionName: string,
    readonly reason: string,
  ) {
    super(`function '${functionName}' has no runnable code: ${reason}`);
  }
}
