import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { seedStock } from '../../functions/inventory/store';
import { seedCustomers } from '../../functions/payments/store';
import { serviceResourceNames, type Variant } from '../contracts';
import { SEED_CUSTOMERS, SEED_STOCK, type CustomerSeed, type StockSeed } from './seed-data';

export interface SeedTablesOptions {
  readonly documentClient: DynamoDBDocumentClient;
  readonly variant: Variant;
  /** @default - no stage prefix */
  readonly stage?: string;
  /** @default SEED_STOCK */
  readonly stock?: readonly StockSeed[];
  /** @default SEED_CUSTOMERS */
  readonly customers?: readonly CustomerSeed[];
}

/** What {@link seedTables} wrote, and where. */
export interface SeedTablesResult {
  readonly inventoryTable: string;
  readonly stockItems: number;
  readonly paymentsTable: string;
  readonly customers: number;
}

/**
 * Loads a variant's starting state: stock levels into the inventory table, customers and their
 * credit limits into the payments table. Writes are plain puts, so seeding again resets the
 * levels. Used by `choreo seed` and by the local cloud.
 *
 * @example await seedTables({ documentClient, variant: 'choreography' })
 */
export async function seedTables(options: SeedTablesOptions): Promise<SeedTablesResult> {
  const stock = options.stock ?? SEED_STOCK;
  const customers = options.customers ?? SEED_CUSTOMERS;
  const inventoryTable = serviceResourceNames(options.variant, 'inventory', options.stage).table;
  const paymentsTable = serviceResourceNames(options.variant, 'payments', options.stage).table;
  await Promise.all([
    seedStock(
      options.documentClient,
      inventoryTable,
      stock.map(({ sku, available }) => ({ sku, available })),
    ),
    seedCustomers(
      options.documentClient,
      paymentsTable,
      customers.map(({ customerId, creditLimit }) => ({ customerId, creditLimit })),
    ),
  ]);
  return { inventoryTable, stockItems: stock.length, paymentsTable, customers: customers.length };
}
