import { applyOrderEvent, deadlineEvent, outcomeEvent, type OrderRecord } from '../../../../functions/orders/domain';
import { OrderCancelled, OrderConfirmed, deriveEventId } from '../../../../lib/contracts';
import { sagaEventFixture } from '../builders';

const T0 = new Date('2026-11-28T12:00:00.000Z');
const T1 = new Date('2026-11-28T12:01:00.000Z');
const T2 = new Date('2026-11-28T12:02:00.000Z');

const placed = sagaEventFixture('order-placed', 'OrderPlaced');
const shipped = sagaEventFixture('shipment-scheduled', 'ShipmentScheduled');
const released = sagaEventFixture('stock-released', 'StockReleased');
const outOfStock = sagaEventFixture('stock-reservation-failed', 'StockReservationFailed');

/** An event of order ord-1001 made from another order's fixture (the fixtures tell three orders). */
function forOrder1001<E extends { detail: { data: { orderId: string; customerId: string } } }>(event: E): E {
  return {
    ...event,
    detail: { ...event.detail, data: { ...event.detail.data, orderId: 'ord-1001', customerId: 'cus-ada' } },
  };
}

function placedOrder(): OrderRecord {
  const decision = applyOrderEvent(undefined, placed, T0);
  if (!decision.order) throw new Error('expected OrderPlaced to record the order');
  return decision.order;
}

describe('orders domain', () => {
  it('records a placed order as PENDING with its first history entry and publishes nothing', () => {
    // Act
    const decision = applyOrderEvent(undefined, placed, T0);

    // Assess
    expect(decision.outcome).toBe('applied');
    expect(decision.events).toEqual([]);
    expect(decision.order).toMatchObject({
      orderId: 'ord-1001',
      customerId: 'cus-ada',
      status: 'PENDING',
      currency: 'EUR',
    });
    expect(decision.order?.history).toEqual([
      { status: 'PENDING', at: T0.toISOString(), eventId: placed.detail.metadata.eventId, detailType: 'OrderPlaced' },
    ]);
  });

  it('confirms a PENDING order on ShipmentScheduled and emits OrderConfirmed with the tracking id', () => {
    // Act
    const decision = applyOrderEvent(placedOrder(), shipped, T1);

    // Assess
    expect(decision.order?.status).toBe('CONFIRMED');
    expect(decision.order?.history.map((change) => change.status)).toEqual(['PENDING', 'CONFIRMED']);
    const [event] = decision.events;
    expect(event?.detailType).toBe('OrderConfirmed');
    expect(OrderConfirmed.detailSchema.safeParse(event?.detail).success).toBe(true);
    expect(event?.detail.data).toEqual({
      orderId: 'ord-1001',
      customerId: 'cus-ada',
      trackingId: shipped.detail.data.trackingId,
      estimatedDelivery: shipped.detail.data.estimatedDelivery,
    });
    expect(event?.detail.metadata).toMatchObject({
      eventId: deriveEventId(shipped.detail.metadata.eventId, 'OrderConfirmed'),
      occurredAt: T1.toISOString(),
    });
  });

  it('cancels on StockReservationFailed with the reason and which skus ran out', () => {
    const decision = applyOrderEvent(placedOrder(), forOrder1001(outOfStock), T1);

    expect(decision.order).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'OUT_OF_STOCK',
      cancellationDetail: 'out of stock: sku-sold-out (requested 1, available 0)',
    });
    expect(decision.events[0]?.detailType).toBe('OrderCancelled');
    expect(OrderCancelled.detailSchema.safeParse(decision.events[0]?.detail).success).toBe(true);
  });

  it('cancels as PAYMENT_DECLINED on StockReleased, saying why the payment failed', () => {
    const decision = applyOrderEvent(placedOrder(), forOrder1001(released), T1);

    expect(decision.events[0]?.detail.data).toEqual({
      orderId: 'ord-1001',
      customerId: 'cus-ada',
      reason: 'PAYMENT_DECLINED',
      detail: 'payment declined: LIMIT_EXCEEDED; stock released',
    });
  });

  it('never moves a CONFIRMED order back, whatever arrives late', () => {
    // Prepare
    const confirmed = applyOrderEvent(placedOrder(), shipped, T1).order as OrderRecord;

    // Act
    const lateCancel = applyOrderEvent(confirmed, forOrder1001(released), T2);
    const latePlaced = applyOrderEvent(
      confirmed,
      {
        ...placed,
        detail: {
          ...placed.detail,
          metadata: { ...placed.detail.metadata, eventId: 'c0ffee00-0000-4000-8000-000000000009' },
        },
      },
      T2,
    );

    // Assess
    expect(lateCancel).toMatchObject({ outcome: 'ignored', events: [] });
    expect(lateCancel.order).toBeUndefined();
    expect(latePlaced).toMatchObject({ outcome: 'ignored', events: [] });
  });

  it('ends an order whose cancellation overtook its OrderPlaced, and keeps it CANCELLED when OrderPlaced arrives', () => {
    // Act: StockReservationFailed first, at an orders service that has never seen the order.
    const cancelled = applyOrderEvent(undefined, outOfStock, T0);
    const placedLate = applyOrderEvent(
      cancelled.order,
      {
        ...placed,
        detail: { ...placed.detail, data: { ...placed.detail.data, orderId: 'ord-1002', customerId: 'cus-grace' } },
      },
      T1,
    );

    // Assess
    expect(cancelled.order).toMatchObject({ orderId: 'ord-1002', customerId: 'cus-grace', status: 'CANCELLED' });
    expect(cancelled.order?.history).toEqual([
      {
        status: 'CANCELLED',
        at: T0.toISOString(),
        eventId: outOfStock.detail.metadata.eventId,
        detailType: 'StockReservationFailed',
      },
    ]);
    expect(cancelled.events.map((event) => event.detailType)).toEqual(['OrderCancelled']);
    expect(placedLate).toMatchObject({ outcome: 'ignored', events: [] });
  });

  it('confirms an order whose ShipmentScheduled overtook its OrderPlaced', () => {
    const decision = applyOrderEvent(undefined, shipped, T0);

    expect(decision.order?.status).toBe('CONFIRMED');
    expect(decision.events.map((event) => event.detailType)).toEqual(['OrderConfirmed']);
  });

  it('recognises a redelivered ending event and derives the identical outcome event again', () => {
    // Prepare
    const first = applyOrderEvent(placedOrder(), shipped, T1);

    // Act: same event, later
    const again = applyOrderEvent(first.order, shipped, T2);

    // Assess
    expect(again.outcome).toBe('duplicate');
    expect(again.order).toBeUndefined();
    expect(again.events).toEqual(first.events);
  });

  it('recognises a redelivered OrderPlaced, publishes nothing for it and sends its deadline again', () => {
    const again = applyOrderEvent(placedOrder(), placed, T1);

    expect(again).toMatchObject({ outcome: 'duplicate', events: [] });
    expect(again.deadlines?.map((event) => event.detail.metadata.eventId)).toEqual([
      deadlineEvent(placed.detail.data, placed.detail.metadata.eventId).detail.metadata.eventId,
    ]);
  });

  it('has no outcome event while the order is PENDING', () => {
    expect(outcomeEvent(placedOrder())).toBeUndefined();
  });

  it('keeps the cancellation detail within the 500 characters OrderCancelled allows', () => {
    const manySkus = {
      ...outOfStock,
      detail: {
        ...outOfStock.detail,
        data: {
          ...outOfStock.detail.data,
          unavailable: Array.from({ length: 40 }, (_, index) => ({
            sku: `sku-very-long-name-${index}`,
            requested: 5,
            available: 1,
          })),
        },
      },
    };

    const decision = applyOrderEvent(undefined, manySkus, T0);

    expect(OrderCancelled.detailSchema.safeParse(decision.events[0]?.detail).success).toBe(true);
  });
});
