import {
  conflictsWith,
  decideRelease,
  plannedReservation,
  voidedReservation,
} from '../../../../functions/inventory/domain';
import { orderContentHash } from '../../../../lib/contracts';
import { sagaEventFixture } from '../builders';

const placed = sagaEventFixture('order-placed', 'OrderPlaced').detail.data;
const reservedBy = { eventId: 'c0ffee00-0000-4000-8000-000000000001', decidedAt: '2026-11-28T12:00:00.000Z' };
const planned = plannedReservation(placed, reservedBy);

describe('inventory domain: conflicts and cancelled orders', () => {
  it('sees a conflict in an OrderPlaced whose content differs from the reservation, naming its hash', () => {
    const cable = { ...placed, lines: [{ sku: 'sku-cable', quantity: 1, unitPrice: 900 }] };

    expect(conflictsWith(planned, cable)).toBe(orderContentHash(cable));
    expect(conflictsWith(planned, { ...placed, lines: [...placed.lines].reverse() })).toBeUndefined();
  });

  it('releases a RESERVED reservation when its order is cancelled, without a payment failure', () => {
    const decision = decideRelease(
      planned,
      { eventId: reservedBy.eventId, cause: 'ORDER_CANCELLED' },
      reservedBy.decidedAt,
    );

    expect(decision).toMatchObject({
      kind: 'release',
      released: { status: 'RELEASED', releasedBy: { cause: 'ORDER_CANCELLED' } },
    });
  });

  it('records a cancelled order that was never reserved as VOIDED: it takes no stock and sees no conflict', () => {
    const voided = voidedReservation({ orderId: 'ord-1001', customerId: 'cus-ada' }, reservedBy);

    expect(voided).toMatchObject({ status: 'VOIDED', lines: [] });
    expect(conflictsWith(voided, placed)).toBeUndefined();
    expect(
      decideRelease(voided, { eventId: reservedBy.eventId, cause: 'ORDER_CANCELLED' }, reservedBy.decidedAt),
    ).toEqual({
      kind: 'nothing-reserved',
    });
  });
});
