import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writeOrExisting } from './dynamodb-conditions';
import { MissingRecordError } from './store-errors';
import { scanEntity, withoutKeys } from './table-scan';

/** A stored record: the item without its key and kind attributes. */
export type StoredRecord = Record<string, unknown>;

/** What a put-once came to: written, or refused with the record that was already there. */
export type PutOnceResult<T> = { readonly written: true } | { readonly written: false; readonly existing: T };

/**
 * One kind of item in a service table, in the single-table layout every service uses: partition
 * key `<KIND>#<id>`, sort key `<KIND>`, attribute `entity` = `<KIND>` (what {@link scanEntity}
 * filters on). Reads are consistent, because a handler decides from what it reads. `T` is the
 * record as the service reads it back.
 */
export class ItemKind<T extends object = StoredRecord> {
  constructor(readonly kind: string) {}

  key(id: string): { readonly pk: string; readonly sk: string } {
    return { pk: `${this.kind}#${id}`, sk: this.kind };
  }

  /** The record of `id`, or `undefined` when there is none. */
  async get(client: DynamoDBDocumentClient, tableName: string, id: string): Promise<T | undefined> {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: this.key(id), ConsistentRead: true }),
    );
    return Item ? this.recordOf(Item) : undefined;
  }

  /**
   * Writes the record of `id` unless one exists: the conditional put that makes a decision happen
   * once however often its message is delivered. When one exists, nothing is written and the
   * answer carries it (DynamoDB returns the item that failed the condition), so a service decides
   * first and reads only when it lost: one call per delivery instead of a read and a write.
   */
  async putOnce(
    client: DynamoDBDocumentClient,
    tableName: string,
    id: string,
    record: StoredRecord,
  ): Promise<PutOnceResult<T>> {
    const result = await writeOrExisting(
      client.send(
        new PutCommand({
          TableName: tableName,
          Item: this.item(id, record),
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    if (result.written) return result;
    const existing = await this.refusedRecord(client, tableName, id, result.existing);
    // Refused because it existed, gone now (deleted meanwhile): SQS delivers the message again.
    if (!existing) throw new MissingRecordError(`${this.kind}#${id}`);
    return { written: false, existing };
  }

  /**
   * The record of `id` a refused conditional write found: the item DynamoDB returned with the
   * refusal, or, from a store that ignores ReturnValuesOnConditionCheckFailure (an older DynamoDB
   * Local, a mock) and refuses without it, read now. `undefined` when there is none.
   */
  async refusedRecord(
    client: DynamoDBDocumentClient,
    tableName: string,
    id: string,
    returned: Record<string, unknown> | undefined,
  ): Promise<T | undefined> {
    return returned ? this.recordOf(returned) : this.get(client, tableName, id);
  }

  /** The record an item stores: the item without its key and kind attributes. */
  recordOf(item: Record<string, unknown>): T {
    return withoutKeys(item) as T;
  }

  /** The item that stores `record` under `id`: its key, its kind, then the record. */
  item(id: string, record: StoredRecord): StoredRecord {
    return { ...this.key(id), entity: this.kind, ...record };
  }
}

// Free functions, not methods: only the CLI, the local cloud's seeding and the invariant checks
// use them, and esbuild drops unused functions from the handlers' bundles but never a method.

/**
 * Writes each record under its id, overwriting what was there: how `choreo seed` and the local
 * cloud fill a table.
 */
export async function putRecords(
  kind: ItemKind<object>,
  client: DynamoDBDocumentClient,
  tableName: string,
  records: readonly { readonly id: string; readonly record: StoredRecord }[],
): Promise<void> {
  await Promise.all(
    records.map(({ id, record }) => client.send(new PutCommand({ TableName: tableName, Item: kind.item(id, record) }))),
  );
}

/** Every record of a kind (all pages), sorted by order id: what the invariant checks read. */
export async function listRecordsByOrderId<T extends object>(
  kind: ItemKind<T>,
  client: DynamoDBDocumentClient,
  tableName: string,
): Promise<T[]> {
  const items = await scanEntity(client, tableName, kind.kind);
  const records = items.map(withoutKeys).sort((a, b) => String(a.orderId).localeCompare(String(b.orderId)));
  return records as T[];
}
