import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
  /**
   * Leave a table that already holds items as it is: state kept across restarts (`--data`)
   * is never overwritten by the seed.
   * @default false - seeding again resets the levels
   */
  readonly onlyEmptyTables?: boolean;
}

/** What {@link seedTables} wrote, and where. */
export interface SeedTablesResult {
  readonly inventoryTable: string;
  readonly stockItems: number;
  readonly paymentsTable: string;
  readonly customers: number;
  /** Tables left as they were because they already held items (`onlyEmptyTables`). */
  readonly keptTables: readonly string[];
}

/**
 * Loads a variant's starting state: stock levels into the inventory table, customers and their
 * credit limits into the payments table. Writes are plain puts, so seeding again resets the
 * levels (unless `onlyEmptyTables`). Used by `choreo seed` and by the local cloud.
 *
 * @example await seedTables({ documentClient, variant: 'choreography' })
 */
export async function seedTables(options: SeedTablesOptions): Promise<SeedTablesResult> {
  const stock = options.stock ?? SEED_STOCK;
  const customers = options.customers ?? SEED_CUSTOMERS;
  const inventoryTable = serviceResourceNames(options.variant, 'inventory', options.stage).table;
  const paymentsTable = serviceResourceNames(options.variant, 'payments', options.stage).table;
  const [seedInventory, seedPayments] = await Promise.all(
    [inventoryTable, paymentsTable].map(
      async (table) => !options.onlyEmptyTables || (await isEmpty(options.documentClient, table)),
    ),
  );
  await Promise.all([
    seedInventory &&
      seedStock(
        options.documentClient,
        inventoryTable,
        stock.map(({ sku, available }) => ({ sku, available })),
      ),
    seedPayments &&
      seedCustomers(
        options.documentClient,
        paymentsTable,
        customers.map(({ customerId, creditLimit }) => ({ customerId, creditLimit })),
      ),
  ]);
  const keptTables = [seedInventory ? [] : [inventoryTable], seedPayments ? [] : [paymentsTable]].flat();
  return {
    inventoryTable,
    stockItems: seedInventory ? stock.length : 0,
    paymentsTable,
    customers: seedPayments ? customers.length : 0,
    keptTables,
  };
}

async function isEmpty(documentClient: DynamoDBDocumentClient, table: string): Promise<boolean> {
  const page = await documentClient.send(new ScanCommand({ TableName: table, Limit: 1 }));
  return (page.Count ?? 0) === 0 && page.LastEvaluatedKey === undefined;
}
