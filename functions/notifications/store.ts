import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ItemKind } from '../shared/item-kind';
import type { Notification } from './domain';

/** The notifications table: one item per order, `NOTIFICATION#<orderId>` / `NOTIFICATION` (partition key `pk`, sort key `sk`). */
const NOTIFICATION = new ItemKind('NOTIFICATION');

/** The notifications service's table; the item keyed by order id means a customer is told once. */
export class NotificationsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(orderId: string): Promise<Notification | undefined> {
    return (await NOTIFICATION.get(this.client, this.tableName, orderId)) as Notification | undefined;
  }

  /** Records the notification as sent; false (and nothing written) if the order already has one. */
  recordSent(notification: Notification): Promise<boolean> {
    return NOTIFICATION.putOnce(this.client, this.tableName, notification.orderId, { ...notification });
  }
}

/** Every notification sent, sorted by order id: what the one-notification-per-order check counts. */
export async function listNotifications(client: DynamoDBDocumentClient, tableName: string): Promise<Notification[]> {
  return (await NOTIFICATION.listByOrderId(client, tableName)) as unknown as Notification[];
}
