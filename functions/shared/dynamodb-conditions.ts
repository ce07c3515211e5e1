import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

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
  return (await writeOrExisting(write)).written;
}

/**
 * What a single-item write sent with `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'` came to:
 * written, or refused with the item that was there (`undefined` when there was none, e.g. a
 * version condition on a deleted item). Reading the refusal's item instead of reading first saves
 * a GetItem per write, and the item is the one the condition was evaluated against.
 */
export type ConditionalWriteResult =
  { readonly written: true } | { readonly written: false; readonly existing: Record<string, unknown> | undefined };

/** Awaits a single-item conditional write sent with `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`. */
export async function writeOrExisting(write: Promise<unknown>): Promise<ConditionalWriteResult> {
  try {
    await write;
    return { written: true };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    // The document client unmarshalls answers, not errors: the refusal's item is in wire format.
    return { written: false, existing: unmarshalledItem((error as { Item?: Record<string, AttributeValue> }).Item) };
  }
}

/**
 * The items a cancelled TransactWriteItems returned for its refused conditions (items sent with
 * `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`), in request order; `undefined` where none.
 */
export function transactionCancellationItems(error: unknown): (Record<string, unknown> | undefined)[] {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return [];
  const reasons = (error as { CancellationReasons?: readonly { Item?: Record<string, AttributeValue> }[] })
    .CancellationReasons;
  return (reasons ?? []).map((reason) => unmarshalledItem(reason.Item));
}

function unmarshalledItem(item: Record<string, AttributeValue> | undefined): Record<string, unknown> | undefined {
  return item && Object.keys(item).length > 0 ? unmarshall(item) : undefined;
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
