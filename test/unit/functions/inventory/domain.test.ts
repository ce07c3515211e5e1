import {
  assessShortfall,
  decideRelease,
  failedReservation,
  orderAmount,
  plannedReservation,
  releaseEvent,
  reservationOutcomeEvent,
} from '../../../../functions/inventory/domain';
import { orderContentHash } from '../../../../lib/contracts';
import { StockReleased, StockReservationFailed, StockReserved, deriveEventId } from '../../../../lib/contracts';
import { sagaEventFixture } from '../builders';
import { EVENT_DOCUMENTATION } from '../../../../lib/contracts/event-documentation';

const placed = sagaEventFixture('order-placed', 'OrderPlaced');
const reservedBy = { eventId: placed.detail.metadata.eventId, decidedAt: '2026-11-28T12:00:00.000Z' };
const planned = plannedReservation(placed.detail.data, reservedBy);

/** The release decision for `reservation` when payment failed for `reason` (PaymentFailed c0ffee…01). */
function releaseOnPaymentFailure(
  reservation: Parameters<typeof decideRelease>[0],
  reason: 'CARD_DECLINED' | 'LIMIT_EXCEEDED',
  decidedAt = '2026-11-28T12:05:00.000Z',
) {
  return decideRelease(
    reservation,
    { eventId: 'c0ffee00-0000-4000-8000-000000000001', cause: 'PAYMENT_FAILED', reason },
    decidedAt,
  );
}

describe('inventory domain', () => {
  it('prices an order as the sum of quantity times unit price', () => {
    // Prepare / Act
    const amount = orderAmount(placed.detail.data.lines);

    // Assess: 1 × 8900 + 2 × 2500
    expect(amount).toBe(13900);
  });

  it('plans a reservation of every line with the amount, currency and token payments needs', () => {
    expect(planned).toMatchObject({
      orderId: 'ord-1001',
      customerId: 'cus-ada',
      status: 'RESERVED',
      amount: 13900,
      currency: 'EUR',
      paymentToken: 'tok_visa',
      lines: [
        { sku: 'sku-keyboard', quantity: 1, unitPrice: 8900 },
        { sku: 'sku-mouse', quantity: 2, unitPrice: 2500 },
      ],
    });
  });

  it.each([
    {
      name: 'reports the short lines with requested and available when stock runs out',
      stock: new Map<string, number | undefined>([
        ['sku-keyboard', 5],
        ['sku-mouse', 1],
      ]),
      shortfall: { reason: 'OUT_OF_STOCK', unavailable: [{ sku: 'sku-mouse', requested: 2, available: 1 }] },
    },
    {
      name: 'reports UNKNOWN_SKU, naming only the unknown skus, when a sku has no stock item even if another is short',
      stock: new Map<string, number | undefined>([
        ['sku-keyboard', undefined],
        ['sku-mouse', 0],
      ]),
      shortfall: { reason: 'UNKNOWN_SKU', unavailable: [{ sku: 'sku-keyboard', requested: 1, available: 0 }] },
    },
    {
      name: 'finds no shortfall when every line fits, so a refused transaction is retried',
      stock: new Map<string, number | undefined>([
        ['sku-keyboard', 1],
        ['sku-mouse', 2],
      ]),
      shortfall: undefined,
    },
  ])('$name', ({ stock, shortfall }) => {
    // Act
    const assessed = assessShortfall(planned.lines, stock);

    // Assess
    expect(assessed).toEqual(shortfall);
  });

  it('derives StockReserved from a reservation, valid against its contract and caused by the OrderPlaced', () => {
    // Act
    const event = reservationOutcomeEvent(planned);

    // Assess
    expect(event.detailType).toBe('StockReserved');
    expect(StockReserved.detailSchema.safeParse(event.detail).success).toBe(true);
    expect(event.detail.metadata).toMatchObject({
      eventId: deriveEventId(placed.detail.metadata.eventId, 'StockReserved'),
      causationId: placed.detail.metadata.eventId,
      correlationId: 'ord-1001',
      occurredAt: reservedBy.decidedAt,
    });
    // The contract's example StockReserved is the reservation of this fixture's order.
    expect(event.detail.data).toEqual({
      ...EVENT_DOCUMENTATION.StockReserved.exampleData,
      orderHash: orderContentHash(placed.detail.data),
    });
  });

  it('derives StockReservationFailed from a failed reservation', () => {
    const failed = failedReservation(planned, {
      reason: 'OUT_OF_STOCK',
      unavailable: [{ sku: 'sku-mouse', requested: 2, available: 1 }],
    });

    const event = reservationOutcomeEvent(failed);

    expect(event.detailType).toBe('StockReservationFailed');
    expect(StockReservationFailed.detailSchema.safeParse(event.detail).success).toBe(true);
    expect(event.detail.data).toMatchObject({
      reason: 'OUT_OF_STOCK',
      unavailable: [{ sku: 'sku-mouse', requested: 2, available: 1 }],
    });
  });

  it('derives the same event, id and time included, every time from the same reservation', () => {
    expect(reservationOutcomeEvent(planned)).toEqual(reservationOutcomeEvent(structuredClone(planned)));
  });

  it('still derives StockReserved for an OrderPlaced redelivered after the reservation was released', () => {
    const released = releaseOnPaymentFailure(planned, 'CARD_DECLINED');
    if (released.kind !== 'release') throw new Error('expected a release');

    expect(reservationOutcomeEvent(released.released)).toEqual(reservationOutcomeEvent(planned));
  });

  it('releases a RESERVED reservation once, recording the payment failure that caused it', () => {
    // Act
    const decision = releaseOnPaymentFailure(planned, 'LIMIT_EXCEEDED');

    // Assess
    expect(decision.kind).toBe('release');
    if (decision.kind !== 'release') return;
    expect(decision.released.status).toBe('RELEASED');
    const event = releaseEvent(decision.released);
    expect(event && StockReleased.detailSchema.safeParse(event.detail).success).toBe(true);
    expect(event?.detail.data).toEqual({
      orderId: 'ord-1001',
      customerId: 'cus-ada',
      lines: [
        { sku: 'sku-keyboard', quantity: 1 },
        { sku: 'sku-mouse', quantity: 2 },
      ],
      reason: 'PAYMENT_FAILED',
      paymentFailureReason: 'LIMIT_EXCEEDED',
    });
    expect(event?.detail.metadata.causationId).toBe('c0ffee00-0000-4000-8000-000000000001');
  });

  it('does not release a reservation twice', () => {
    const first = releaseOnPaymentFailure(planned, 'LIMIT_EXCEEDED');
    if (first.kind !== 'release') throw new Error('expected a release');

    const second = releaseOnPaymentFailure(first.released, 'LIMIT_EXCEEDED', '2026-11-28T12:09:00.000Z');

    expect(second).toEqual({ kind: 'already-released' });
  });

  it('releases nothing for a reservation that took no stock', () => {
    const failed = failedReservation(planned, {
      reason: 'UNKNOWN_SKU',
      unavailable: [{ sku: 'sku-mouse', requested: 2, available: 0 }],
    });

    expect(releaseOnPaymentFailure(failed, 'CARD_DECLINED')).toEqual({
      kind: 'nothing-reserved',
    });
    expect(releaseEvent(failed)).toBeUndefined();
  });
});
