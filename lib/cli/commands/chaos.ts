import { InvalidArgumentError, Option, type Command } from 'commander';
import { VARIANTS, type Variant } from '../../contracts';
import {
  DEFAULT_FAULT_RATE,
  FAULT_DESCRIPTIONS,
  FAULT_KINDS,
  FaultInjector,
  faultPlan,
  formatChaosReport,
  InvalidFaultPlanError,
  runChaosOnLocalCloud,
  VariantNotRunnableError,
  type FaultKind,
  type FaultPlan,
} from '../../chaos';
import { DEFAULT_TRACE_CAPACITY } from '../../local/trace';
import type { CliContext } from '../cli-context';
import { CommandFailedError, UsageError } from '../cli-errors';
import { wholeNumber } from '../input/number-options';
import { ProgressBar } from '../output/progress-bar';
import { startLocalCloudFrom, stopLocalCloudFrom } from './local-cloud-boot';
import { addLocalCloudOptions, type LocalCloudOptionValues } from './local-cloud-options';

type RateOptionName = `${CamelCase<FaultKind>}Rate`;
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

interface ChaosOptions extends LocalCloudOptionValues, Partial<Record<RateOptionName, number>> {
  readonly orders: number;
  readonly seed: number;
  readonly rate: number;
  readonly spareAttempts: number;
  readonly variant: 'choreography' | 'orchestration' | 'both';
  readonly json?: boolean;
}

/** The chaos CLI's time scale: fast (the pollers keep a batch invisible while it runs, so a slow invocation is not redelivered). */
const DEFAULT_CHAOS_TIME_SCALE = 100;
/**
 * Trace records kept per order and variant unless --trace-buffer says otherwise: the invariants
 * "no event lost" and "dead letters explained" read the whole run's trace, and at 30% faults with
 * no spare attempts an order leaves some 500 records (a 500-order run overflowed the default
 * 200,000 and left the early orders' dead letters unexplained).
 */
const TRACE_RECORDS_PER_ORDER = 1000;
/** Wall ms below which no genuine function timeout fires: only injected timeouts should. */
const MIN_TIMEOUT_WALL_MS = 30_000;

function rate(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 1) {
    throw new InvalidArgumentError(`expected a rate from 0 to 1, got '${value}'`);
  }
  return parsed;
}

function camelCase(kind: FaultKind): RateOptionName {
  return `${kind.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())}Rate` as RateOptionName;
}

/**
 * `choreo chaos`: runs orders through the saga on the local cloud with faults injected at seeded,
 * reproducible rates (duplicate, reordered and delayed deliveries, errors before and after the
 * handler's side effects, timeouts, throttled PutEvents, the dual-write gap), waits until it is
 * quiet, checks the saga invariants (no event lost and dead letters explained included), prints
 * the table and exits 0 only if every invariant holds (1 otherwise, 2 for bad arguments).
 */
export function registerChaosCommand(program: Command, context: CliContext): void {
  const command = program
    .command('chaos')
    .description('run the saga on the local cloud with faults injected and check that its invariants still hold')
    .addOption(new Option('--orders <n>', 'orders to place per variant').argParser(wholeNumber(1, 20_000)).default(300))
    .addOption(
      new Option('--seed <n>', 'seed of the orders and of the faults').argParser(wholeNumber(0, 2 ** 31)).default(7),
    )
    .addOption(
      new Option('--rate <r>', 'rate of every fault not set on its own').argParser(rate).default(DEFAULT_FAULT_RATE),
    );
  for (const kind of FAULT_KINDS) {
    command.addOption(new Option(`--${kind}-rate <r>`, FAULT_DESCRIPTIONS[kind]).argParser(rate));
  }
  command
    .addOption(
      new Option(
        '--spare-attempts <n>',
        'last receives of a record that failing faults leave alone (0: chaos may exhaust retries)',
      )
        .argParser(wholeNumber(0, 100))
        .default(2),
    )
    .addOption(
      new Option('--variant <variant>', 'the saga variant to run')
        .choices([...VARIANTS, 'both'])
        .default('choreography'),
    )
    .option('--json', 'print the report as JSON');
  addLocalCloudOptions(command, { port: 0, timeScale: DEFAULT_CHAOS_TIME_SCALE }).action(
    async (options: ChaosOptions) => {
      await chaos(options, context);
    },
  );
}

async function chaos(options: ChaosOptions, context: CliContext): Promise<void> {
  const plan = planOf(options);
  const variants: Variant[] = options.variant === 'both' ? [...VARIANTS] : [options.variant];
  const started = Date.now();
  context.note('booting the local cloud with faults…');
  const faults = new FaultInjector(plan);
  const traceBuffer =
    options.traceBuffer ?? Math.max(DEFAULT_TRACE_CAPACITY, options.orders * variants.length * TRACE_RECORDS_PER_ORDER);
  const cloud = await startLocalCloudFrom(
    { ...options, traceBuffer },
    { minTimeoutWallMs: MIN_TIMEOUT_WALL_MS, faults },
  );
  try {
    context.note(
      `local cloud up at ${cloud.endpointUrl} in ${Date.now() - started} ms; placing ${options.orders} order(s) per variant`,
    );
    const bars = new Map<Variant, ProgressBar>();
    const report = await runChaosOnLocalCloud(cloud, faults, {
      orders: options.orders,
      seed: options.seed,
      variants,
      onProgress: (variant, terminal, total) => {
        let bar = bars.get(variant);
        if (!bar) {
          bar = new ProgressBar({ label: variant.padEnd(13), total, enabled: context.io.interactive });
          bars.set(variant, bar);
        }
        bar.update(terminal);
      },
    }).catch((error: unknown) => {
      throw error instanceof VariantNotRunnableError ? new UsageError(error.message) : error;
    });
    bars.forEach((bar) => bar.finish());
    if (options.json) context.print(JSON.stringify({ ...report, totalWallMs: Date.now() - started }, null, 2));
    else context.print(`${formatChaosReport(report)} (${((Date.now() - started) / 1000).toFixed(1)} s with start-up)`);
    if (!report.invariantsHold) {
      const broken = report.variants.flatMap((result) =>
        result.invariants
          .filter((invariant) => !invariant.holds)
          .map((invariant) => `${result.variant} · ${invariant.name} (${invariant.violations.slice(0, 3).join('; ')})`),
      );
      throw new CommandFailedError(`saga invariants broken under chaos: ${broken.join(', ')}`);
    }
  } finally {
    await stopLocalCloudFrom(cloud, options);
  }
}

function planOf(options: ChaosOptions): FaultPlan {
  const rates: Partial<Record<FaultKind, number>> = {};
  for (const kind of FAULT_KINDS) {
    const value = options[camelCase(kind)];
    if (value !== undefined) rates[kind] = value;
  }
  try {
    return faultPlan({ seed: options.seed, rate: options.rate, rates, spareAttempts: options.spareAttempts });
  } catch (error) {
    throw error instanceof InvalidFaultPlanError ? new UsageError(error.message) : error;
  }
}
