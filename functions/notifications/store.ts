import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ItemKind, listRecordsByOrderId } from '../shared/item-kind';
import { OncePerOrderStore } from '../shared/once-per-order-store';
import type { Notification } from './domain';

/** The notifications table: one item per order, `NOTIFICATION#<orderId>` / `NOTIFICATION` (partition key `pk`, sort key `sk`). */
const NOTIFICATION = new ItemKind<Notification>('NOTIFICATION');

/** The notifications service's table; the item keyed by order id means a customer is told once. */
export class NotificationsStore extends OncePerOrderStore<Notification> {
  protected readonly records = NOTIFICATION;
}

/** Every notification sent, sorted by order id: what the one-notification-per-order check counts. */
export function listNotifications(client: DynamoDBDocumentClient, tableName: string): Promise<Notification[]> {
  return listRecordsByOrderId(NOTIFICATION, client, tableName);
}
