import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from './dynamodb-conditions';
import { scanEntity, withoutKeys } from './table-scan';

/** A stored record: the item without its key and kind attributes. */
export type StoredRecord = Record<string, unknown>;

/**
 * One kind of item in a service table, in the single-table layout every service uses: partition
 * key `<KIND>#<id>`, sort key `<KIND>`, attribute `entity` = `<KIND>` (what {@link scanEntity}
 * filters on). Reads are consistent, because a handler decides from what it reads.
 */
export class ItemKind {
  constructor(readonly kind: string) {}

  key(id: string): { readonly pk: string; readonly sk: string } {
    return { pk: `${this.kind}#${id}`, sk: this.kind };
  }

  /** The record of `id`, or `undefined` when there is none. */
  async get(client: DynamoDBDocumentClient, tableName: string, id: string): Promise<StoredRecord | undefined> {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: this.key(id), ConsistentRead: true }),
    );
    return Item ? withoutKeys(Item) : undefined;
  }

  /**
   * Writes the record of `id` unless one exists: the conditional put that makes a decision happen
   * once however often its message is delivered. False, and nothing written, when one exists.
   */
  async putOnce(client: DynamoDBDocumentClient, tableName: string, id: string, record: StoredRecord): Promise<boolean> {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...this.key(id), entity: this.kind, ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /** Every record of this kind (all pages), sorted by order id: what the invariant checks read. */
  async listByOrderId(client: DynamoDBDocumentClient, tableName: string): Promise<StoredRecord[]> {
    const items = await scanEntity(client, tableName, this.kind);
    return items.map(withoutKeys).sort((a, b) => String(a.orderId).localeCompare(String(b.orderId)));
  }
}
