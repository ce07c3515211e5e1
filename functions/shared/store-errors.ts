/**
 * Failures of a service's table that a later attempt can get past: SQS redelivers the message
 * (`retryable = true`), and the redrive policy dead-letters it if they persist.
 */

/** Concurrent writers kept winning the optimistic-lock or transaction race for one record. */
export class ConcurrentUpdateError extends Error {
  override readonly name = 'ConcurrentUpdateError';
  readonly retryable = true;

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
export class MissingRecordError extends Error {
  override readonly name = 'MissingRecordError';
  readonly retryable = true;

  constructor(readonly key: string) {
    super(`record '${key}' does not exist yet`);
  }
}
