/** An item as it was before a transaction wrote it (`image` absent: there was none). */
export interface BeforeImage {
  readonly tableName: string;
  readonly key: Record<string, unknown>;
  readonly image?: Record<string, unknown>;
}

/**
 * Where TransactWriteItems keeps the before-images of the items it is about to write, durable
 * before the first write (`--data`): a crash between two of its writes would otherwise leave
 * half a transaction on disk. At the next start the transactions still logged (never answered)
 * are rolled back, so each one is all there or not at all.
 */
export interface TransactionUndoLog {
  /** Logs the before-images; resolves once they are durable. Returns the entry's id. */
  begin(images: readonly BeforeImage[]): Promise<string>;
  /** The transaction's writes are applied (or rolled back): its entry can go. */
  end(id: string): void;
}
