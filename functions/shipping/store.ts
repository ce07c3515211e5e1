import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '../shared/dynamodb-conditions';
import { scanEntity, withoutKeys } from '../shared/table-scan';
import type { Shipment } from './domain';

/** The shipping table: one item per order, `SHIPMENT#<orderId>` / `SHIPMENT` (partition key `pk`, sort key `sk`). */
const SHIPMENT = 'SHIPMENT';
const shipmentKey = (orderId: string) => ({ pk: `${SHIPMENT}#${orderId}`, sk: SHIPMENT });

/** The shipping service's table; the shipment keyed by order id makes scheduling happen once. */
export class ShippingStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getShipment(orderId: string): Promise<Shipment | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: shipmentKey(orderId), ConsistentRead: true }),
    );
    return Item ? (withoutKeys(Item) as unknown as Shipment) : undefined;
  }

  /** Records the order's shipment; false (and nothing written) if the order already has one. */
  async recordShipment(shipment: Shipment): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...shipmentKey(shipment.orderId),
            entity: SHIPMENT,
            ...shipment,
            scheduledBy: { ...shipment.scheduledBy },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }
}

/** Every scheduled shipment, sorted by order id. */
export async function listShipments(client: DynamoDBDocumentClient, tableName: string): Promise<Shipment[]> {
  const items = await scanEntity(client, tableName, SHIPMENT);
  return items
    .map((item) => withoutKeys(item) as unknown as Shipment)
    .sort((a, b) => a.orderId.localeCompare(b.orderId));
}
