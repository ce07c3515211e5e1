import {
  chooseCarrier,
  estimateDelivery,
  planShipment,
  shipmentEvent,
  trackingIdFor,
} from '../../../../functions/shipping/domain';
import { ShipmentScheduled } from '../../../../lib/contracts';
import { sagaEventFixture } from '../builders';

const paid = sagaEventFixture('payment-completed', 'PaymentCompleted');
const scheduledBy = { eventId: paid.detail.metadata.eventId, decidedAt: '2026-11-28T12:00:00.000Z' };

describe('shipping domain', () => {
  it.each([
    [1, 'POSTNL'],
    [2, 'POSTNL'],
    [3, 'DHL'],
    [10, 'DHL'],
    [11, 'UPS'],
  ] as const)('sends a parcel of %i unit(s) with %s', (units, carrier) => {
    expect(chooseCarrier(units)).toBe(carrier);
  });

  it('counts the delivery date from the payment time, in UTC, across a month end', () => {
    expect(estimateDelivery('DHL', '2026-11-28T23:30:00-02:00')).toBe('2026-12-02');
  });

  it('plans the same shipment for the same payment whenever it is handled', () => {
    // Act
    const shipment = planShipment(paid.detail.data, paid.detail.metadata.occurredAt, scheduledBy);

    // Assess: 3 units → DHL, 3 days after 2026-11-28
    expect(shipment).toMatchObject({
      shipmentId: 'shp-ord-1001',
      carrier: 'DHL',
      trackingId: trackingIdFor('DHL', 'ord-1001'),
      estimatedDelivery: '2026-12-01',
    });
    expect(planShipment(paid.detail.data, paid.detail.metadata.occurredAt, scheduledBy)).toEqual(shipment);
  });

  it('derives different tracking ids for different orders', () => {
    expect(trackingIdFor('DHL', 'ord-1001')).toMatch(/^DHL-[0-9A-F]{8}$/);
    expect(trackingIdFor('DHL', 'ord-1001')).not.toBe(trackingIdFor('DHL', 'ord-1002'));
  });

  it('derives a ShipmentScheduled valid against its contract, caused by the payment', () => {
    const event = shipmentEvent(planShipment(paid.detail.data, paid.detail.metadata.occurredAt, scheduledBy));

    expect(ShipmentScheduled.detailSchema.safeParse(event.detail).success).toBe(true);
    expect(event.detail.metadata).toMatchObject({
      causationId: paid.detail.metadata.eventId,
      occurredAt: scheduledBy.decidedAt,
    });
  });
});
