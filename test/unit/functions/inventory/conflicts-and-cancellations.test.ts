import {
  conflictsWith,
  decideRelease,
  plannedReservation,
  voidedReservation,
  type Reservation,
} from '../../../../functions/inventory/domain';
import { reserveStock } from '../../../../functions/inventory/service';
import type { InventoryStore } from '../../../../functions/inventory/store';
import { ConflictingOrderError } from '../../../../functions/shared/conflicting-order-error';
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

describe('inventory service: an OrderPlaced that arrives after its order was cancelled', () => {
  /**
   * A table holding the one VOIDED record of the order: the reserve transaction is refused with
   * it, and the content is written conditionally.
   */
  function voidedStore() {
    let record: Reservation = voidedReservation({ orderId: placed.orderId, customerId: placed.customerId }, reservedBy);
    const store = {
      reserve: async () => ({ kind: 'exists', existing: record }),
      getReservation: async () => record,
      recordContent: async (_orderId: string, orderHash: string) => {
        if (record.orderHash) return false;
        record = { ...record, orderHash };
        return true;
      },
    };
    return store as unknown as InventoryStore;
  }

  it('reserves nothing for the first content and dead-letters other content of the same order as a conflict', async () => {
    const store = voidedStore();
    const cable = { ...placed, lines: [{ sku: 'sku-cable', quantity: 1, unitPrice: 900 }] };
    const now = new Date(reservedBy.decidedAt);

    const first = await reserveStock(store, placed, 'c0ffee00-0000-4000-8000-000000000002', now);
    const again = await reserveStock(store, placed, 'c0ffee00-0000-4000-8000-000000000002', now);

    expect(first).toMatchObject({ outcome: 'ignored', events: [] });
    expect(again).toMatchObject({ outcome: 'ignored', events: [] });
    await expect(reserveStock(store, cable, 'c0ffee00-0000-4000-8000-000000000003', now)).rejects.toBeInstanceOf(
      ConflictingOrderError,
    );
  });
});
