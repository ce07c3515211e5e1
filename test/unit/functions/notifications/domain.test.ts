import { composeNotification } from '../../../../functions/notifications/domain';
import { sagaEventFixture } from '../builders';

const NOW = new Date('2026-11-28T12:00:00.000Z');

describe('notifications domain', () => {
  it('tells the customer of a confirmed order the tracking id and delivery date', () => {
    const confirmed = sagaEventFixture('order-confirmed', 'OrderConfirmed');

    const notification = composeNotification(confirmed, NOW);

    expect(notification).toMatchObject({
      orderId: 'ord-1001',
      customerId: 'cus-ada',
      outcome: 'CONFIRMED',
      sentAt: NOW.toISOString(),
    });
    expect(notification.body).toContain(confirmed.detail.data.trackingId);
    expect(notification.body).toContain('2026-12-01');
  });

  it('tells the customer of a cancelled order why, and that any payment is refunded', () => {
    const cancelled = sagaEventFixture('order-cancelled', 'OrderCancelled');

    const notification = composeNotification(cancelled, NOW);

    expect(notification).toMatchObject({
      orderId: 'ord-1003',
      outcome: 'CANCELLED',
      eventId: cancelled.detail.metadata.eventId,
    });
    expect(notification.body).toContain('your payment was declined');
    expect(notification.body).toContain('Any payment taken for it is refunded');
  });
});
