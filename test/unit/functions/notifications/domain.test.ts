import { composeNotification } from '../../../../functions/notifications/domain';
import { sagaEventFixture } from '../builders';

const NOW = new Date('2026-11-28T12:00:00.000Z');

describe('notifications domain', () => {
  it.each([
    {
      name: 'tells the customer of a confirmed order the tracking id and delivery date',
      event: sagaEventFixture('order-confirmed', 'OrderConfirmed'),
      fields: { orderId: 'ord-1001', customerId: 'cus-ada', outcome: 'CONFIRMED', sentAt: NOW.toISOString() },
      // The fixture's trackingId and estimatedDelivery.
      body: ['DHL-D85809B5', '2026-12-01'],
    },
    {
      name: 'tells the customer of a cancelled order why, and that any payment is refunded',
      event: sagaEventFixture('order-cancelled', 'OrderCancelled'),
      fields: { orderId: 'ord-1003', outcome: 'CANCELLED' },
      body: ['your payment was declined', 'Any payment taken for it is refunded'],
    },
  ])('$name', ({ event, fields, body }) => {
    // Act
    const notification = composeNotification(event, NOW);

    // Assess
    expect(notification).toMatchObject({ ...fields, eventId: event.detail.metadata.eventId });
    for (const text of body) expect(notification.body).toContain(text);
  });
});
