import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '../shared/dynamodb-conditions';
import { scanEntity, withoutKeys } from '../shared/table-scan';
import type { Notification } from './domain';

/** The notifications table: one item per order, `NOTIFICATION#<orderId>` / `NOTIFICATION` (partition key `pk`, sort key `sk`). */
const NOTIFICATION = 'NOTIFICATION';
const notificationKey = (orderId: string) => ({ pk: `${NOTIFICATION}#${orderId}`, sk: NOTIFICATION });

/** The notifications service's table; the item keyed by order id means a customer is told once. */
export class NotificationsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(orderId: string): Promise<Notification | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: notificationKey(orderId), ConsistentRead: true }),
    );
    return Item ? (withoutKeys(Item) as unknown as Notification) : undefined;
  }

  /** Records the notification as sent; false (and nothing written) if the order already has one. */
  async recordSent(notification: Notification): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...notificationKey(notification.orderId), entity: NOTIFICATION, ...notification },
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

/** Every notification sent, sorted by order id: what the one-notification-per-order check counts. */
export async function listNotifications(client: DynamoDBDocumentClient, tableName: string): Promise<Notification[]> {
  const items = await scanEntity(client, tableName, NOTIFICATION);
  return items
    .map((item) => withoutKeys(item) as unknown as Notification)
    .sort((a, b) => a.orderId.localeCompare(b.orderId));
}
