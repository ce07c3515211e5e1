import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { buildOrderPlaced } from '../functions/shared/event-builder';
import { EventPublisher } from '../functions/shared/publisher';
import { busName, type Variant } from '../lib/contracts';
import { LocalCloud } from '../lib/local/local-cloud';
import { runSagaOnLocalCloud, STOREFRONT_CREDENTIALS } from '../lib/saga/saga-run';
import { generateOrders } from '../lib/seed/order-generator';
import type { BenchRun, Figures } from './bench-run';
import { dynamoDbFloorRate } from './dynamodb-floor';
import { dynamoDbOperationCosts } from './dynamodb-operation-cost';
import { latencyFigure } from './engine-benchmark';
import { figureWithDecimals } from './results-file';
import { endToEndLatencies } from './trace-latency';
import { SAGA_CORRELATOR } from '../lib/saga/saga-correlator';

/**
 * Orders per measured run. A throughput figure needs a run many times longer than one order's
 * latency (0.3–1 s end to end): 20-order runs measured mostly the pipeline filling and draining
 * (the same code gave 18–20 orders/s over 20 orders and 30–40 over 200). Figures before
 * 2026-12-04 were taken over 20-order runs.
 */
const ORDERS_PER_RUN = 200;
/** Saga runs are the longest of the suite: at most this many per variant, whatever `--runs` says. */
const MAX_SAGA_RUNS = 3;
/**
 * Orders run before the clock starts, so the function pools have grown to the size the runs need
 * and the functions' code is compiled: each execution environment is a worker with its own JIT,
 * and a saga's throughput rose run after run of 200 orders until about a thousand orders had
 * gone through (35, 40, 51, 50, 62, 71 orders/s on the idle 2-core machine, 2026-12-04).
 * The figures are the warm cloud's, as a developer's cloud is after its first minutes. Warm-up
 * runs are as large as measured ones: one burst of 800 orders would start far more execution
 * environments than the runs use.
 */
const WARM_UP_RUNS = 4;

/**
 * The saga figures, on a local cloud running the synthesized app at time scale 1 (so trace
 * times are wall times): `saga.<variant>` (orders/s, default mix), `saga.<variant>.latency.p50`
 * and `.p99` (OrderPlaced put → OrderConfirmed/Cancelled put), `dynamodb.op.put|update|get` (µs per
 * operation of the embedded store in process), and `dynamodb.floor` (the same
 * orders' table operations alone). The orchestrated variant is measured only when the local
 * cloud runs its state machine.
 */
export async function benchmarkSaga(
  run: BenchRun,
  assemblyDirectory: string,
  projectDirectory: string,
): Promise<Figures> {
  const cloud = await LocalCloud.start({
    correlator: SAGA_CORRELATOR,
    projectDirectory,
    assemblyDirectory,
    port: 0,
    timeScale: 1,
  });
  const figures: Figures = {};
  try {
    for (const variant of ['choreography', 'orchestration'] as const) {
      if (variant === 'orchestration' && !(await runsStateMachines(cloud))) {
        run.note(
          'saga.orchestration* skipped: the app has no state machine for the orchestrated variant, or it did not start',
        );
        continue;
      }
      Object.assign(figures, await variantFigures(cloud, variant, run));
    }
    const floor: number[] = [];
    for (let index = 0; index < Math.min(run.runs, MAX_SAGA_RUNS); index++) {
      run.log(`dynamodb floor: run ${index + 1}`);
      floor.push(await dynamoDbFloorRate(cloud.model, ORDERS_PER_RUN, 500 + index));
    }
    figures['dynamodb.floor'] = figureWithDecimals(floor, 'orders/s', 1);
    const costs: Record<'put' | 'update' | 'get', number[]> = { put: [], update: [], get: [] };
    for (let index = 0; index < Math.min(run.runs, MAX_SAGA_RUNS); index++) {
      run.log(`dynamodb operation cost: run ${index + 1}`);
      const measured = await dynamoDbOperationCosts();
      for (const operation of ['put', 'update', 'get'] as const) costs[operation].push(measured[operation]);
    }
    figures['dynamodb.op.put'] = figureWithDecimals(costs.put, 'µs', 0);
    figures['dynamodb.op.update'] = figureWithDecimals(costs.update, 'µs', 0);
    figures['dynamodb.op.get'] = figureWithDecimals(costs.get, 'µs', 0);
  } finally {
    await cloud.stop();
  }
  return figures;
}

async function variantFigures(cloud: LocalCloud, variant: Variant, run: BenchRun): Promise<Figures> {
  const rates: number[] = [];
  const latencies: number[] = [];
  const runs = Math.min(run.runs, MAX_SAGA_RUNS);
  for (let index = 1 - WARM_UP_RUNS; index <= runs; index++) {
    const warmUp = index <= 0;
    run.log(
      `saga ${variant}: ${warmUp ? `warm-up run ${index + WARM_UP_RUNS} of ${WARM_UP_RUNS}` : `run ${index} of ${runs}`}`,
    );
    const firstSeq = cloud.trace.size;
    const result = await runSagaOnLocalCloud(cloud, {
      variant,
      orders: ORDERS_PER_RUN,
      seed: 1000 + WARM_UP_RUNS + index,
      duplicatePublish: false,
      poisonMessage: false,
      timeoutMs: 180_000,
    });
    // Stock conservation is checked over every reservation in the table against the stock just
    // re-seeded, so it cannot hold from the second run on one cloud: it is not the saga's fault.
    const broken = result.invariants
      .filter((invariant) => !invariant.holds && (index === 1 - WARM_UP_RUNS || invariant.name !== 'stock conserved'))
      .map((invariant) => invariant.name);
    if (broken.length > 0)
      run.note(`saga.${variant} run ${index}: invariants broken (${broken.join(', ')}); figures kept, check the saga`);
    if (warmUp) continue;
    rates.push(ORDERS_PER_RUN / (result.wallMs / 1000));
    const orderIds = result.orders.map((order) => order.data.orderId);
    latencies.push(...endToEndLatencies(cloud.trace.events().slice(firstSeq), orderIds));
  }
  return {
    [`saga.${variant}`]: figureWithDecimals(rates, 'orders/s', 2),
    [`saga.${variant}.latency.p50`]: latencyFigure(latencies, 50, runs),
    [`saga.${variant}.latency.p99`]: latencyFigure(latencies, 99, runs),
  };
}

/** Places one order on the orchestration bus and tells whether a state machine execution started. */
async function runsStateMachines(cloud: LocalCloud): Promise<boolean> {
  if (cloud.model.stateMachines.length === 0) return false;
  const client = new EventBridgeClient({
    endpoint: cloud.endpointUrl,
    region: cloud.model.region,
    credentials: STOREFRONT_CREDENTIALS,
  });
  try {
    const [order] = generateOrders({ count: 1, seed: 77, idPrefix: 'probe' });
    if (!order) return false;
    const before = cloud.trace.size;
    await new EventPublisher({ client, eventBusName: busName('orchestration') }).publish([
      buildOrderPlaced(order.data),
    ]);
    await cloud.whenQuiet({ timeoutMs: 30_000, ignoreDelayedMessages: true });
    return cloud.trace
      .events()
      .slice(before)
      .some((event) => event.kind === 'execution.started');
  } finally {
    client.destroy();
  }
}
