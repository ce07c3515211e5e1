import { classifiedErrorClass } from '../../lib/errors/classified-error';

/**
 * Failures of a service's table that a later attempt can get past: SQS redelivers the message
 * (kind `transient`), and the redrive policy dead-letters it if they persist.
 */

/** Concurrent writers kept winning the optimistic-lock or transaction race for one record. */
export class ConcurrentUpdateError extends /* @__PURE__ */ classifiedErrorClass('ConcurrentUpdateError', 'transient') {
  constructor(
    readonly key: string,
    readonly attempts: number,
  ) {
    super(`record '${key}' kept changing under ${attempts} attempt(s) to update it`);
  }
}

/**
 * A record the saga guarantees should exist is missing, e.g. the reservation a `PaymentFailed`
 * refers to. Retryable: the write that creates it may only just be landing.
 */
export class MissingRecordError extends /* @__PURE__ */ classifiedErrorClass('MissingRecordError', 'transient') {
  constructor(readonly key: string) {
    super(`record '${key}' does not exist yet`);
  }
}
