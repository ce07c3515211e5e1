import { applyOrderEvent, deadlineEvent, stallEvent, type OrderRecord } from '../../../../functions/orders/domain';
import { ConflictingOrderError } from '../../../../functions/shared/conflicting-order-error';
import { orderContentHash } from '../../../../lib/contracts';
import { sagaEventFixture } from '../builders';

const T0 = new Date('2026-11-28T12:00:00.000Z');
const T1 = new Date('2026-11-28T12:15:00.000Z');
const placed = sagaEventFixture('order-placed', 'OrderPlaced');
const shipped = sagaEventFixture('shipment-scheduled', 'ShipmentScheduled');

function recorded(): OrderRecord {
  const decision = applyOrderEvent(undefined, placed, T0);
  if (!decision.order) throw new Error('expected the order to be recorded');
  return decision.order;
}

/** The same order id, other content: a cable instead of a keyboard and mice. */
const conflicting = {
  ...placed,
  detail: {
    ...placed.detail,
    data: { ...placed.detail.data, lines: [{ sku: 'sku-cable', quantity: 1, unitPrice: 900 }] },
  },
};

/** The same OrderPlaced published again under a new event id. */
function withEventId(event: typeof placed, eventId: string): typeof placed {
  return { ...event, detail: { ...event.detail, metadata: { ...event.detail.metadata, eventId } } };
}

describe('orders domain: conflicting OrderPlaced', () => {
  it('records the content hash of the order it records, and its deadline', () => {
    const decision = applyOrderEvent(undefined, placed, T0);

    expect(decision.order?.orderHash).toBe(orderContentHash(placed.detail.data));
    expect(decision.deadlines?.map((event) => event.detailType)).toEqual(['OrderStalled']);
  });

  it('refuses an OrderPlaced with the same event id and other content as a conflict', () => {
    expect(() => applyOrderEvent(recorded(), conflicting, T1)).toThrow(
      new ConflictingOrderError(
        'ord-1001',
        orderContentHash(placed.detail.data),
        orderContentHash(conflicting.detail.data),
      ),
    );
    expect(() => applyOrderEvent(recorded(), conflicting, T1)).toThrow('conflicting OrderPlaced for ord-1001');
  });

  it('refuses an OrderPlaced with a new event id and other content as a conflict', () => {
    const republished = withEventId(conflicting, 'c0ffee00-0000-4000-8000-0000000000aa');
    expect(() => applyOrderEvent(recorded(), republished, T1)).toThrow(ConflictingOrderError);
  });

  it('treats the same content under a new event id as a duplicate, not a conflict', () => {
    const again = withEventId(placed, 'c0ffee00-0000-4000-8000-0000000000bb');
    expect(applyOrderEvent(recorded(), again, T1)).toMatchObject({ outcome: 'ignored', events: [] });
  });

  it('cancels instead of confirming when the shipment is for other content than the order', () => {
    const otherContent = {
      ...shipped,
      detail: {
        ...shipped.detail,
        data: { ...shipped.detail.data, orderHash: orderContentHash(conflicting.detail.data) },
      },
    };

    const decision = applyOrderEvent(recorded(), otherContent, T1);

    expect(decision.order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'CONFLICTING_ORDER' });
    expect(decision.events.map((event) => event.detailType)).toEqual(['OrderCancelled']);
  });

  it('confirms when the shipment is for the order it holds', () => {
    expect(applyOrderEvent(recorded(), shipped, T1).order?.status).toBe('CONFIRMED');
  });
});

describe('orders domain: deadlines', () => {
  it('cancels a PENDING order with DEADLINE_EXCEEDED when its deadline arrives', () => {
    const deadline = deadlineEvent(placed.detail.data, placed.detail.metadata.eventId);

    const decision = applyOrderEvent(recorded(), deadline, T1);

    expect(decision.order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'DEADLINE_EXCEEDED' });
    expect(decision.events[0]?.detail.data).toMatchObject({ reason: 'DEADLINE_EXCEEDED' });
  });

  it('leaves a confirmed order alone and publishes its confirmation again, with the same event id', () => {
    const confirming = applyOrderEvent(recorded(), shipped, T1);
    const confirmed = confirming.order as OrderRecord;
    const stalled = stallEvent(placed.detail.data, placed.detail.metadata.eventId, 'TECHNICAL_FAILURE', 'boom');

    const decision = applyOrderEvent(confirmed, stalled, T1);

    // Republished in case the first publish was lost (a dual-write gap, then the message that
    // confirmed the order ran out of receives): consumers recognise the event id.
    expect(decision).toMatchObject({ outcome: 'ignored' });
    expect(decision.order).toBeUndefined();
    expect(decision.events.map((event) => event.detail.metadata.eventId)).toEqual(
      confirming.events.map((event) => event.detail.metadata.eventId),
    );
    expect(decision.standing?.detailType).toBe('OrderConfirmed');
  });

  it('publishes nothing again when an event other than the deadline reaches a finished order', () => {
    const confirmed = applyOrderEvent(recorded(), shipped, T1).order as OrderRecord;
    const released = sagaEventFixture('stock-released', 'StockReleased');

    const decision = applyOrderEvent(confirmed, released, T1);

    expect(decision).toMatchObject({ outcome: 'ignored', events: [] });
  });

  it('derives one event id for a deadline and a failure of the same order, so it is cancelled once', () => {
    const deadline = deadlineEvent(placed.detail.data, placed.detail.metadata.eventId);
    const failure = stallEvent(placed.detail.data, placed.detail.metadata.eventId, 'TECHNICAL_FAILURE', 'boom');

    expect(failure.detail.metadata.eventId).toBe(deadline.detail.metadata.eventId);
  });
});
