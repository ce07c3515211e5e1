/**
 * The starting state of a shop, loaded by `choreo seed` and by the local cloud: stock levels for
 * the inventory service and credit limits for the payments service's simulated provider.
 */
export interface StockSeed {
  readonly sku: string;
  readonly available: number;
  /** Price of one unit in minor units, used by the demo order generator. */
  readonly unitPrice: number;
}

export interface CustomerSeed {
  readonly customerId: string;
  /** The most one order may cost, in minor units; above it the provider declines. */
  readonly creditLimit: number;
}

export const SEED_STOCK: readonly StockSeed[] = [
  { sku: 'sku-keyboard', available: 500, unitPrice: 8900 },
  { sku: 'sku-mouse', available: 800, unitPrice: 2500 },
  { sku: 'sku-monitor', available: 200, unitPrice: 23900 },
  { sku: 'sku-laptop', available: 120, unitPrice: 149900 },
  { sku: 'sku-headset', available: 300, unitPrice: 7900 },
  { sku: 'sku-webcam', available: 250, unitPrice: 5900 },
  { sku: 'sku-dock', available: 150, unitPrice: 19900 },
  { sku: 'sku-cable', available: 2000, unitPrice: 900 },
  /** Always out of stock: orders for it are cancelled. */
  { sku: 'sku-sold-out', available: 0, unitPrice: 4900 },
];

export const SEED_CUSTOMERS: readonly CustomerSeed[] = [
  { customerId: 'cus-ada', creditLimit: 1_000_000 },
  { customerId: 'cus-grace', creditLimit: 500_000 },
  { customerId: 'cus-linus', creditLimit: 250_000 },
  { customerId: 'cus-margaret', creditLimit: 2_000_000 },
  /** A small limit: most orders are declined, which exercises the compensation path. */
  { customerId: 'cus-frugal', creditLimit: 5_000 },
];
