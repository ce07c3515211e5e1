import type { SagaSnapshot } from '../../../lib/saga/saga-snapshot';

/**
 * What a batch of orders left behind in one variant's tables, in a shape two variants can be
 * compared with `toEqual`: everything keyed and sorted, nothing variant-specific.
 */
export interface SagaOutcome {
  /** `status` or `status:reason`, by order id; `missing` when the order never reached the orders table. */
  readonly orders: Readonly<Record<string, string>>;
  readonly stock: Readonly<Record<string, number>>;
  /** `orderId amount status`, sorted; VOIDED records (never charged: a guard only choreography needs) left out. */
  readonly charges: readonly string[];
  /** `orderId outcome`, sorted (a duplicate notification shows up twice). */
  readonly notifications: readonly string[];
}

/** The outcome of the orders `orderIds` and the stock of `skus`, read from a snapshot. */
export function sagaOutcomeOf(
  snapshot: SagaSnapshot,
  orderIds: readonly string[],
  skus: readonly string[],
): SagaOutcome {
  const ours = new Set(orderIds);
  const byId = new Map(snapshot.orders.map((order) => [order.orderId, order]));
  const stock = new Map(snapshot.stock.map((level) => [level.sku, level.current]));
  return {
    orders: Object.fromEntries(
      orderIds.map((orderId) => {
        const order = byId.get(orderId);
        return [orderId, order ? [order.status, order.cancellationReason].filter(Boolean).join(':') : 'missing'];
      }),
    ),
    stock: Object.fromEntries(skus.map((sku) => [sku, stock.get(sku) ?? Number.NaN])),
    charges: snapshot.charges
      .filter((charge) => ours.has(charge.orderId) && charge.status !== 'VOIDED')
      .map((charge) => `${charge.orderId} ${charge.amount} ${charge.status}`)
      .sort(),
    notifications: snapshot.notifications
      .filter((notification) => ours.has(notification.orderId))
      .map((notification) => `${notification.orderId} ${notification.outcome}`)
      .sort(),
  };
}

/** Orders not CONFIRMED or CANCELLED: a run that leaves any has not finished the saga. */
export function unfinishedOrders(outcome: SagaOutcome): string[] {
  return Object.entries(outcome.orders)
    .filter(([, state]) => !state.startsWith('CONFIRMED') && !state.startsWith('CANCELLED'))
    .map(([orderId, state]) => `${orderId} (${state})`);
}
