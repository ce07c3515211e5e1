import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { runPacedSaga } from '../saga/paced-saga-run';
import { busName, EVENT_CONTRACTS, type Variant } from '../contracts';
import { generateOrders } from '../seed/order-generator';
import { SEED_CUSTOMERS, SEED_STOCK, type StockSeed } from '../seed/seed-data';
import { seedTables } from '../seed/seed-tables';
import { LocalCloud } from '../local/local-cloud';
import { explainDeadLetters, type DeadLetterExplanation } from '../saga/delivery-invariants';
import { summarizeRun, type RunSummary } from '../saga/run-summary';
import { allInvariantsHold, checkSagaInvariants, type InvariantResult } from '../saga/saga-invariants';
import { localClients, runSagaOnLocalCloud } from '../saga/saga-run';
import type { SagaSnapshot } from '../saga/saga-snapshot';
import { FaultInjector } from './fault-injector';
import type { FaultKind } from './fault-kind';
import type { FaultPlan } from './fault-plan';
import { assertVariantRunnable } from '../saga/variant-runnable';

export { VariantNotRunnableError } from '../saga/variant-runnable';

export interface ChaosRunOptions {
  readonly orders: number;
  /** Seed of the order generator (the fault plan has its own). @default the plan's seed */
  readonly seed?: number;
  readonly variants: readonly Variant[];
  /** Called as orders of a variant reach a terminal state. */
  readonly onProgress?: (variant: Variant, terminal: number, total: number) => void;
  /**
   * Wall ms the orders of one variant may take. Generous: under `--spare-attempts 0` every
   * settlement message (refund, release, notification, deadline) is retried until it goes
   * through, about ten receives each at a 30% rate of each invocation fault, and a loaded
   * two-core machine runs them slowly.
   * @default 600000, or 3 s per order when more
   */
  readonly timeoutMs?: number;
  /**
   * Most orchestrated orders between their OrderPlaced and their outcome at once. Each running
   * execution holds a Lambda execution environment per Task, and thousands of them at once
   * would measure the machine's cold starts (init timeouts) rather than the saga; the
   * choreographed variant is paced by its event source mappings instead.
   * @default 16
   */
  readonly orchestrationInFlight?: number;
}

/** Orchestrated orders in flight at once, unless told otherwise. */
const DEFAULT_ORCHESTRATION_IN_FLIGHT = 16;

/** One variant's outcome under chaos. */
export interface ChaosVariantResult {
  readonly variant: Variant;
  readonly summary: RunSummary;
  readonly invariants: readonly InvariantResult[];
  readonly deadLetters: readonly DeadLetterExplanation[];
  /** What the variant's state machines did, when it has any. */
  readonly executions?: ExecutionCounts;
}

/** The executions of a variant's state machines, and the Task attempts their Retry absorbed. */
export interface ExecutionCounts {
  readonly started: number;
  readonly failed: number;
  /** Task attempts that failed or timed out (each then retried, or caught). */
  readonly failedTaskAttempts: number;
}

/** What `choreo chaos --json` prints. */
export interface ChaosReport {
  readonly orders: number;
  readonly seed: number;
  readonly plan: FaultPlan;
  /** Faults injected per kind, over every variant. */
  readonly faults: Readonly<Record<FaultKind, number>>;
  readonly variants: readonly ChaosVariantResult[];
  readonly invariantsHold: boolean;
  /** Wall ms of the runs (start-up excluded). */
  readonly wallMs: number;
}

/**
 * Runs orders through each variant of a local cloud started with `faults`, waits until it is
 * quiet, and checks every saga invariant, the delivery ones (from the trace) included. The
 * choreographed orders are placed at once; the orchestrated ones with at most
 * `orchestrationInFlight` under way (see there why).
 *
 * @example
 * const faults = new FaultInjector(faultPlan({ seed: 7 }));
 * const cloud = await LocalCloud.start({ faults, port: 0, timeScale: 100, assemblyDirectory });
 * const report = await runChaosOnLocalCloud(cloud, faults, { orders: 300, variants: ['choreography'] });
 */
export async function runChaosOnLocalCloud(
  cloud: LocalCloud,
  faults: FaultInjector,
  options: ChaosRunOptions,
): Promise<ChaosReport> {
  const started = Date.now();
  const seed = options.seed ?? faults.plan.seed;
  const variants: ChaosVariantResult[] = [];
  for (const variant of options.variants) {
    assertVariantRunnable(cloud.model, variant);
    const runOptions = {
      variant,
      orders: options.orders,
      seed,
      stock: stockFor(options.orders),
      timeoutMs: options.timeoutMs ?? Math.max(600_000, options.orders * 3000),
      onProgress: (terminal: number, total: number) => options.onProgress?.(variant, terminal, total),
    };
    const result =
      variant === 'orchestration'
        ? await runPacedOrchestration(cloud, {
            ...runOptions,
            maxInFlight: options.orchestrationInFlight ?? DEFAULT_ORCHESTRATION_IN_FLIGHT,
          })
        : await runSagaOnLocalCloud(cloud, runOptions);
    const trace = cloud.trace.events();
    const snapshot: SagaSnapshot = { ...result.snapshot, trace, ruleTargets: ruleTargetsOf(cloud) };
    const invariants = checkSagaInvariants(snapshot);
    variants.push({
      variant,
      summary: summarizeRun({
        variant,
        trace,
        snapshot,
        invariants,
        wallMs: result.wallMs,
        traceRecordsDropped: cloud.trace.dropped,
      }),
      invariants,
      deadLetters: explainDeadLetters(snapshot),
      ...(variant === 'orchestration' ? { executions: executionCountsOf(cloud, variant) } : {}),
    });
  }
  return {
    orders: options.orders,
    seed,
    plan: faults.plan,
    faults: faults.injected(),
    variants,
    invariantsHold: variants.every((result) => allInvariantsHold(result.invariants)),
    wallMs: Date.now() - started,
  };
}

/**
 * Seed stock for `orders` orders: the shop's stock, scaled so that orders meant to go through
 * never run out (the sold-out SKU stays sold out).
 */
export function stockFor(orders: number): StockSeed[] {
  const factor = Math.max(1, Math.ceil(orders / 100));
  return SEED_STOCK.map((item) => ({ ...item, available: item.available * factor }));
}

interface PacedOrchestrationOptions {
  readonly variant: Variant;
  readonly orders: number;
  readonly seed: number;
  readonly stock: readonly StockSeed[];
  readonly timeoutMs: number;
  readonly maxInFlight: number;
  readonly onProgress: (terminal: number, total: number) => void;
}

/**
 * The orchestrated run: the same orders, duplicate publish (the first order, twice) and poison
 * message as `runSagaOnLocalCloud`, with at most `maxInFlight` orders placed and not yet done.
 */
async function runPacedOrchestration(cloud: LocalCloud, options: PacedOrchestrationOptions) {
  const { eventBridge, documentClient } = localClients(cloud);
  try {
    await seedTables({ documentClient, variant: options.variant, stock: options.stock, customers: SEED_CUSTOMERS });
    const orders = generateOrders({ count: options.orders, seed: options.seed, stock: options.stock }).map(
      (order) => order.data,
    );
    // One execution must fail on it (it breaks the contract) and stand as a dead letter.
    await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: busName(options.variant),
            Source: EVENT_CONTRACTS.OrderPlaced.source,
            DetailType: EVENT_CONTRACTS.OrderPlaced.detailType,
            Detail: JSON.stringify({ bogus: true, note: 'a poison message: no metadata, no data' }),
          },
        ],
      }),
    );
    const result = await runPacedSaga(cloud, {
      variant: options.variant,
      orders,
      publishedTwice: new Set(orders.slice(0, 1).map((order) => order.orderId)),
      maxInFlight: options.maxInFlight,
      initialStock: options.stock,
      timeoutMs: options.timeoutMs,
      onProgress: options.onProgress,
    });
    return { snapshot: { ...result.snapshot, expectedPoisonMessages: 1 }, wallMs: result.wallMs };
  } finally {
    eventBridge.destroy();
    documentClient.destroy();
  }
}

/** History events of a failed Task attempt (a service integration's, or a Lambda ARN's). */
const FAILED_ATTEMPT_EVENTS: ReadonlySet<string> = new Set([
  'TaskFailed',
  'TaskTimedOut',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
]);

function executionCountsOf(cloud: LocalCloud, variant: Variant): ExecutionCounts {
  const executions = cloud.stepFunctions
    .stateMachines()
    .filter((stateMachine) => stateMachine.name.startsWith(`${busName(variant)}-`))
    .flatMap((stateMachine) => cloud.stepFunctions.listExecutions(stateMachine.arn));
  const failedTaskAttempts = executions.reduce(
    (sum, execution) =>
      sum +
      cloud.stepFunctions
        .execution(execution.executionArn)
        .history.events.filter((event) => FAILED_ATTEMPT_EVENTS.has(event.type)).length,
    0,
  );
  return {
    started: executions.length,
    failed: executions.filter((execution) => execution.status !== 'SUCCEEDED').length,
    failedTaskAttempts,
  };
}

function ruleTargetsOf(cloud: LocalCloud): Record<string, string[]> {
  return Object.fromEntries(cloud.model.rules.map((rule) => [rule.name, rule.targets.map((target) => target.id)]));
}
