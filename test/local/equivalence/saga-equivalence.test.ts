import fc from 'fast-check';
import { runPacedSaga } from '../../../lib/saga/paced-saga-run';
import { VARIANTS, type Variant } from '../../../lib/contracts';
import { LocalCloud } from '../../../lib/local/local-cloud';
import { localClients } from '../../../lib/saga/saga-run';
import { seedTables } from '../../../lib/seed/seed-tables';
import { sagaOutcomeOf, unfinishedOrders, type SagaOutcome } from './saga-outcome';
import { shopBatchArbitrary, type ShopBatch } from './shop-batch';
import { startSagaTestCloud } from '../../support/saga-test-cloud';

/** Batches per property run and orders per batch: 4 × 130 = 520 orders through each variant. */
const BATCHES = 4;
const ORDERS_PER_BATCH = 130;
/** Orders in flight per variant; both variants run at once, on one cloud. */
const IN_FLIGHT = 8;

/** Seeds both variants with the batch's shop, runs the batch through both at once, reads both outcomes. */
async function runOnBothVariants(cloud: LocalCloud, batch: ShopBatch): Promise<Record<Variant, SagaOutcome>> {
  const { documentClient } = localClients(cloud);
  try {
    await Promise.all(
      VARIANTS.map((variant) =>
        seedTables({ documentClient, variant, stock: batch.stock, customers: batch.customers }),
      ),
    );
  } finally {
    documentClient.destroy();
  }
  const runs = await Promise.all(
    VARIANTS.map((variant) =>
      runPacedSaga(cloud, {
        variant,
        orders: batch.orders,
        publishedTwice: batch.publishedTwice,
        maxInFlight: IN_FLIGHT,
        initialStock: batch.stock,
        timeoutMs: 240_000,
      }),
    ),
  );
  const skus = batch.stock.map((level) => level.sku);
  const orderIds = batch.orders.map((order) => order.orderId);
  const [choreography, orchestration] = runs.map((run) => sagaOutcomeOf(run.snapshot, orderIds, skus));
  return { choreography: choreography!, orchestration: orchestration! };
}

describe('equivalence of the choreographed and orchestrated saga on the local cloud', () => {
  let cloud: LocalCloud;
  let batchNumber = 0;
  const nextPrefix = () => `eq-${++batchNumber}`;

  beforeAll(async () => {
    cloud = await startSagaTestCloud({
      timeScale: 1,
    });
    // Warm both variants' functions with a small batch, so the property's first run does not
    // start dozens of execution environments at once.
    const [warmUp] = fc.sample(
      shopBatchArbitrary(IN_FLIGHT, () => 'eq-warm-up'),
      { numRuns: 1, seed: 1 },
    );
    await runOnBothVariants(cloud, warmUp!);
  }, 240_000);

  afterAll(() => cloud?.stop());

  it('brings every order to the same end, the same stock, charges and notifications in both variants', async () => {
    // Prepare
    const checked: number[] = [];
    const property = fc.asyncProperty(shopBatchArbitrary(ORDERS_PER_BATCH, nextPrefix), async (batch) => {
      // Act
      const outcome = await runOnBothVariants(cloud, batch);

      // Assess
      expect(unfinishedOrders(outcome.choreography)).toEqual([]);
      expect(outcome.orchestration).toEqual(outcome.choreography);
      checked.push(batch.orders.length);
    });

    // Act: a failure is reported with its seed and batch; shrinking would rerun whole batches, so it is off.
    await fc.assert(property, { numRuns: BATCHES, endOnFailure: true });

    // Assess
    expect(checked.reduce((sum, orders) => sum + orders, 0)).toBeGreaterThanOrEqual(500);
  }, 900_000);
});
