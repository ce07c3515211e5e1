import fc from 'fast-check';
import { EVENT_CONTRACTS } from '../../lib/contracts';
import { SEED_CUSTOMERS, SEED_STOCK } from '../../lib/seed/seed-data';
import {
  DECLINED_PAYMENT_TOKEN,
  OrderGenerationError,
  generateOrders,
  scenarioCounts,
  type GeneratedOrder,
} from '../../lib/seed/order-generator';

const stockOf = new Map(SEED_STOCK.map((item) => [item.sku, item]));
const limitOf = new Map(SEED_CUSTOMERS.map((customer) => [customer.customerId, customer.creditLimit]));
const amountOf = (order: GeneratedOrder) =>
  order.data.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);

/** What the services will decide for an order, given the seed data: the rules of functions.md. */
function outcomeOf(order: GeneratedOrder): string {
  if (order.data.lines.some((line) => (stockOf.get(line.sku)?.available ?? 0) < line.quantity)) return 'out-of-stock';
  if (amountOf(order) > (limitOf.get(order.data.customerId) ?? 0) || order.data.paymentToken.includes('decline')) {
    return 'payment-declined';
  }
  return 'confirmed';
}

describe('generateOrders', () => {
  it('generates the same orders for the same seed, and others for another', () => {
    expect(generateOrders({ count: 30, seed: 9 })).toEqual(generateOrders({ count: 30, seed: 9 }));
    expect(generateOrders({ count: 30, seed: 10 })).not.toEqual(generateOrders({ count: 30, seed: 9 }));
  });

  it('generates valid orders whose outcome, judged on the seed data, is the scenario it claims', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 150 }), (seed, count) => {
        const orders = generateOrders({ count, seed });
        for (const order of orders) {
          expect(EVENT_CONTRACTS.OrderPlaced.dataSchema.safeParse(order.data).error).toBeUndefined();
          expect(outcomeOf(order)).toBe(order.scenario);
          expect(order.expectedStatus).toBe(order.scenario === 'confirmed' ? 'CONFIRMED' : 'CANCELLED');
        }
        expect(new Set(orders.map((order) => order.data.orderId)).size).toBe(count);
      }),
      { numRuns: 40 },
    );
  });

  it('never promises more stock than was seeded, over a long run', () => {
    const orders = generateOrders({ count: 1000, seed: 3 });

    const promised = new Map<string, number>();
    for (const order of orders.filter((candidate) => candidate.scenario !== 'out-of-stock')) {
      for (const line of order.data.lines) promised.set(line.sku, (promised.get(line.sku) ?? 0) + line.quantity);
    }
    for (const [sku, quantity] of promised) expect(quantity).toBeLessThanOrEqual(stockOf.get(sku)?.available ?? 0);
  });

  it('declines both ways: over the frugal limit and with a refused card', () => {
    const declined = generateOrders({ count: 40, seed: 1, mix: { 'payment-declined': 1 } });

    expect(declined.some((order) => order.data.customerId === 'cus-frugal')).toBe(true);
    expect(declined.some((order) => order.data.paymentToken === DECLINED_PAYMENT_TOKEN)).toBe(true);
    expect(declined.every((order) => order.expectedCancellationReason === 'PAYMENT_DECLINED')).toBe(true);
  });

  it('gives exact scenario counts for the mix', () => {
    expect(scenarioCounts(10, { confirmed: 8, 'out-of-stock': 1, 'payment-declined': 1 }).join()).toBe(
      [...Array(8).fill('confirmed'), 'out-of-stock', 'payment-declined'].join(),
    );
    expect(scenarioCounts(3, { confirmed: 1, 'out-of-stock': 1, 'payment-declined': 1 })).toEqual([
      'confirmed',
      'out-of-stock',
      'payment-declined',
    ]);
  });

  it('fails with a clear error when the seed stock cannot cover the orders', () => {
    expect(() => generateOrders({ count: 10_000, seed: 1 })).toThrow(OrderGenerationError);
    expect(() => generateOrders({ count: 10_000, seed: 1 })).toThrow('generate fewer orders or seed more stock');
  });

  it('rejects a mix with no positive weight', () => {
    expect(() => generateOrders({ count: 1, mix: { confirmed: 0 } })).toThrow(
      'the order mix needs at least one positive weight, got \'{"confirmed":0}\'',
    );
  });
});
