import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ItemKind } from '../shared/item-kind';
import type { Shipment } from './domain';

/** The shipping table: one item per order, `SHIPMENT#<orderId>` / `SHIPMENT` (partition key `pk`, sort key `sk`). */
const SHIPMENT = new ItemKind('SHIPMENT');

/** The shipping service's table; the shipment keyed by order id makes scheduling happen once. */
export class ShippingStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getShipment(orderId: string): Promise<Shipment | undefined> {
    return (await SHIPMENT.get(this.client, this.tableName, orderId)) as Shipment | undefined;
  }

  /** Records the order's shipment; false (and nothing written) if the order already has one. */
  recordShipment(shipment: Shipment): Promise<boolean> {
    return SHIPMENT.putOnce(this.client, this.tableName, shipment.orderId, {
      ...shipment,
      scheduledBy: { ...shipment.scheduledBy },
    });
  }
}

/** Every scheduled shipment, sorted by order id. */
export async function listShipments(client: DynamoDBDocumentClient, tableName: string): Promise<Shipment[]> {
  return (await SHIPMENT.listByOrderId(client, tableName)) as unknown as Shipment[];
}
