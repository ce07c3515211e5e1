import { allInvariantsHold, checkSagaInvariants } from '../../lib/saga/saga-invariants';
import type { SagaSnapshot } from '../../lib/saga/saga-snapshot';

/** A run of three orders that ended well: one confirmed, one out of stock, one declined and compensated. */
function healthyRun(): SagaSnapshot {
  return {
    publishedOrderIds: ['ord-1', 'ord-2', 'ord-3'],
    expectedPoisonMessages: 1,
    orders: [
      { orderId: 'ord-1', status: 'CONFIRMED' },
      { orderId: 'ord-2', status: 'CANCELLED', cancellationReason: 'OUT_OF_STOCK' },
      { orderId: 'ord-3', status: 'CANCELLED', cancellationReason: 'PAYMENT_DECLINED' },
    ],
    stock: [
      { sku: 'sku-mouse', initial: 10, current: 8 },
      { sku: 'sku-sold-out', initial: 0, current: 0 },
    ],
    reservations: [
      { orderId: 'ord-1', status: 'RESERVED', lines: [{ sku: 'sku-mouse', quantity: 2 }] },
      { orderId: 'ord-2', status: 'FAILED', lines: [{ sku: 'sku-sold-out', quantity: 1 }] },
      { orderId: 'ord-3', status: 'RELEASED', lines: [{ sku: 'sku-mouse', quantity: 5 }] },
    ],
    charges: [
      { orderId: 'ord-1', status: 'CHARGED', amount: 5000 },
      { orderId: 'ord-3', status: 'DECLINED', amount: 12500 },
    ],
    notifications: [
      { orderId: 'ord-1', outcome: 'CONFIRMED' },
      { orderId: 'ord-2', outcome: 'CANCELLED' },
      { orderId: 'ord-3', outcome: 'CANCELLED' },
    ],
    deadLetters: [{ queue: 'shop-choreography-orders-dlq', messageId: 'm-1', body: '{', reason: 'unparseable JSON' }],
    messagesInFlight: 0,
  };
}

function violationsOf(snapshot: SagaSnapshot, name: string): readonly string[] {
  const result = checkSagaInvariants(snapshot).find((candidate) => candidate.name === name);
  if (!result) throw new Error(`no invariant named '${name}'`);
  return result.violations;
}

/** The healthy run, but with these charges. */
function healthyRunCharging(...charges: SagaSnapshot['charges']): SagaSnapshot {
  return { ...healthyRun(), charges };
}

/** An order's content: one laptop. */
const laptop = { lines: [{ sku: 'sku-laptop', quantity: 1, unitPrice: 149_900 }], currency: 'EUR' };

describe('saga invariants', () => {
  it('hold for a run that converged', () => {
    expect(allInvariantsHold(checkSagaInvariants(healthyRun()))).toBe(true);
  });

  it('name the order that is still pending', () => {
    const snapshot = {
      ...healthyRun(),
      orders: [...healthyRun().orders.slice(1), { orderId: 'ord-1', status: 'PENDING' as const }],
    };
    expect(violationsOf(snapshot, 'every order terminal')).toEqual(['ord-1: still PENDING']);
  });

  it('name an order that never reached the orders table', () => {
    const snapshot = { ...healthyRun(), publishedOrderIds: [...healthyRun().publishedOrderIds, 'ord-4'] };
    expect(violationsOf(snapshot, 'every order terminal')).toEqual(['ord-4: not in the orders table']);
  });

  it('catch stock that was reserved twice', () => {
    const snapshot = { ...healthyRun(), stock: [{ sku: 'sku-mouse', initial: 10, current: 6 }] };
    expect(violationsOf(snapshot, 'stock conserved')).toEqual(['sku-mouse: expected 8 (initial 10), found 6']);
  });

  it('catch negative stock', () => {
    const snapshot = {
      ...healthyRun(),
      stock: [{ sku: 'sku-mouse', initial: 1, current: -1 }],
      reservations: [{ orderId: 'ord-1', status: 'RESERVED' as const, lines: [{ sku: 'sku-mouse', quantity: 2 }] }],
    };
    expect(violationsOf(snapshot, 'stock conserved')).toContain('sku-mouse: stock is negative (-1)');
  });

  it('catch a double charge', () => {
    const snapshot = healthyRunCharging(...healthyRun().charges, { orderId: 'ord-1', status: 'CHARGED', amount: 5000 });
    expect(violationsOf(snapshot, 'no double charge')).toEqual(['ord-1: charged 2 times']);
  });

  it('accept a charge for a cancelled order once it is refunded', () => {
    const snapshot = healthyRunCharging(
      { orderId: 'ord-1', status: 'CHARGED', amount: 1 },
      { orderId: 'ord-2', status: 'REFUNDED', amount: 1 },
    );
    expect(violationsOf(snapshot, 'no charge without confirmation or refund')).toEqual([]);
  });

  it('catch an order confirmed as one thing and charged for another', () => {
    const snapshot: SagaSnapshot = {
      ...healthyRun(),
      orders: [{ orderId: 'ord-1', status: 'CONFIRMED', content: laptop }],
      reservations: [
        {
          orderId: 'ord-1',
          status: 'RESERVED',
          lines: [{ sku: 'sku-cable', quantity: 1 }],
          amount: 900,
          currency: 'EUR',
        },
      ],
      charges: [{ orderId: 'ord-1', status: 'CHARGED', amount: 900, currency: 'EUR' }],
    };
    expect(violationsOf(snapshot, 'order, reservation and charge agree')).toEqual([
      'ord-1: ordered 1×sku-laptop, reserved 1×sku-cable',
      'ord-1: ordered for 149900 EUR, charged 900 EUR',
    ]);
  });

  it('let released reservations and refunded charges differ from the order: they hold nothing', () => {
    const snapshot: SagaSnapshot = {
      ...healthyRun(),
      orders: [{ orderId: 'ord-1', status: 'CANCELLED', content: laptop }],
      reservations: [{ orderId: 'ord-1', status: 'RELEASED', lines: [{ sku: 'sku-cable', quantity: 1 }], amount: 900 }],
      charges: [{ orderId: 'ord-1', status: 'REFUNDED', amount: 900 }],
    };
    expect(violationsOf(snapshot, 'order, reservation and charge agree')).toEqual([]);
  });

  it('catch a charge for a cancelled order', () => {
    const snapshot = healthyRunCharging(
      { orderId: 'ord-1', status: 'CHARGED', amount: 1 },
      { orderId: 'ord-2', status: 'CHARGED', amount: 1 },
    );
    expect(violationsOf(snapshot, 'no charge without confirmation or refund')).toEqual([
      'ord-2: charged but CANCELLED and not refunded',
    ]);
  });

  it('catch a second notification for the same order', () => {
    const snapshot = {
      ...healthyRun(),
      notifications: [...healthyRun().notifications, { orderId: 'ord-3', outcome: 'CANCELLED' }],
    };
    expect(violationsOf(snapshot, 'one notification per order')).toEqual(['ord-3: 2 notifications']);
  });

  it('catch a poison message that vanished instead of reaching a DLQ', () => {
    const snapshot = { ...healthyRun(), deadLetters: [] };
    expect(violationsOf(snapshot, 'poison messages dead-lettered')).toEqual([
      'expected at least 1 dead letter(s), found 0',
    ]);
  });

  it('catch messages left in the queues', () => {
    expect(violationsOf({ ...healthyRun(), messagesInFlight: 3 }, 'queues drained')).toEqual([
      '3 message(s) still in consumer queues',
    ]);
  });
});
