/** Which records of a batch to delete after an invocation that returned normally. */
export interface BatchVerdict {
  /** Message ids to delete. */
  readonly succeeded: readonly string[];
  /** Message ids left in the queue, to reappear after the visibility timeout. */
  readonly failed: readonly string[];
  /** Why the whole batch counts as failed, when the response was invalid. */
  readonly invalidResponse?: string;
}

/**
 * Reads a function's response to an SQS batch as Lambda does. Without `ReportBatchItemFailures`
 * any normal return deletes the whole batch. With it, a null/empty response or an empty or null
 * `batchItemFailures` is complete success; the listed `itemIdentifier`s fail; and an invalid
 * response — not an object, `batchItemFailures` not a list, an empty, null or unknown
 * identifier — fails the whole batch ("Success and failure conditions", Lambda developer guide).
 */
export function judgeBatchResponse(
  result: unknown,
  messageIds: readonly string[],
  reportBatchItemFailures: boolean,
): BatchVerdict {
  const all = (reason?: string): BatchVerdict =>
    reason === undefined
      ? { succeeded: [...messageIds], failed: [] }
      : { succeeded: [], failed: [...messageIds], invalidResponse: reason };
  if (!reportBatchItemFailures || result === null || result === undefined) {
    return all();
  }
  if (typeof result !== 'object' || Array.isArray(result)) {
    return all(`the response '${JSON.stringify(result)}' is not an object`);
  }
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) {
    return all();
  }
  if (!Array.isArray(failures)) {
    return all(`batchItemFailures '${JSON.stringify(failures)}' is not a list`);
  }
  const known = new Set(messageIds);
  const failed = new Set<string>();
  for (const failure of failures) {
    const identifier = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof identifier !== 'string' || identifier === '' || !known.has(identifier)) {
      return all(`itemIdentifier '${JSON.stringify(identifier)}' is not a message id of the batch`);
    }
    failed.add(identifier);
  }
  return { succeeded: messageIds.filter((id) => !failed.has(id)), failed: [...failed] };
}
