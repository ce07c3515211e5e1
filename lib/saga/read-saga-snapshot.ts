import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getStockLevels, listReservations } from '../../functions/inventory/store';
import { listNotifications } from '../../functions/notifications/store';
import { listOrders } from '../../functions/orders/store';
import { listCharges } from '../../functions/payments/store';
import { DEAD_LETTER_ATTRIBUTES, serviceResourceNames, type Variant } from '../contracts';
import type { StockSeed } from '../seed/seed-data';
import type { DeadLetterState, SagaSnapshot } from './saga-snapshot';

export interface ReadSagaSnapshotOptions {
  readonly documentClient: DynamoDBDocumentClient;
  readonly variant: Variant;
  readonly stage?: string;
  /** The stock the run started from. */
  readonly initialStock: readonly StockSeed[];
  readonly publishedOrderIds: readonly string[];
  readonly expectedPoisonMessages: number;
  /** Messages in the variant's DLQs (read without consuming them). */
  readonly deadLetters: readonly DeadLetterState[];
  readonly messagesInFlight: number;
}

/**
 * Reads the state of one variant's service tables, through the same store code the services
 * use, into a snapshot the saga invariants are checked against.
 */
export async function readSagaSnapshot(options: ReadSagaSnapshotOptions): Promise<SagaSnapshot> {
  const table = (service: Parameters<typeof serviceResourceNames>[1]) =>
    serviceResourceNames(options.variant, service, options.stage).table;
  const client = options.documentClient;
  const [orders, stockLevels, reservations, charges, notifications] = await Promise.all([
    listOrders(client, table('orders')),
    getStockLevels(client, table('inventory')),
    listReservations(client, table('inventory')),
    listCharges(client, table('payments')),
    listNotifications(client, table('notifications')),
  ]);
  const currentStock = new Map(stockLevels.map((level) => [level.sku, level.available]));
  return {
    publishedOrderIds: options.publishedOrderIds,
    expectedPoisonMessages: options.expectedPoisonMessages,
    orders: orders.map((order) => ({
      orderId: order.orderId,
      status: order.status,
      cancellationReason: order.cancellationReason,
      ...(order.lines && order.currency ? { content: { lines: order.lines, currency: order.currency } } : {}),
    })),
    stock: options.initialStock.map((seed) => ({
      sku: seed.sku,
      initial: seed.available,
      current: currentStock.get(seed.sku) ?? Number.NaN,
    })),
    reservations: reservations.map((reservation) => ({
      orderId: reservation.orderId,
      status: reservation.status,
      lines: reservation.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
      amount: reservation.amount,
      currency: reservation.currency,
    })),
    charges: charges.map((charge) => ({
      orderId: charge.orderId,
      status: charge.status,
      amount: charge.amount,
      currency: charge.currency,
      lines: charge.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
    })),
    notifications: notifications.map((notification) => ({
      orderId: notification.orderId,
      outcome: notification.outcome,
    })),
    deadLetters: options.deadLetters,
    messagesInFlight: options.messagesInFlight,
  };
}

/** The reason a message in a DLQ carries: the handler's own, EventBridge's, or the redrive's. */
export function deadLetterReasonOf(message: {
  readonly attributes: Readonly<Record<string, string>>;
  readonly messageAttributes: Readonly<
    Record<string, { readonly StringValue?: string; readonly stringValue?: string } | undefined>
  >;
}): string {
  const attribute = (name: string) => {
    const value = message.messageAttributes[name];
    return value?.StringValue ?? value?.stringValue;
  };
  const handlerReason = attribute(DEAD_LETTER_ATTRIBUTES.reason);
  if (handlerReason) return handlerReason;
  const targetError = attribute('ERROR_CODE');
  if (targetError) return `${targetError}: ${attribute('ERROR_MESSAGE') ?? ''}`.trim();
  const receives = message.attributes.ApproximateReceiveCount;
  return receives ? `retries ran out after ${receives} receives` : 'unknown';
}
