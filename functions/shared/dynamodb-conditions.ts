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
 * Awaits a single-item conditional write: true when it was written, false (and nothing written)
 * when its condition was false. Any other failure is thrown.
 */
export async function writtenUnlessConditionFailed(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
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
