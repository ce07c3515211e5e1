import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '../shared/dynamodb-conditions';
import { scanEntity, withoutKeys } from '../shared/table-scan';
import type { OrderRecord } from './domain';

export type { OrderRecord, OrderStatus, StatusChange } from './domain';

/**
 * The orders table: one item per order, `ORDER#<orderId>` / `ORDER` (partition key `pk`, sort
 * key `sk`), with a `version` for optimistic locking: events of one order may be handled at the
 * same moment (two records of one batch, two Lambda instances), and neither may undo the other.
 */
const ORDER = 'ORDER';
const orderKey = (orderId: string) => ({ pk: `${ORDER}#${orderId}`, sk: ORDER });

/** An order as read, with the version a conditional save must find. */
export interface VersionedOrder {
  readonly order: OrderRecord;
  readonly version: number;
}

/** The orders service's table. */
export class OrdersStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(orderId: string): Promise<VersionedOrder | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: orderKey(orderId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { version, ...order } = withoutKeys(Item);
    return { order: order as unknown as OrderRecord, version: Number(version) };
  }

  /**
   * Saves the order if nobody saved it since it was read at `readVersion` (`undefined`: if it
   * does not exist yet). Returns false, writing nothing, when someone did.
   */
  async save(order: OrderRecord, readVersion: number | undefined): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...orderKey(order.orderId), entity: ORDER, ...toItem(order), version: (readVersion ?? 0) + 1 },
          ...(readVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': readVersion } }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}

/** The record as an item: optional members that are unset are left out (DynamoDB has no undefined). */
function toItem(order: OrderRecord): Record<string, unknown> {
  return Object.fromEntries(Object.entries(order).filter(([, value]) => value !== undefined));
}

/** One order with its status history, or `undefined` if the orders service has not seen it. */
export async function getOrder(
  client: DynamoDBDocumentClient,
  tableName: string,
  orderId: string,
): Promise<OrderRecord | undefined> {
  return (await new OrdersStore(client, tableName).get(orderId))?.order;
}

/** Every order, sorted by order id. */
export async function listOrders(client: DynamoDBDocumentClient, tableName: string): Promise<OrderRecord[]> {
  const items = await scanEntity(client, tableName, ORDER);
  return items
    .map((item) => {
      const { version: _version, ...order } = withoutKeys(item);
      return order as unknown as OrderRecord;
    })
    .sort((a, b) => a.orderId.localeCompare(b.orderId));
}
