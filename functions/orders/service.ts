import { ConcurrentUpdateError } from '../shared/store-errors';
import type { UseCaseResult } from '../shared/use-case';
import { applyOrderEvent, type OrdersEvent } from './domain';
import type { OrdersStore } from './store';

export { ORDERS_CONSUMES, type OrdersEvent } from './domain';

/** Another writer saving the same order between our read and our save is retried this often. */
const MAX_ATTEMPTS = 5;

/**
 * Applies an event to its order: read, decide (pure), save if nobody changed the order meanwhile;
 * otherwise read again and decide again, so that concurrent events of one order never overwrite
 * each other.
 */
export async function handleOrdersEvent(store: OrdersStore, event: OrdersEvent, now: Date): Promise<UseCaseResult> {
  const { orderId } = event.detail.data;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await store.get(orderId);
    const decision = applyOrderEvent(current?.order, event, now);
    if (!decision.order) return decision;
    if (await store.save(decision.order, current?.version)) return decision;
  }
  throw new ConcurrentUpdateError(`ORDER#${orderId}`, MAX_ATTEMPTS);
}
