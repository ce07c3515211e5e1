/**
 * The message a customer receives when their order ends, pure: composed from the outcome event
 * alone, so a redelivery composes the same message.
 */
import type { EventData } from '../../lib/contracts';
import type { SagaEventOf } from '../shared/saga-message';

/** The events the notifications service consumes. */
export const NOTIFICATIONS_CONSUMES = ['OrderConfirmed', 'OrderCancelled'] as const;
export type NotificationsEvent = SagaEventOf<(typeof NOTIFICATIONS_CONSUMES)[number]>;

export type NotifiedOutcome = 'CONFIRMED' | 'CANCELLED';

/** A message sent to a customer about their order's outcome; one per order, ever. */
export interface Notification {
  readonly orderId: string;
  readonly customerId: string;
  readonly outcome: NotifiedOutcome;
  readonly channel: 'email';
  readonly subject: string;
  readonly body: string;
  /** The OrderConfirmed/OrderCancelled it answers. */
  readonly eventId: string;
  /** ISO time it was recorded as sent. */
  readonly sentAt: string;
}

const CANCELLATION_SUMMARY: Readonly<Record<EventData<'OrderCancelled'>['reason'], string>> = {
  OUT_OF_STOCK: 'part of your order is out of stock',
  UNKNOWN_SKU: 'part of your order is not in our catalogue',
  PAYMENT_DECLINED: 'your payment was declined',
  DEADLINE_EXCEEDED: 'we could not complete it in time',
  TECHNICAL_FAILURE: 'of a technical failure on our side',
  CONFLICTING_ORDER: 'we received two different versions of it',
};

/** The notification for an order's outcome. */
export function composeNotification(event: NotificationsEvent, sentAt: Date): Notification {
  const base = {
    orderId: event.detail.data.orderId,
    customerId: event.detail.data.customerId,
    channel: 'email' as const,
    eventId: event.detail.metadata.eventId,
    sentAt: sentAt.toISOString(),
  };
  if (event.detailType === 'OrderConfirmed') {
    const { orderId, trackingId, estimatedDelivery } = event.detail.data;
    return {
      ...base,
      outcome: 'CONFIRMED',
      subject: `Your order ${orderId} is confirmed`,
      body: `Good news: order ${orderId} is on its way. Track it with ${trackingId}; expected on ${estimatedDelivery}.`,
    };
  }
  const { orderId, reason, detail } = event.detail.data;
  return {
    ...base,
    outcome: 'CANCELLED',
    subject: `Your order ${orderId} was cancelled`,
    body: `We are sorry: order ${orderId} was cancelled because ${CANCELLATION_SUMMARY[reason]} (${detail}). Any payment taken for it is refunded.`,
  };
}
