import { buildOrderPlaced } from '../../functions/shared/event-builder';
import { putEventsEntrySize } from '../../functions/shared/publisher';
import { EVENT_CONTRACTS, VARIANTS, type Variant } from '../contracts';
import type { LocalCloud } from '../local/local-cloud';
import { generateOrders, type GeneratedOrder } from '../seed/order-generator';
import { SEED_CUSTOMERS, SEED_STOCK } from '../seed/seed-data';
import { seedTables } from '../seed/seed-tables';
import { localClients } from '../saga/saga-run';
import type { AwsPrices } from './aws-prices';
import { buildComparison, type ComparisonReport } from './comparison';
import { latencyPercentiles, orderLatenciesMs } from './order-latency';
import { runPacedSaga } from '../saga/paced-saga-run';
import { measureCoupling } from './variant-coupling';
import { measureVariantUsage } from './variant-usage';
import { assertVariantRunnable } from '../saga/variant-runnable';

export interface RunComparisonOptions {
  /** Orders measured per variant. */
  readonly orders: number;
  /** @default 1 */
  readonly seed?: number;
  readonly prices: AwsPrices;
  /** @default 8 - see PacedSagaRunOptions.maxInFlight */
  readonly maxInFlight?: number;
  /** @default 300000 per variant */
  readonly timeoutMs?: number;
  /** Called as orders of a variant reach their outcome (warm-up orders not counted). */
  readonly onProgress?: (variant: Variant, done: number, total: number) => void;
}

/**
 * Runs the same generated orders through both variants of the saga on one local cloud and
 * measures them. Each variant is seeded with the demo stock and customers, warmed with
 * `maxInFlight` orders of its own (so that cold starts are not billed to the comparison), then
 * runs the measured orders with at most `maxInFlight` in flight; only the trace of the measured
 * orders is read.
 */
export async function runComparison(cloud: LocalCloud, options: RunComparisonOptions): Promise<ComparisonReport> {
  const seed = options.seed ?? 1;
  const maxInFlight = options.maxInFlight ?? 8;
  for (const variant of VARIANTS) assertVariantRunnable(cloud.model, variant);
  // One batch, so the generator's stock accounting covers the warm-up orders too.
  const generated = generateOrders({ count: maxInFlight + options.orders, seed });
  const warmUp = generated.slice(0, maxInFlight);
  const measured = generated.slice(maxInFlight);
  const eventPayloadBytes = Math.max(...generated.map(orderPlacedEntrySize));

  const runs = [];
  for (const variant of VARIANTS) {
    const { documentClient } = localClients(cloud);
    try {
      await seedTables({ documentClient, variant, stock: SEED_STOCK, customers: SEED_CUSTOMERS });
    } finally {
      documentClient.destroy();
    }
    await runPacedSaga(cloud, {
      variant,
      orders: warmUp.map((order) => order.data),
      maxInFlight,
      initialStock: SEED_STOCK,
      timeoutMs: options.timeoutMs,
    });
    const run = await runPacedSaga(cloud, {
      variant,
      orders: measured.map((order) => order.data),
      maxInFlight,
      initialStock: SEED_STOCK,
      timeoutMs: options.timeoutMs,
      onProgress: (done, total) => options.onProgress?.(variant, done, total),
    });
    const trace = cloud.trace.events().filter((event) => event.seq > run.traceStartSeq);
    const measuredIds = new Set(run.orderIds);
    const outcomes = run.snapshot.orders.filter((order) => measuredIds.has(order.orderId));
    runs.push({
      usage: measureVariantUsage({
        variant,
        trace,
        model: cloud.model,
        orders: measured.length,
        timeScale: cloud.clock.timeScale,
        eventPayloadBytes,
      }),
      latencyMs: latencyPercentiles(orderLatenciesMs(trace, variant, cloud.clock.timeScale).values()),
      outcomes: {
        placed: measured.length,
        confirmed: outcomes.filter((order) => order.status === 'CONFIRMED').length,
        cancelled: outcomes.filter((order) => order.status === 'CANCELLED').length,
        pending: measured.length - outcomes.filter((order) => order.status !== 'PENDING').length,
      },
      wallMs: run.wallMs,
    });
  }
  return buildComparison({
    seed,
    timeScale: cloud.clock.timeScale,
    maxInFlight,
    prices: options.prices,
    runs,
    coupling: VARIANTS.map((variant) => measureCoupling(cloud.model, variant)),
  });
}

/** The size EventBridge bills an order's OrderPlaced entry by. */
function orderPlacedEntrySize(order: GeneratedOrder): number {
  const event = buildOrderPlaced(order.data);
  return putEventsEntrySize({
    Source: EVENT_CONTRACTS.OrderPlaced.source,
    DetailType: EVENT_CONTRACTS.OrderPlaced.detailType,
    Detail: JSON.stringify(event.detail),
  });
}
