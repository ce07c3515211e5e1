import * as dynaliteDb from 'dynalite/db';
import type { TableDescription, WireItem } from 'dynalite/db';
import type { DynaliteEngine } from './dynalite-engine';
import { DynamoDbApiError } from './dynamodb-errors';
import type { KeyedLock } from './keyed-lock';

/** The single-item writes. */
export type ItemWriteOperation = 'PutItem' | 'UpdateItem' | 'DeleteItem';

/** The lock key of one item: table names cannot hold '/', so the pair is unambiguous. */
export function itemLockKey(engine: DynaliteEngine, table: TableDescription, key: WireItem): string {
  return `${table.TableName}/${engine.itemKey(table, key)}`;
}

/**
 * PutItem, UpdateItem, DeleteItem and BatchWriteItem, each holding the lock of the items it
 * writes, so that they never interleave with a transaction over the same items (dynalite's own
 * per-item lock is released between a transaction's condition checks and its writes).
 * `ReturnValuesOnConditionCheckFailure`, which dynalite ignores, is honoured here.
 */
export class LockedWrites {
  constructor(
    private readonly engine: DynaliteEngine,
    private readonly locks: KeyedLock,
  ) {}

  async writeItem(operation: ItemWriteOperation, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const returnOldOnFailure = readReturnValuesOnConditionCheckFailure(body.ReturnValuesOnConditionCheckFailure);
    const data = this.engine.validate(operation, body);
    const table = await this.engine.table(data.TableName as string);
    const key = (operation === 'PutItem' ? data.Item : data.Key) as WireItem;
    const invalid = operation === 'PutItem' ? dynaliteDb.validateItem(key, table) : dynaliteDb.validateKey(key, table);
    if (invalid) throw DynamoDbApiError.from(invalid);

    return this.locks.withLock([itemLockKey(this.engine, table, key)], async () => {
      try {
        return await this.engine.run(operation, data);
      } catch (error) {
        const apiError = DynamoDbApiError.from(error);
        if (returnOldOnFailure && apiError.code === 'ConditionalCheckFailedException') {
          // Still under the lock: the item read is the one the condition failed on.
          throw DynamoDbApiError.conditionalCheckFailed(await this.engine.readItem(table, key));
        }
        throw apiError;
      }
    });
  }

  async writeBatch(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const data = this.engine.validate('BatchWriteItem', body);
    const lockKeys = await this.batchLockKeys(data.RequestItems as BatchRequestItems);
    // Without lock keys the batch is invalid: dynalite reports why, exactly as it would anyway.
    if (!lockKeys) return this.engine.run('BatchWriteItem', data);
    return this.locks.withLock(lockKeys, () => this.engine.run('BatchWriteItem', data));
  }

  private async batchLockKeys(requestItems: BatchRequestItems): Promise<string[] | undefined> {
    const keys: string[] = [];
    for (const [tableName, requests] of Object.entries(requestItems)) {
      const table = await this.engine.table(tableName);
      for (const request of requests) {
        const put = request.PutRequest?.Item;
        const key = put ?? request.DeleteRequest?.Key;
        if (!key) return undefined;
        const invalid = put ? dynaliteDb.validateItem(put, table) : dynaliteDb.validateKey(key, table);
        if (invalid) return undefined;
        keys.push(itemLockKey(this.engine, table, key));
      }
    }
    return keys;
  }
}

type BatchRequestItems = Record<string, Array<{ PutRequest?: { Item: WireItem }; DeleteRequest?: { Key: WireItem } }>>;

/** True for ALL_OLD; validates the enum like AWS. */
export function readReturnValuesOnConditionCheckFailure(
  value: unknown,
  path = 'returnValuesOnConditionCheckFailure',
): boolean {
  if (value === undefined || value === null || value === 'NONE') return false;
  if (value === 'ALL_OLD') return true;
  throw DynamoDbApiError.validation(
    `1 validation error detected: Value '${String(value)}' at '${path}' failed to satisfy constraint: ` +
      'Member must satisfy enum value set: [ALL_OLD, NONE]',
  );
}
