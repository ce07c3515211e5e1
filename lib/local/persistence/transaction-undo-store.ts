import type { BeforeImage, LocalDynamoDb, TransactionUndoLog } from '../dynamodb';
import type { DurableStore } from './durable-store';

const UNDO_PREFIX = 'dynamodb/undo/';

/**
 * DynamoDB transactions under `--data`: the before-images of a TransactWriteItems are written
 * (and awaited) before its first write and deleted with its answer, so after a crash between
 * two of its writes the next start rolls it back (its caller never had an answer and retries).
 */
export class TransactionUndoStore implements TransactionUndoLog {
  private ordinal = 0;

  constructor(private readonly store: DurableStore) {}

  async begin(images: readonly BeforeImage[]): Promise<string> {
    const key = `${UNDO_PREFIX}${(++this.ordinal).toString(36).padStart(12, '0')}`;
    this.store.put(key, () => images);
    await this.store.commit();
    return key;
  }

  end(key: string): void {
    this.store.del(key);
  }

  /**
   * Rolls back the transactions a crash interrupted.
   * @returns how many
   */
  async restore(dynamoDb: LocalDynamoDb): Promise<number> {
    const unfinished = (await this.store.load(UNDO_PREFIX)).reverse();
    await dynamoDb.rollBackUnfinished(unfinished.map(([, images]) => images as BeforeImage[]));
    for (const [key] of unfinished) this.store.del(key);
    await this.store.commit();
    return unfinished.length;
  }
}
