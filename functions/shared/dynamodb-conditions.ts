/**
 * Reading DynamoDB's answers to conditional writes. Conditional writes are how every service
 * makes its side effects happen once, so "the condition failed" is an expected outcome here, not
 * an error.
 */

/** The code DynamoDB gives a transaction item whose condition failed. */
export const CONDITIONAL_CHECK_FAILED = 'ConditionalCheckFailed';

/** Whether a single-item write was refused because its ConditionExpression was false. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/**
 * The per-item cancellation codes of a cancelled TransactWriteItems (`'None'`,
 * `'ConditionalCheckFailed'`, `'TransactionConflict'`, ...), in request order; `undefined` when
 * the error is not a transaction cancellation.
 */
export function transactionCancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: readonly { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}
