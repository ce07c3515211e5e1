import type { Variant } from '../../contracts';
import { SEED_STOCK, type StockSeed } from '../../seed/seed-data';
import { LocalCloud } from '../local-cloud';
import { explainDeadLetters, type DeadLetterExplanation } from '../saga/delivery-invariants';
import { summarizeRun, type RunSummary } from '../saga/run-summary';
import { allInvariantsHold, checkSagaInvariants, type InvariantResult } from '../saga/saga-invariants';
import { runSagaOnLocalCloud } from '../saga/saga-run';
import type { SagaSnapshot } from '../saga/saga-snapshot';
import { FaultInjector } from './fault-injector';
import type { FaultKind } from './fault-kind';
import type { FaultPlan } from './fault-plan';

/** The local cloud has no runner for the variant asked for (e.g. no Step Functions wiring yet). */
export class VariantNotRunnableError extends Error {
  override readonly name = 'VariantNotRunnableError';
  readonly retryable = false;
}

export interface ChaosRunOptions {
  readonly orders: number;
  /** Seed of the order generator (the fault plan has its own). @default the plan's seed */
  readonly seed?: number;
  readonly variants: readonly Variant[];
  /** Called as orders of a variant reach a terminal state. */
  readonly onProgress?: (variant: Variant, terminal: number, total: number) => void;
  /** @default 600000 */
  readonly timeoutMs?: number;
}

/** One variant's outcome under chaos. */
export interface ChaosVariantResult {
  readonly variant: Variant;
  readonly summary: RunSummary;
  readonly invariants: readonly InvariantResult[];
  readonly deadLetters: readonly DeadLetterExplanation[];
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
 * quiet, and checks every saga invariant, the delivery ones (from the trace) included.
 *
 * @example
 * const faults = new FaultInjector(faultPlan({ seed: 7 }));
 * const cloud = await LocalCloud.start({ faults, port: 0, timeScale: 100, assemblyDirectory });
 * const report = await runChaosOnLocalCloud(cloud, faults, { orders: 300, variants: ['choreography'] });
 */
export async function runChaosOnLocalCloud(cloud: LocalCloud, faults: FaultInjector, options: ChaosRunOptions): Promise<ChaosReport> {
  const started = Date.now();
  const seed = options.seed ?? faults.plan.seed;
  const variants: ChaosVariantResult[] = [];
  for (const variant of options.variants) {
    assertRunnable(cloud, variant);
    const result = await runSagaOnLocalCloud(cloud, {
      variant,
      orders: options.orders,
      seed,
      stock: stockFor(options.orders),
      timeoutMs: options.timeoutMs ?? 600_000,
      onProgress: (terminal, total) => options.onProgress?.(variant, terminal, total),
    });
    const trace = cloud.trace.events();
    const snapshot: SagaSnapshot = { ...result.snapshot, trace, ruleTargets: ruleTargetsOf(cloud) };
    const invariants = checkSagaInvariants(snapshot);
    variants.push({
      variant,
      summary: summarizeRun({ variant, trace, snapshot, invariants, wallMs: result.wallMs }),
      invariants,
      deadLetters: explainDeadLetters(snapshot),
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

function ruleTargetsOf(cloud: LocalCloud): Record<string, string[]> {
  return Object.fromEntries(cloud.model.rules.map((rule) => [rule.name, rule.targets.map((target) => target.id)]));
}

function assertRunnable(cloud: LocalCloud, variant: Variant): void {
  if (!cloud.model.buses.some((bus) => bus.name === `shop-${variant}`)) {
    throw new VariantNotRunnableError(`the app has no '${variant}' variant (no bus 'shop-${variant}')`);
  }
  if (variant === 'orchestration' && cloud.model.stateMachines.length === 0) {
    throw new VariantNotRunnableError(`the app has no state machine, so variant '${variant}' cannot run`);
  }
}
