import type { EventData } from '../contracts';
import { SEED_CUSTOMERS, SEED_STOCK, type CustomerSeed, type StockSeed } from './seed-data';
import { ClassifiedError } from '../errors/classified-error';

/**
 * A deterministic generator of realistic `OrderPlaced` data for the seeded shop, shared by
 * `choreo publish --demo`, `choreo smoke`, the local cloud demo and the benchmarks. The same
 * options always yield the same orders, so a run can be repeated order for order.
 */

/** How an order is meant to end, given the seed data the generator was told about. */
export type OrderScenario = 'confirmed' | 'out-of-stock' | 'payment-declined';
export const ORDER_SCENARIOS: readonly OrderScenario[] = ['confirmed', 'out-of-stock', 'payment-declined'];

/** Relative weights of the scenarios; only their ratio matters. */
export type OrderMix = Readonly<Partial<Record<OrderScenario, number>>>;

/** Eight in ten orders go through; one runs out of stock, one has its payment declined. */
export const DEFAULT_ORDER_MIX: OrderMix = { confirmed: 8, 'out-of-stock': 1, 'payment-declined': 1 };

export interface OrderGeneratorOptions {
  /** How many orders to generate. */
  readonly count: number;
  /**
   * Seeds the pseudo-random choices; the same seed gives the same orders (and so, once placed,
   * the same event ids).
   * @default 1
   */
  readonly seed?: number;
  /**
   * Scenario weights. Counts are exact (largest remainder), not drawn at random: 10 orders with
   * the default mix are 8 confirmed, 1 out of stock and 1 declined, in a seeded order.
   * @default DEFAULT_ORDER_MIX
   */
  readonly mix?: OrderMix;
  /** Order ids are `<idPrefix>-<seed in base 36>-<n>`. @default 'ord' */
  readonly idPrefix?: string;
  /**
   * The stock the shop was seeded with. Orders meant to be confirmed or declined never ask, all
   * together, for more than it holds, so no order fails for lack of stock by accident (declined
   * orders count too, since they hold a reservation until it is released).
   * @default SEED_STOCK
   */
  readonly stock?: readonly StockSeed[];
  /**
   * The customers the payments service was seeded with. The one with the lowest credit limit
   * (cus-frugal) is used only for orders meant to be declined.
   * @default SEED_CUSTOMERS
   */
  readonly customers?: readonly CustomerSeed[];
  /** @default 'EUR' */
  readonly currency?: string;
}

export interface GeneratedOrder {
  readonly data: EventData<'OrderPlaced'>;
  readonly scenario: OrderScenario;
  /** The status the saga should leave the order in. */
  readonly expectedStatus: 'CONFIRMED' | 'CANCELLED';
  /** The `OrderCancelled` reason the saga should give, for orders meant to be cancelled. */
  readonly expectedCancellationReason?: 'OUT_OF_STOCK' | 'PAYMENT_DECLINED';
}

/** The payment token the simulated provider always declines. */
export const DECLINED_PAYMENT_TOKEN = 'tok_decline_card';
const ACCEPTED_PAYMENT_TOKENS = ['tok_visa', 'tok_mastercard', 'tok_amex'] as const;
const MAX_LINES = 3;

/** Not enough seed stock (or no suitable customer) for the orders asked for. */
export class OrderGenerationError extends ClassifiedError {
  override readonly name = 'OrderGenerationError';
  readonly kind = 'validation';
}

/**
 * Generates `count` orders with the given scenario mix.
 *
 * @example
 * const orders = generateOrders({ count: 50, seed: 7, mix: { confirmed: 1, 'payment-declined': 1 } });
 * await publisher.publish(orders.map((order) => buildOrderPlaced(order.data)));
 */
export function generateOrders(options: OrderGeneratorOptions): GeneratedOrder[] {
  const { count } = options;
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number of 0 or more, got '${count}'`);
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got '${seed}'`);
  const random = seededRandom(seed);
  const scenarios = shuffle(scenarioCounts(count, options.mix ?? DEFAULT_ORDER_MIX), random);
  const shop = new ShopModel(options.stock ?? SEED_STOCK, options.customers ?? SEED_CUSTOMERS, random);
  const prefix = `${options.idPrefix ?? 'ord'}-${Math.abs(seed).toString(36)}`;
  const width = String(count).length;
  return scenarios.map((scenario, index) => {
    const orderId = `${prefix}-${String(index + 1).padStart(width, '0')}`;
    return shop.order(orderId, scenario, options.currency ?? 'EUR');
  });
}

/** Exact scenario counts for `count` orders, by largest remainder, in ORDER_SCENARIOS order. */
export function scenarioCounts(count: number, mix: OrderMix): OrderScenario[] {
  const weights = ORDER_SCENARIOS.map((scenario) => {
    const weight = mix[scenario] ?? 0;
    if (!Number.isFinite(weight) || weight < 0)
      throw new RangeError(`the weight of '${scenario}' must be 0 or more, got '${weight}'`);
    return weight;
  });
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0)
    throw new RangeError(`the order mix needs at least one positive weight, got '${JSON.stringify(mix)}'`);
  const exact = weights.map((weight) => (weight / total) * count);
  const counts = exact.map(Math.floor);
  const byRemainder = exact
    .map((value, scenario) => ({ scenario, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.scenario - b.scenario);
  for (let missing = count - counts.reduce((sum, n) => sum + n, 0), i = 0; missing > 0; missing -= 1, i += 1) {
    const scenario = byRemainder[i % byRemainder.length]!.scenario;
    counts[scenario] = (counts[scenario] ?? 0) + 1;
  }
  return ORDER_SCENARIOS.flatMap((scenario, index) => Array<OrderScenario>(counts[index] ?? 0).fill(scenario));
}

/** mulberry32: a small, fast, well-mixed 32-bit generator; plenty for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

type OrderLine = EventData<'OrderPlaced'>['lines'][number];

/** What the generator knows of the shop: stock not yet promised to an order, and the customers. */
class ShopModel {
  private readonly remaining = new Map<string, number>();
  private readonly prices = new Map<string, number>();
  private readonly soldOut: StockSeed | undefined;
  private readonly frugal: CustomerSeed;
  private readonly regulars: readonly CustomerSeed[];

  constructor(
    private readonly stock: readonly StockSeed[],
    customers: readonly CustomerSeed[],
    private readonly random: () => number,
  ) {
    for (const item of stock) {
      this.prices.set(item.sku, item.unitPrice);
      if (item.available > 0) this.remaining.set(item.sku, item.available);
    }
    this.soldOut = stock.find((item) => item.available === 0);
    const byLimit = [...customers].sort((a, b) => a.creditLimit - b.creditLimit);
    if (byLimit.length < 2)
      throw new OrderGenerationError(`the generator needs at least two customers, got ${byLimit.length}`);
    this.frugal = byLimit[0]!;
    this.regulars = byLimit.slice(1);
  }

  order(orderId: string, scenario: OrderScenario, currency: string): GeneratedOrder {
    switch (scenario) {
      case 'confirmed': {
        const customer = this.pick(this.regulars);
        const data = this.data(orderId, customer, this.lines(customer.creditLimit), this.acceptedToken(), currency);
        return { data, scenario, expectedStatus: 'CONFIRMED' };
      }
      case 'out-of-stock': {
        const customer = this.pick(this.regulars);
        const data = this.data(orderId, customer, this.outOfStockLines(), this.acceptedToken(), currency);
        return { data, scenario, expectedStatus: 'CANCELLED', expectedCancellationReason: 'OUT_OF_STOCK' };
      }
      case 'payment-declined':
        return {
          ...this.declined(orderId, currency),
          scenario,
          expectedStatus: 'CANCELLED',
          expectedCancellationReason: 'PAYMENT_DECLINED',
        };
    }
  }

  /** Half the declines are over the frugal customer's limit, half a card the provider refuses. */
  private declined(orderId: string, currency: string): { data: EventData<'OrderPlaced'> } {
    if (this.random() < 0.5) {
      const lines = this.linesOver(this.frugal.creditLimit);
      if (lines) return { data: this.data(orderId, this.frugal, lines, this.acceptedToken(), currency) };
    }
    const customer = this.pick(this.regulars);
    return { data: this.data(orderId, customer, this.lines(customer.creditLimit), DECLINED_PAYMENT_TOKEN, currency) };
  }

  private data(orderId: string, customer: CustomerSeed, lines: OrderLine[], paymentToken: string, currency: string) {
    return { orderId, customerId: customer.customerId, lines, currency, paymentToken };
  }

  /** One to three lines of in-stock skus, together within `budget`, taken from the remaining stock. */
  private lines(budget: number): OrderLine[] {
    const wanted = 1 + Math.floor(this.random() * MAX_LINES);
    const lines: OrderLine[] = [];
    let total = 0;
    for (const sku of this.shuffledInStock()) {
      if (lines.length === wanted) break;
      const unitPrice = this.prices.get(sku)!;
      const quantity = Math.min(this.random() < 0.8 ? 1 : 2, this.remaining.get(sku)!);
      if (total + unitPrice * quantity > budget) continue;
      lines.push(this.take(sku, quantity));
      total += unitPrice * quantity;
    }
    if (lines.length === 0) {
      throw new OrderGenerationError(
        `the seed stock cannot cover more orders: every sku is promised or dearer than a credit limit of ${budget}; generate fewer orders or seed more stock`,
      );
    }
    return lines;
  }

  /** Lines of remaining stock that together cost more than `limit`, or undefined if the stock cannot. */
  private linesOver(limit: number): OrderLine[] | undefined {
    const lines: OrderLine[] = [];
    let total = 0;
    for (const sku of this.shuffledInStock()) {
      if (total > limit || lines.length === MAX_LINES) break;
      const unitPrice = this.prices.get(sku)!;
      const quantity = Math.min(
        Math.max(1, Math.ceil((limit + 1 - total) / unitPrice)),
        this.remaining.get(sku)!,
        1000,
      );
      lines.push({ sku, quantity, unitPrice });
      total += unitPrice * quantity;
    }
    if (total <= limit) return undefined;
    for (const line of lines) this.take(line.sku, line.quantity);
    return lines;
  }

  /** A line of a sold-out sku (or more than a sku holds), among up to two ordinary lines. */
  private outOfStockLines(): OrderLine[] {
    const ordinary = this.shuffledInStock()
      .slice(0, Math.floor(this.random() * MAX_LINES))
      .map((sku) => ({ sku, quantity: 1, unitPrice: this.prices.get(sku)! }));
    const scarce = this.soldOut ?? [...this.stock].sort((a, b) => a.available - b.available)[0];
    if (!scarce || scarce.available >= 1000)
      throw new OrderGenerationError('the seed stock has no sku that can run out');
    const unavailable = { sku: scarce.sku, quantity: scarce.available + 1, unitPrice: scarce.unitPrice };
    const lines = ordinary.filter((line) => line.sku !== scarce.sku);
    lines.splice(Math.floor(this.random() * (lines.length + 1)), 0, unavailable);
    return lines;
  }

  private take(sku: string, quantity: number): OrderLine {
    const left = this.remaining.get(sku)! - quantity;
    if (left > 0) this.remaining.set(sku, left);
    else this.remaining.delete(sku);
    return { sku, quantity, unitPrice: this.prices.get(sku)! };
  }

  private shuffledInStock(): string[] {
    return shuffle([...this.remaining.keys()], this.random);
  }

  private acceptedToken(): string {
    return this.pick(ACCEPTED_PAYMENT_TOKENS);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
}
