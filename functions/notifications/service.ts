import type { UseCaseResult } from '../shared/use-case';
import { composeNotification, type NotificationsEvent } from './domain';
import type { NotificationsStore } from './store';

export { NOTIFICATIONS_CONSUMES, type NotificationsEvent } from './domain';

/**
 * Tells the customer how their order ended, once per order: the notification is recorded only if
 * the order has none. Sending is simulated by the record itself (there is no mail provider);
 * a real sender would go between composing and recording, keyed by the order id.
 * Publishes nothing.
 */
export async function handleNotificationsEvent(
  store: NotificationsStore,
  event: NotificationsEvent,
  now: Date,
): Promise<UseCaseResult> {
  const notification = composeNotification(event, now);
  const recorded = await store.recordOnce(notification);
  if (recorded.written) return { outcome: 'applied', events: [] };
  const existing = recorded.existing;
  return existing.outcome !== notification.outcome
    ? {
        outcome: 'ignored',
        events: [],
        note: `order '${notification.orderId}' was already notified as ${existing.outcome}`,
      }
    : { outcome: 'duplicate', events: [] };
}
