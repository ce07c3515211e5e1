import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { InventoryStore, getStockLevels } from '../../../functions/inventory/store';
import { listNotifications } from '../../../functions/notifications/store';
import { getOrder } from '../../../functions/orders/store';
import { listCharges } from '../../../functions/payments/store';
import { serviceResourceNames, type ServiceName } from '../../../lib/contracts';
import { VARIANT } from './saga-cloud';

const tableOf = (service: ServiceName) => serviceResourceNames(VARIANT, service).table;

/**
 * Everything the services recorded about one order, read from their tables through the stock
 * SDK with the same store code the services use.
 */
export async function readOrderState(documentClient: DynamoDBDocumentClient, orderId: string) {
  const [order, reservation, charges, notifications] = await Promise.all([
    getOrder(documentClient, tableOf('orders'), orderId),
    new InventoryStore(documentClient, tableOf('inventory')).getReservation(orderId),
    listCharges(documentClient, tableOf('payments')),
    listNotifications(documentClient, tableOf('notifications')),
  ]);
  return {
    order,
    reservation,
    charges: charges.filter((charge) => charge.orderId === orderId),
    notifications: notifications.filter((notification) => notification.orderId === orderId),
  };
}

/** Available stock per SKU, as the inventory table holds it now. */
export async function readStock(documentClient: DynamoDBDocumentClient): Promise<Map<string, number>> {
  const levels = await getStockLevels(documentClient, tableOf('inventory'));
  return new Map(levels.map((level) => [level.sku, level.available]));
}

/** The stock of the given SKUs, for before/after comparisons. */
export async function readStockOf(
  documentClient: DynamoDBDocumentClient,
  skus: readonly string[],
): Promise<Record<string, number | undefined>> {
  const stock = await readStock(documentClient);
  return Object.fromEntries(skus.map((sku) => [sku, stock.get(sku)]));
}
