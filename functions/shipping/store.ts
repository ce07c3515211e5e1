import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ItemKind, listRecordsByOrderId } from '../shared/item-kind';
import { OncePerOrderStore } from '../shared/once-per-order-store';
import type { Shipment } from './domain';

/** The shipping table: one item per order, `SHIPMENT#<orderId>` / `SHIPMENT` (partition key `pk`, sort key `sk`). */
const SHIPMENT = new ItemKind<Shipment>('SHIPMENT');

/** The shipping service's table; the shipment keyed by order id makes scheduling happen once. */
export class ShippingStore extends OncePerOrderStore<Shipment> {
  protected readonly records = SHIPMENT;
}

/** Every scheduled shipment, sorted by order id. */
export function listShipments(client: DynamoDBDocumentClient, tableName: string): Promise<Shipment[]> {
  return listRecordsByOrderId(SHIPMENT, client, tableName);
}
