import { ConcurrentUpdateError } from '../shared/store-errors';
import type { UseCaseResult } from '../shared/use-case';
import { applyOrderEvent, type OrdersEvent } from './domain';
import type { OrdersStore } from './store';

export { ORDERS_CONSUMES, type OrdersEvent } from './domain';

/** Another writer saving the same order between our read and our save is retried this often. */
const MAX_ATTEMPTS = 5;

/**
 * Applies an event to its order: read, decide (pure), save if nobody changed the order meanwhile;
 * otherwise decide again from the order the refused save returned, so that concurrent events of
 * one order never overwrite each other. An OrderPlaced is decided without a read: it creates its
 * order, and when the order exists the refused save says how it stands.
 */
export async function handleOrdersEvent(store: OrdersStore, event: OrdersEvent, now: Date): Promise<UseCaseResult> {
  const { orderId } = event.detail.data;
  let current = event.detailType === 'OrderPlaced' ? undefined : await store.get(orderId);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const decision = applyOrderEvent(current?.order, event, now);
    if (!decision.order) return decision;
    const saved = await store.save(decision.order, current?.version);
    if (saved.written) return decision;
    current = saved.current;
  }
  throw new ConcurrentUpdateError(`ORDER#${orderId}`, MAX_ATTEMPTS);
}
