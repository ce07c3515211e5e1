import {
  BatchGetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import {
  CONDITIONAL_CHECK_FAILED,
  transactionCancellationCodes,
  transactionCancellationItems,
  writtenUnlessConditionFailed,
} from '../shared/dynamodb-conditions';
import { ItemKind, type PutOnceResult, type StoredRecord, listRecordsByOrderId } from '../shared/item-kind';
import { MissingRecordError } from '../shared/store-errors';
import { seederOfLevels } from '../shared/level-seeder';
import { ServiceStore } from '../shared/service-store';
import { scanEntity } from '../shared/table-scan';
import type { Reservation, ReservationStatus } from './domain';

/**
 * The inventory table. Two kinds of item share it (partition key `pk`, sort key `sk`):
 * - stock: `STOCK#<sku>` / `STOCK`, with `available` never below zero (every decrement is
 *   conditional);
 * - reservations: `RESERVATION#<orderId>` / `RESERVATION`, the outcome of each order, kept forever.
 */
const STOCK = new ItemKind('STOCK');
const RESERVATION = new ItemKind<Reservation>('RESERVATION');

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
  /** A reservation for the order already exists (another delivery got there first): here it is. */
  | { readonly kind: 'exists'; readonly existing: Reservation }
  /** At least one stock condition failed: a SKU is unknown or short. */
  | { readonly kind: 'refused' }
  /** Another transaction touched the same items at the same moment; try again. */
  | { readonly kind: 'conflict' };

export type ReleaseResult =
  { readonly kind: 'released' } | { readonly kind: 'not-reserved' } | { readonly kind: 'conflict' };

/** The inventory service's table, where conditional writes make every reservation happen once. */
export class InventoryStore extends ServiceStore {
  getReservation(orderId: string): Promise<Reservation | undefined> {
    return RESERVATION.get(this.client, this.tableName, orderId);
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
                Key: STOCK.key(line.sku),
                UpdateExpression: 'SET available = available - :quantity',
                ConditionExpression: 'attribute_exists(pk) AND available >= :quantity',
                ExpressionAttributeValues: { ':quantity': line.quantity },
              },
            })),
            {
              Put: {
                TableName: this.tableName,
                Item: RESERVATION.item(reservation.orderId, toReservationRecord(reservation)),
                ConditionExpression: 'attribute_not_exists(pk)',
                // A redelivery learns what was decided from the refusal, without reading first.
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      );
      return { kind: 'reserved' };
    } catch (error) {
      const codes = transactionCancellationCodes(error);
      if (!codes) throw error;
      if (codes.at(-1) === CONDITIONAL_CHECK_FAILED) {
        return { kind: 'exists', existing: await this.refusedReservation(reservation.orderId, error) };
      }
      if (codes.includes(CONDITIONAL_CHECK_FAILED)) return { kind: 'refused' };
      if (codes.includes('TransactionConflict')) return { kind: 'conflict' };
      throw error;
    }
  }

  /** The reservation a cancelled reserve transaction found (see `ItemKind.refusedRecord`). */
  private async refusedReservation(orderId: string, error: unknown): Promise<Reservation> {
    const returned = transactionCancellationItems(error).at(-1);
    const existing = await RESERVATION.refusedRecord(this.client, this.tableName, orderId, returned);
    if (!existing) throw new MissingRecordError(`RESERVATION#${orderId}`);
    return existing;
  }

  /** Records a reservation that took no stock (FAILED or VOIDED), unless the order already has one: then the answer carries it. */
  recordUnreserved(reservation: Reservation): Promise<PutOnceResult<Reservation>> {
    return RESERVATION.putOnce(this.client, this.tableName, reservation.orderId, toReservationRecord(reservation));
  }

  /**
   * Records the content hash of the first OrderPlaced seen for a record that holds none (VOIDED:
   * cancelled before anything was reserved), so a later OrderPlaced with other content is a
   * conflict whatever order they arrive in; false if a hash was recorded first.
   */
  recordContent(orderId: string, orderHash: string): Promise<boolean> {
    return writtenUnlessConditionFailed(
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: RESERVATION.key(orderId),
          UpdateExpression: 'SET orderHash = :hash',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(orderHash)',
          ExpressionAttributeValues: { ':hash': orderHash },
        }),
      ),
    );
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
                Key: RESERVATION.key(released.orderId),
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
                Key: STOCK.key(line.sku),
                // ADD (not SET x = x + n) so that a stock item deleted meanwhile is recreated
                // rather than the release failing forever.
                UpdateExpression: 'ADD available :quantity SET sku = if_not_exists(sku, :sku), entity = :entity',
                ExpressionAttributeValues: { ':quantity': line.quantity, ':sku': line.sku, ':entity': STOCK.kind },
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
      let keys: Record<string, unknown>[] | undefined = skus
        .slice(start, start + BATCH_GET_LIMIT)
        .map((sku) => STOCK.key(sku));
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

/** The reservation as stored: optional members only when set, nested values copied. */
function toReservationRecord(reservation: Reservation): StoredRecord {
  return {
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

/** Writes the stock level of each SKU (overwriting what was there). Used by `choreo seed` and the local cloud. */
export const seedStock = /* @__PURE__ */ seederOfLevels(STOCK, { id: 'sku', level: 'available', levelName: 'stock' });

/** Every SKU's stock level, sorted by SKU. */
export async function getStockLevels(client: DynamoDBDocumentClient, tableName: string): Promise<StockLevel[]> {
  const items = await scanEntity(client, tableName, STOCK.kind);
  return items
    .map((item) => ({ sku: String(item.sku), available: Number(item.available) }))
    .sort((a, b) => a.sku.localeCompare(b.sku));
}

/** Every order's reservation (RESERVED, FAILED or RELEASED), sorted by order id. */
export function listReservations(client: DynamoDBDocumentClient, tableName: string): Promise<Reservation[]> {
  return listRecordsByOrderId(RESERVATION, client, tableName);
}
