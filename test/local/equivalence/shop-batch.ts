import fc from 'fast-check';
import type { EventData } from '../../../lib/contracts';
import type { CustomerSeed, StockSeed } from '../../../lib/seed/seed-data';
import shop from '../../fixtures/equivalence/shop.json';

/**
 * A generated shop and a batch of orders for it: stock levels, credit limits, orders (some
 * published twice), built so that every order's outcome is decided by the order alone and not by
 * which order the saga happens to process first. Each sku's stock is either ample (at least the
 * batch's whole demand for it) or scarce (less than the smallest line asking for it), so no two
 * orders compete for the last units: both variants, whatever their interleaving, must then agree
 * order by order.
 */
export interface ShopBatch {
  readonly stock: readonly StockSeed[];
  readonly customers: readonly CustomerSeed[];
  readonly orders: readonly EventData<'OrderPlaced'>[];
  /** Orders whose OrderPlaced is published twice (a client retry). */
  readonly publishedTwice: ReadonlySet<string>;
}

interface GeneratedLine {
  readonly sku: string;
  readonly quantity: number;
}

interface GeneratedOrder {
  /** Index into the shop's customers; one past the end is a customer the payments service does not know. */
  readonly customer: number;
  readonly lines: readonly GeneratedLine[];
  readonly declinedCard: boolean;
  readonly publishedTwice: boolean;
}

const skuNames = shop.skus.map((sku) => sku.sku);
const unitPrice = new Map(shop.skus.map((sku) => [sku.sku, sku.unitPrice]));

const lineArbitrary: fc.Arbitrary<GeneratedLine> = fc.record({
  // An unseeded sku now and then: the order is cancelled as UNKNOWN_SKU.
  sku: fc.oneof(
    { arbitrary: fc.constantFrom(...skuNames), weight: 30 },
    { arbitrary: fc.constant(shop.unknownSku), weight: 1 },
  ),
  quantity: fc.integer({ min: 1, max: shop.maxQuantity }),
});

const orderArbitrary: fc.Arbitrary<GeneratedOrder> = fc.record({
  customer: fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: shop.customers - 1 }), weight: 30 },
    { arbitrary: fc.constant(shop.customers), weight: 1 },
  ),
  lines: fc.uniqueArray(lineArbitrary, { minLength: 1, maxLength: 3, selector: (line) => line.sku }),
  declinedCard: fc.integer({ min: 0, max: 14 }).map((n) => n === 0),
  publishedTwice: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

const stockModeArbitrary = fc.record({
  scarce: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  slack: fc.nat({ max: 20 }),
});

/**
 * Batches of `orders` orders. Order ids take `idPrefix` so that batches run one after another on
 * the same tables never share an order.
 */
export function shopBatchArbitrary(orders: number, idPrefix: () => string): fc.Arbitrary<ShopBatch> {
  return fc
    .record({
      orders: fc.array(orderArbitrary, { minLength: orders, maxLength: orders }),
      stockModes: fc.array(stockModeArbitrary, { minLength: skuNames.length, maxLength: skuNames.length }),
      creditLimits: fc.array(fc.integer({ min: 0, max: shop.maxCreditLimit }), {
        minLength: shop.customers,
        maxLength: shop.customers,
      }),
    })
    .map(({ orders: generated, stockModes, creditLimits }) => {
      const prefix = idPrefix();
      const customers = creditLimits.map((creditLimit, index) => ({
        customerId: `${shop.customerPrefix}-${index}`,
        creditLimit,
      }));
      const demand = new Map<string, { total: number; smallestLine: number }>();
      for (const line of generated.flatMap((order) => order.lines)) {
        const seen = demand.get(line.sku);
        demand.set(line.sku, {
          total: (seen?.total ?? 0) + line.quantity,
          smallestLine: Math.min(seen?.smallestLine ?? Number.POSITIVE_INFINITY, line.quantity),
        });
      }
      const stock = skuNames.map((sku, index) => {
        const mode = stockModes[index]!;
        const wanted = demand.get(sku);
        const available = !wanted
          ? mode.slack
          : mode.scarce
            ? Math.min(mode.slack, wanted.smallestLine - 1)
            : wanted.total + mode.slack;
        return { sku, available, unitPrice: unitPrice.get(sku)! };
      });
      const orderData = generated.map((order, index) => ({
        orderId: `${prefix}-${String(index + 1).padStart(4, '0')}`,
        customerId: customers[order.customer]?.customerId ?? `${shop.customerPrefix}-unknown`,
        lines: order.lines.map((line) => ({
          sku: line.sku,
          quantity: line.quantity,
          unitPrice: unitPrice.get(line.sku) ?? shop.unknownSkuPrice,
        })),
        currency: 'EUR',
        paymentToken: order.declinedCard ? shop.declinedToken : shop.acceptedToken,
      }));
      return {
        stock,
        customers,
        orders: orderData,
        publishedTwice: new Set(
          orderData.filter((_, index) => generated[index]!.publishedTwice).map((order) => order.orderId),
        ),
      };
    });
}
