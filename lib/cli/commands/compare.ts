import type { Command } from 'commander';
import { Option } from 'commander';
import {
  DEFAULT_AWS_PRICES_FILE,
  InvalidPriceTableError,
  loadAwsPrices,
  type AwsPrices,
} from '../../compare/aws-prices';
import { formatComparison } from '../../compare/format-comparison';
import { runComparison } from '../../compare/run-comparison';
import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-errors';
import { wholeNumber } from '../input/number-options';
import { ProgressBar } from '../output/progress-bar';
import { withLocalCloudFrom } from './local-cloud-boot';
import { addLocalCloudOptions, type LocalCloudOptionValues } from './local-cloud-options';

interface CompareOptions extends LocalCloudOptionValues {
  readonly orders: number;
  readonly seed: number;
  readonly inFlight: number;
  readonly prices: string;
  readonly json?: boolean;
}

/**
 * `choreo compare`: runs the same generated orders through both variants on the local cloud and
 * prints, per variant, the events, SQS messages and requests, Lambda invocations and state
 * transitions per order, the end-to-end latency (OrderPlaced put → OrderConfirmed/OrderCancelled
 * put, wall ms: p50, p95, p99), failures and retries; the modelled AWS cost per 1,000,000 orders
 * of choreography, Step Functions Standard and Express (prices from data/aws-prices.json, each
 * with its source and date); the coupling read from the synthesized app (rules, IAM grants and
 * the other components each one names); and a few sentences reading the numbers.
 *
 * `--json` prints a `ComparisonReport` (lib/compare/comparison.ts):
 *
 * ```
 * { orders, seed, timeScale, maxInFlight,
 *   variants: [{ variant, orders: { placed, confirmed, cancelled, pending },
 *                perOrder: { eventsPublished, sqsMessages, sqsRequests, lambdaInvocations, stateTransitions },
 *                lambdaMeanMs, latencyMs: { orders, p50, p95, p99, max },
 *                failures: { invocationErrors, invocationTimeouts, deadLetters, failedExecutions, targetFailures, total },
 *                retries: { redeliveries, taskRetries, targetRetries, total }, wallMs }],
 *   costPerMillionOrders: { choreography | standard | express:
 *                { eventBridge, sqs, lambdaRequests, lambdaDuration, stepFunctions, total } },   // USD
 *   coupling: [{ variant, components: [{ component, rules: [{ name, detailTypes }],
 *                grants: [{ role, actions, resource }], knows, referencedResources }],
 *                totals: { rules, grants, componentReferences, resourceReferences } }],
 *   prices: { region, currency, usd, sources, retrievedAt },
 *   reading: string[] }
 * ```
 *
 * @example choreo compare --orders 200 --json > comparison.json
 */
export function registerCompareCommand(program: Command, context: CliContext): void {
  const command = program
    .command('compare')
    .description(
      'run the same orders through choreography and orchestration on the local cloud; compare counts, latency, cost and coupling',
    )
    .addOption(new Option('--orders <n>', 'orders to measure per variant').argParser(wholeNumber(1, 1000)).default(200))
    .addOption(new Option('--seed <n>', 'seed of the order generator').argParser(wholeNumber(0, 2 ** 31)).default(1))
    .addOption(
      new Option('--in-flight <n>', 'most orders between OrderPlaced and their outcome at once')
        .argParser(wholeNumber(1, 100))
        .default(8),
    )
    .option('--prices <file>', 'the price table to model costs with', DEFAULT_AWS_PRICES_FILE)
    .option('--json', 'print the comparison as JSON');
  addLocalCloudOptions(command, { port: 0, timeScale: 1 }).action(async (options: CompareOptions) => {
    const prices = pricesFrom(options.prices);
    const started = Date.now();
    await withLocalCloudFrom(options, context, async (cloud) => {
      const bars = new Map<string, ProgressBar>();
      const report = await runComparison(cloud, {
        orders: options.orders,
        seed: options.seed,
        prices,
        maxInFlight: options.inFlight,
        onProgress: (variant, done, total) => {
          let bar = bars.get(variant);
          if (!bar) {
            bars.forEach((previous) => previous.finish());
            bar = new ProgressBar({ label: variant.padEnd(13), total, enabled: context.io.interactive });
            bars.set(variant, bar);
          }
          bar.update(done);
        },
      });
      bars.forEach((bar) => bar.finish());
      context.print(options.json ? JSON.stringify(report, null, 2) : formatComparison(report));
      context.note(`compared in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  });
}

/** The price table of `--prices`; a bad one is the user's to fix (exit code 2). */
function pricesFrom(file: string): AwsPrices {
  try {
    return loadAwsPrices(file);
  } catch (error) {
    if (error instanceof InvalidPriceTableError) throw new UsageError(`--prices: ${error.message}`);
    throw error;
  }
}
