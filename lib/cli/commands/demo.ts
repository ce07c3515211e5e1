import type { Command } from 'commander';
import { Option } from 'commander';
import { isVariant, VARIANTS, type Variant } from '../../contracts';
import type { LocalCloud } from '../../local/local-cloud';
import { summarizeRun, type RunSummary } from '../../saga/run-summary';
import { runSagaOnLocalCloud, type SagaRunResult } from '../../saga/saga-run';
import { buildTimeline, eventsOfVariant, formatTimeline } from '../../saga/timeline';
import { startTimelineServer, type TimelineServer } from '../../ui';
import type { CliContext } from '../cli-context';
import { CommandFailedError, UsageError } from '../cli-errors';
import { wholeNumber } from '../input/number-options';
import { ProgressBar } from '../output/progress-bar';
import { formatTable } from '../output/table';
import { untilInterrupted } from '../until-interrupted';
import { withLocalCloudFrom } from './local-cloud-boot';
import { addLocalCloudOptions, type LocalCloudOptionValues } from './local-cloud-options';

interface DemoOptions extends LocalCloudOptionValues {
  readonly orders: number;
  readonly seed: number;
  readonly variants: readonly Variant[];
  readonly timelines: number;
  readonly json?: boolean;
  readonly ui?: boolean;
}

function parseVariants(value: string): Variant[] {
  const variants = value.split(',').map((part) => part.trim());
  const unknown = variants.filter((variant) => !isVariant(variant));
  if (unknown.length > 0 || variants.length === 0) {
    throw new UsageError(`--variants takes ${VARIANTS.join(' and/or ')} separated by commas, got '${value}'`);
  }
  return [...new Set(variants as Variant[])];
}

/**
 * `choreo demo` (= `npm start`): synthesizes the app, boots the local cloud, seeds the tables,
 * publishes a realistic mix of orders through the SDK (confirmed, out of stock, payment
 * declined with compensation, a duplicate publish and one poison message), waits until every
 * order is terminal, prints timelines and a summary, and exits 0 only if the saga invariants
 * hold. `--json` prints `{ summaries: RunSummary[] }` instead (see lib/saga/run-summary.ts).
 *
 * `--ui` serves the live timeline page (lib/ui) on 127.0.0.1 while the orders run and notes its
 * URL on stderr. On a terminal the page stays up after the summary until Ctrl-C; anywhere else
 * (CI, a pipe) it closes when the demo ends, so that the command never waits forever.
 */
export function registerDemoCommand(program: Command, context: CliContext): void {
  const command = program
    .command('demo')
    .description('run the saga on the local cloud with a realistic mix of orders and check its invariants (npm start)')
    .addOption(new Option('--orders <n>', 'orders to place per variant').argParser(wholeNumber(1, 1000)).default(20))
    .addOption(new Option('--seed <n>', 'seed of the order generator').argParser(wholeNumber(0, 2 ** 31)).default(1))
    .addOption(
      new Option('--variants <list>', 'variants to run, comma-separated')
        .argParser(parseVariants)
        .default(['choreography'] as Variant[], 'every variant the app has'),
    )
    .addOption(
      new Option('--timelines <n>', 'order timelines to print per variant').argParser(wholeNumber(0, 50)).default(3),
    )
    .option('--json', 'print the summaries as JSON')
    .option(
      '--ui',
      'serve the live timeline page on 127.0.0.1 during the run; on a terminal it stays up after the summary until Ctrl-C, elsewhere (CI, a pipe) it closes when the demo ends',
    );
  addLocalCloudOptions(command, { port: 0, timeScale: 1, logs: 'errors' }).action(
    async (options: DemoOptions, cmd: Command) => {
      const started = Date.now();
      await withLocalCloudFrom(options, context, async (cloud) => {
        const variants = variantsToRun(cloud, options, cmd);
        const ui = options.ui ? await startTimelineServer({ cloud, port: 0 }) : undefined;
        try {
          // On stderr, so that `--json` output stays parseable.
          if (ui) context.note(`timeline page: ${ui.url}`);
          const summaries = await runDemo(cloud, variants, options, context, started);
          const broken = summaries.filter((summary) => !summary.invariantsHold);
          if (ui) await keepServing(ui, context);
          if (broken.length > 0) throw invariantsBroken(broken);
        } finally {
          await ui?.close();
        }
      });
    },
  );
}

/**
 * Runs the saga once per variant, prints the timelines and the summary table (wall time counted
 * from `started`, before the boot), and returns the summaries.
 */
async function runDemo(
  cloud: LocalCloud,
  variants: readonly Variant[],
  options: DemoOptions,
  context: CliContext,
  started: number,
): Promise<RunSummary[]> {
  const summaries: RunSummary[] = [];
  const timelines: string[] = [];
  for (const variant of variants) {
    const bar = new ProgressBar({
      label: `${variant.padEnd(13)}`,
      total: options.orders,
      enabled: context.io.interactive,
    });
    const result = await runSagaOnLocalCloud(cloud, {
      variant,
      orders: options.orders,
      seed: options.seed,
      onProgress: (done) => bar.update(done),
    });
    bar.finish();
    summaries.push(
      summarizeRun({
        variant,
        trace: cloud.trace.events(),
        snapshot: result.snapshot,
        invariants: result.invariants,
        wallMs: result.wallMs,
        traceRecordsDropped: cloud.trace.dropped,
      }),
    );
    timelines.push(...timelinesOf(cloud, result, options.timelines));
  }
  if (options.json) {
    context.print(JSON.stringify({ summaries, wallMs: Date.now() - started }, null, 2));
  } else {
    context.print(timelines.join('\n\n'));
    context.print('');
    context.print(formatSummaries(summaries, Date.now() - started));
  }
  return summaries;
}

/**
 * After the run, keeps the timeline page up until Ctrl-C when a person is watching (stderr is a
 * terminal and CI is not set): the demo ends by itself, and a page that vanished with it could
 * not be explored. Anywhere else (CI, a pipe, a test) the page closes with the demo, so that the
 * command never blocks forever.
 */
async function keepServing(ui: TimelineServer, context: CliContext): Promise<void> {
  if (!context.io.interactive) {
    context.note(
      'timeline page closed: not a terminal, so the page lives only as long as the run (choreo local --ui keeps one up)',
    );
    return;
  }
  context.note(`the demo is over; the timeline page stays up at ${ui.url} until Ctrl-C`);
  await untilInterrupted();
}

function invariantsBroken(broken: readonly RunSummary[]): CommandFailedError {
  return new CommandFailedError(
    `saga invariants broken in ${broken.map((summary) => summary.variant).join(', ')}: ${broken
      .flatMap((summary) => summary.invariants.filter((invariant) => !invariant.holds))
      .map((invariant) => `${invariant.name} (${invariant.violations.slice(0, 3).join('; ')})`)
      .join(', ')}`,
    false,
  );
}

/** The variants to run: those asked for, or every variant whose bus the app has. */
function variantsToRun(cloud: LocalCloud, options: DemoOptions, cmd: Command): Variant[] {
  const explicit = cmd.getOptionValueSource('variants') === 'cli';
  const available = VARIANTS.filter((variant) => cloud.model.buses.some((bus) => bus.name === `shop-${variant}`));
  const runnable = available.filter((variant) => variant === 'choreography' || cloud.model.stateMachines.length > 0);
  if (!explicit) return runnable.length > 0 ? runnable : ['choreography'];
  const missing = options.variants.filter((variant) => !available.includes(variant));
  if (missing.length > 0) throw new UsageError(`the app has no ${missing.join(', ')} variant`);
  return [...options.variants];
}

/** Timelines of a few telling orders: one of each outcome first. */
function timelinesOf(cloud: LocalCloud, result: SagaRunResult, count: number): string[] {
  const picked: string[] = [];
  for (const scenario of ['confirmed', 'out-of-stock', 'payment-declined'] as const) {
    const order = result.orders.find((candidate) => candidate.scenario === scenario);
    if (order) picked.push(order.data.orderId);
  }
  return picked.slice(0, count).map((orderId) => {
    const status = result.snapshot.orders.find((order) => order.orderId === orderId);
    const title = `${result.variant} · ${orderId} → ${status?.status ?? 'unknown'}${
      status?.cancellationReason ? ` (${status.cancellationReason})` : ''
    }`;
    return formatTimeline(title, buildTimeline(eventsOfVariant(cloud.trace.forCorrelation(orderId), result.variant)));
  });
}

function formatSummaries(summaries: readonly RunSummary[], wallMs: number): string {
  const rows: (string | number)[][] = [
    ['orders placed', ...summaries.map((s) => s.orders.total)],
    ['  confirmed', ...summaries.map((s) => s.orders.confirmed)],
    [
      '  cancelled: out of stock',
      ...summaries.map(
        (s) => (s.orders.cancelledByReason.OUT_OF_STOCK ?? 0) + (s.orders.cancelledByReason.UNKNOWN_SKU ?? 0),
      ),
    ],
    ['  cancelled: payment declined', ...summaries.map((s) => s.orders.cancelledByReason.PAYMENT_DECLINED ?? 0)],
    ['  still pending', ...summaries.map((s) => s.orders.pending)],
    ['events published', ...summaries.map((s) => s.events.published)],
    ['rule matches', ...summaries.map((s) => s.events.matched)],
    ['SQS messages sent', ...summaries.map((s) => s.messages.sent)],
    ['redeliveries (retries)', ...summaries.map((s) => s.messages.returned)],
    ['Lambda invocations', ...summaries.map((s) => s.invocations.total)],
    ['  cold starts', ...summaries.map((s) => s.invocations.coldStarts)],
    ['  errors / timeouts', ...summaries.map((s) => `${s.invocations.errors} / ${s.invocations.timeouts}`)],
    ['executions started', ...summaries.map((s) => s.executions.started)],
    ['messages in DLQs', ...summaries.map((s) => s.deadLetters.length)],
    ['saga wall time (ms)', ...summaries.map((s) => s.wallMs)],
    ['trace records dropped', ...summaries.map((s) => s.traceRecordsDropped)],
  ];
  const table = formatTable(['', ...summaries.map((s) => s.variant)], rows);
  const deadLetters = summaries.flatMap((summary) =>
    summary.deadLetters.map((letter) => `  ${summary.variant} · ${letter.queue}: ${letter.reason}`),
  );
  const invariants = summaries.flatMap((summary) =>
    summary.invariants.map(
      (invariant) =>
        `  ${invariant.holds ? '✔' : '✘'} ${summary.variant} · ${invariant.name}${
          invariant.holds ? '' : `: ${invariant.violations.slice(0, 5).join('; ')}`
        }`,
    ),
  );
  return [
    table,
    '',
    'dead letters (with reasons):',
    ...(deadLetters.length ? deadLetters : ['  none']),
    '',
    'saga invariants:',
    ...invariants,
    '',
    `total wall time: ${(wallMs / 1000).toFixed(1)} s`,
  ].join('\n');
}
