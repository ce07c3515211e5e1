import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { writeOrExisting } from '../shared/dynamodb-conditions';
import { ItemKind, listRecordsByOrderId } from '../shared/item-kind';
import { ServiceStore } from '../shared/service-store';
import type { OrderRecord } from './domain';

export type { OrderRecord, OrderStatus, StatusChange } from './domain';

/**
 * The orders table: one item per order, `ORDER#<orderId>` / `ORDER` (partition key `pk`, sort
 * key `sk`), with a `version` for optimistic locking: events of one order may be handled at the
 * same moment (two records of one batch, two Lambda instances), and neither may undo the other.
 */
const ORDER = new ItemKind<OrderRecord & { readonly version: number }>('ORDER');

/** An order as read, with the version a conditional save must find. */
export interface VersionedOrder {
  readonly order: OrderRecord;
  readonly version: number;
}

/** The orders service's table. */
export class OrdersStore extends ServiceStore {
  async get(orderId: string): Promise<VersionedOrder | undefined> {
    const stored = await ORDER.get(this.client, this.tableName, orderId);
    return stored ? versioned(stored) : undefined;
  }

  /**
   * Saves the order if nobody saved it since it was read at `readVersion` (`undefined`: if it
   * does not exist yet). When someone did, nothing is written and the answer carries the order
   * as it is now (DynamoDB returns the item that failed the condition), to decide again from.
   */
  async save(order: OrderRecord, readVersion: number | undefined): Promise<OrderSaveResult> {
    const result = await writeOrExisting(
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: ORDER.item(order.orderId, { ...toItem(order), version: (readVersion ?? 0) + 1 }),
          ...(readVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': readVersion } }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    if (result.written) return result;
    const current = await ORDER.refusedRecord(this.client, this.tableName, order.orderId, result.existing);
    return { written: false, current: current ? versioned(current) : undefined };
  }
}

/** What a save came to: written, or refused with the order as it is now (`undefined`: deleted). */
export type OrderSaveResult =
  { readonly written: true } | { readonly written: false; readonly current: VersionedOrder | undefined };

function versioned(stored: OrderRecord & { readonly version: number }): VersionedOrder {
  const { version, ...order } = stored;
  return { order, version: Number(version) };
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
  const stored = await listRecordsByOrderId(ORDER, client, tableName);
  return stored.map(({ version: _version, ...order }) => order);
}
