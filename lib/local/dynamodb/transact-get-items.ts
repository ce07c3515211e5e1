import * as dynaliteDb from 'dynalite/db';
import type { WireItem } from 'dynalite/db';
import type { DynaliteEngine } from './dynalite-engine';
import { DynamoDbApiError } from './dynamodb-errors';
import type { KeyedLock } from './keyed-lock';
import { itemLockKey } from './locked-writes';
import {
  constraintError,
  isJsonObject,
  pickMembers,
  readReturnConsumedCapacity,
  readTransactItems,
  rejectDuplicateItems,
  validateMember,
} from './transaction-requests';

/**
 * TransactGetItems in front of dynalite, which lacks it: every item is read consistently while
 * holding the locks of all of them, so the reads form one snapshot that no TransactWriteItems
 * (which holds the same locks while it checks and writes) can be half-way through. A missing
 * item answers an empty response, as AWS does.
 */
export class TransactGetItems {
  constructor(
    private readonly engine: DynaliteEngine,
    private readonly locks: KeyedLock,
  ) {}

  async execute(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const capacityMode = readReturnConsumedCapacity(body.ReturnConsumedCapacity);
    const members = readTransactItems(body);
    const reads: Array<{ tableName: string; data: Record<string, unknown>; lockKey: string }> = [];
    for (const [index, member] of members.entries()) {
      const path = `transactItems.${index + 1}.member.get`;
      const get = isJsonObject(member) ? member.Get : undefined;
      if (!isJsonObject(get)) throw constraintError('null', path, 'Member must not be null');
      const data = validateMember(
        this.engine,
        'GetItem',
        pickMembers(get, ['TableName', 'Key', 'ProjectionExpression', 'ExpressionAttributeNames']),
        path,
      );
      const table = await this.engine.table(data.TableName as string);
      const invalid = dynaliteDb.validateKey(data.Key as WireItem, table);
      if (invalid) throw DynamoDbApiError.from(invalid);
      reads.push({
        tableName: table.TableName,
        data: { ...data, ConsistentRead: true },
        lockKey: itemLockKey(this.engine, table, data.Key as WireItem),
      });
    }
    const lockKeys = reads.map((read) => read.lockKey);
    rejectDuplicateItems(lockKeys);

    const responses = await this.locks.withLock(lockKeys, async () => {
      const found: Array<Record<string, unknown>> = [];
      for (const read of reads) {
        const { Item } = await this.engine.run('GetItem', read.data);
        found.push(Item ? { Item } : {});
      }
      return found;
    });
    return {
      Responses: responses,
      ...(capacityMode
        ? {
            ConsumedCapacity: consumedCapacity(
              capacityMode,
              reads.map((read) => read.tableName),
              responses,
            ),
          }
        : {}),
    };
  }
}

/** Transactional reads cost two read units per 4 KB of each item, summed per table. */
function consumedCapacity(
  mode: 'TOTAL' | 'INDEXES',
  tableNames: readonly string[],
  responses: ReadonlyArray<Record<string, unknown>>,
): Record<string, unknown>[] {
  const units = new Map<string, number>();
  tableNames.forEach((tableName, index) => {
    const item = responses[index]?.Item as WireItem | undefined;
    const cost = 2 * Math.max(1, Math.ceil((item ? dynaliteDb.itemSize(item) : 0) / 4096));
    units.set(tableName, (units.get(tableName) ?? 0) + cost);
  });
  return [...units].map(([TableName, CapacityUnits]) => ({
    TableName,
    CapacityUnits,
    ReadCapacityUnits: CapacityUnits,
    ...(mode === 'INDEXES' ? { Table: { CapacityUnits, ReadCapacityUnits: CapacityUnits } } : {}),
  }));
}
