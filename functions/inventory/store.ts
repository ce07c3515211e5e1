import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  CONDITIONAL_CHECK_FAILED,
  isConditionalCheckFailed,
  transactionCancellationCodes,
} from '../shared/dynamodb-conditions';
import { scanEntity, withoutKeys } from '../shared/table-scan';
import type { Reservation, ReservationStatus } from './domain';

/**
 * The inventory table. Two kinds of item share it (partition key `pk`, sort key `sk`):
 * - stock: `STOCK#<sku>` / `STOCK`, with `available` never below zero (every decrement is
 *   conditional);
 * - reservations: `RESERVATION#<orderId>` / `RESERVATION`, the outcome of each order, kept forever.
 */
const STOCK = 'STOCK';
const RESERVATION = 'RESERVATION';

const stockKey = (sku: string) => ({ pk: `${STOCK}#${sku}`, sk: STOCK });
const reservationKey = (orderId: string) => ({ pk: `${RESERVATION}#${orderId}`, sk: RESERVATION });

/** BatchGetItem reads at most 100 keys per request. */
const BATCH_GET_LIMIT = 100;

/** One SKU's stock level. */
export interface StockLevel {
  readonly sku: string;
  readonly available: number;
}

/** The answer of an attempt to reserve every line of an order in one transaction. */
export type ReserveResult =
  | { readonly kind: 'reserved' }
  /** A reservation for the order already exists: another delivery got there first. */
  | { readonly kind: 'exists' }
  /** At least one stock condition failed: a SKU is unknown or short. */
  | { readonly kind: 'refused' }
  /** Another transaction touched the same items at the same moment; try again. */
  | { readonly kind: 'conflict' };

export type ReleaseResult =
  { readonly kind: 'released' } | { readonly kind: 'not-reserved' } | { readonly kind: 'conflict' };

/** The inventory service's table, where conditional writes make every reservation happen once. */
export class InventoryStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getReservation(orderId: string): Promise<Reservation | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: reservationKey(orderId), ConsistentRead: true }),
    );
    return Item ? toReservation(Item) : undefined;
  }

  /**
   * Takes every line from stock and records the reservation, all or nothing: each stock item is
   * decremented only if it exists and holds enough, and the reservation is put only if none
   * exists for the order.
   */
  async reserve(reservation: Reservation): Promise<ReserveResult> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            ...reservation.lines.map((line) => ({
              Update: {
                TableName: this.tableName,
                Key: stockKey(line.sku),
                UpdateExpression: 'SET available = available - :quantity',
                ConditionExpression: 'attribute_exists(pk) AND available >= :quantity',
                ExpressionAttributeValues: { ':quantity': line.quantity },
              },
            })),
            {
              Put: {
                TableName: this.tableName,
                Item: toReservationItem(reservation),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return { kind: 'reserved' };
    } catch (error) {
      const codes = transactionCancellationCodes(error);
      if (!codes) throw error;
      if (codes.at(-1) === CONDITIONAL_CHECK_FAILED) return { kind: 'exists' };
      if (codes.includes(CONDITIONAL_CHECK_FAILED)) return { kind: 'refused' };
      if (codes.includes('TransactionConflict')) return { kind: 'conflict' };
      throw error;
    }
  }

  /** Records a reservation that took no stock (FAILED or VOIDED); false if the order already has one. */
  async recordUnreserved(reservation: Reservation): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toReservationItem(reservation),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /**
   * Records the content hash of the first OrderPlaced seen for a record that holds none (VOIDED:
   * cancelled before anything was reserved), so a later OrderPlaced with other content is a
   * conflict whatever order they arrive in; false if a hash was recorded first.
   */
  async recordContent(orderId: string, orderHash: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: reservationKey(orderId),
          UpdateExpression: 'SET orderHash = :hash',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(orderHash)',
          ExpressionAttributeValues: { ':hash': orderHash },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  /**
   * Gives a reservation's stock back and marks it RELEASED, in one transaction conditioned on the
   * reservation still being RESERVED: two deliveries of the same PaymentFailed release once.
   */
  async release(released: Reservation): Promise<ReleaseResult> {
    const releasedBy = released.releasedBy;
    if (!releasedBy) throw new TypeError(`reservation '${released.orderId}' has no releasedBy`);
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: reservationKey(released.orderId),
                UpdateExpression: 'SET #status = :released, releasedBy = :releasedBy',
                ConditionExpression: '#status = :reserved',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':released': 'RELEASED' satisfies ReservationStatus,
                  ':reserved': 'RESERVED' satisfies ReservationStatus,
                  ':releasedBy': { ...releasedBy },
                },
              },
            },
            ...released.lines.map((line) => ({
              Update: {
                TableName: this.tableName,
                Key: stockKey(line.sku),
                // ADD (not SET x = x + n) so that a stock item deleted meanwhile is recreated
                // rather than the release failing forever.
                UpdateExpression: 'ADD available :quantity SET sku = if_not_exists(sku, :sku), entity = :entity',
                ExpressionAttributeValues: { ':quantity': line.quantity, ':sku': line.sku, ':entity': STOCK },
              },
            })),
          ],
        }),
      );
      return { kind: 'released' };
    } catch (error) {
      const codes = transactionCancellationCodes(error);
      if (!codes) throw error;
      if (codes[0] === CONDITIONAL_CHECK_FAILED) return { kind: 'not-reserved' };
      if (codes.includes('TransactionConflict')) return { kind: 'conflict' };
      throw error;
    }
  }

  /** Current stock of the given SKUs (strongly consistent); a SKU with no stock item maps to undefined. */
  async readStock(skus: readonly string[]): Promise<Map<string, number | undefined>> {
    const levels = new Map<string, number | undefined>(skus.map((sku) => [sku, undefined]));
    for (let start = 0; start < skus.length; start += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] | undefined = skus.slice(start, start + BATCH_GET_LIMIT).map(stockKey);
      // UnprocessedKeys are asked for again until DynamoDB has answered for every key.
      while (keys && keys.length > 0) {
        const response: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of response.Responses?.[this.tableName] ?? []) {
          levels.set(String(item.sku), Number(item.available));
        }
        keys = response.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return levels;
  }
}

function toReservationItem(reservation: Reservation): Record<string, unknown> {
  return {
    ...reservationKey(reservation.orderId),
    entity: RESERVATION,
    orderId: reservation.orderId,
    customerId: reservation.customerId,
    status: reservation.status,
    lines: reservation.lines.map((line) => ({ ...line })),
    amount: reservation.amount,
    currency: reservation.currency,
    paymentToken: reservation.paymentToken,
    ...(reservation.orderHash ? { orderHash: reservation.orderHash } : {}),
    reservedBy: { ...reservation.reservedBy },
    ...(reservation.failure
      ? {
          failure: {
            reason: reservation.failure.reason,
            unavailable: reservation.failure.unavailable.map((line) => ({ ...line })),
          },
        }
      : {}),
    ...(reservation.releasedBy ? { releasedBy: { ...reservation.releasedBy } } : {}),
  };
}

function toReservation(item: Record<string, unknown>): Reservation {
  return withoutKeys(item) as unknown as Reservation;
}

/**
 * Writes the stock level of each SKU (overwriting what was there). Used by `choreo seed` and the
 * local cloud.
 */
export async function seedStock(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly { readonly sku: string; readonly available: number }[],
): Promise<void> {
  for (const item of items) {
    if (!Number.isInteger(item.available) || item.available < 0) {
      throw new RangeError(`stock of '${item.sku}' must be a whole number of at least 0, got '${item.available}'`);
    }
  }
  await Promise.all(
    items.map((item) =>
      client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...stockKey(item.sku), entity: STOCK, sku: item.sku, available: item.available },
        }),
      ),
    ),
  );
}

/** Every SKU's stock level, sorted by SKU. */
export async function getStockLevels(client: DynamoDBDocumentClient, tableName: string): Promise<StockLevel[]> {
  const items = await scanEntity(client, tableName, STOCK);
  return items
    .map((item) => ({ sku: String(item.sku), available: Number(item.available) }))
    .sort((a, b) => a.sku.localeCompare(b.sku));
}

/** Every order's reservation (RESERVED, FAILED or RELEASED), sorted by order id. */
export async function listReservations(client: DynamoDBDocumentClient, tableName: string): Promise<Reservation[]> {
  const items = await scanEntity(client, tableName, RESERVATION);
  return items.map(toReservation).sort((a, b) => a.orderId.localeCompare(b.orderId));
}
