import { loadavg } from 'node:os';
import { join } from 'node:path';
import { RuleIndex } from '../lib/local/eventbridge/pattern';
import { generateEvents, generateRules } from './matcher-workload';
import { figureOf, mergeFigures, type Figure } from './results-file';

/**
 * The matcher benchmark: events per second through RuleIndex.match on one core, with 35 and
 * with 300 rules of mixed operators, including (and, for comparison, excluding) JSON.parse of
 * the ~1 KB event text. Run with `npx tsx bench/matcher.bench.ts`; figures are merged into
 * bench/results.json and bench/results.md.
 */

const RULE_SEED = 20261128;
const EVENT_SEED = 7;
const EVENT_POOL = 4000;
const EVENTS_PER_RUN = 100_000;
const WARM_UP_RUNS = 3;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);

function buildIndex(ruleCount: number): RuleIndex<number> {
  const index = new RuleIndex<number>();
  generateRules(ruleCount, RULE_SEED).forEach((pattern, i) => index.add(`rule-${i}`, pattern, i));
  return index;
}

/**
 * Events per second over one run, by the wall clock and by the process's CPU time (which other
 * processes on a loaded machine inflate less); the matched count is returned so the work cannot
 * be elided.
 */
function runOnce(
  index: RuleIndex<number> | undefined,
  texts: readonly string[],
  parsed: readonly unknown[],
  parse: boolean,
): { rate: number; cpuRate: number; matched: number } {
  let matched = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < EVENTS_PER_RUN; i++) {
    const slot = i % texts.length;
    const event = parse ? (JSON.parse(texts[slot] as string) as unknown) : parsed[slot];
    matched += index ? index.match(event).length : event ? 1 : 0;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  return { rate: EVENTS_PER_RUN / seconds, cpuRate: EVENTS_PER_RUN / ((cpu.user + cpu.system) / 1e6), matched };
}

interface Config {
  readonly name: string;
  readonly index: RuleIndex<number> | undefined;
  readonly texts: readonly string[];
  readonly parsed: readonly unknown[];
  readonly parse: boolean;
  readonly rates: number[];
  readonly cpuRates: number[];
  matched: number;
}

function main(): void {
  const configs: Config[] = [];
  for (const rules of [35, 300]) {
    const texts = generateEvents(EVENT_POOL, EVENT_SEED, rules);
    const parsed = texts.map((text) => JSON.parse(text) as unknown);
    const averageBytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / texts.length;
    console.log(`${rules} rules: ${texts.length} distinct events of ${Math.round(averageBytes)} bytes on average`);
    const index = buildIndex(rules);
    for (const parse of [true, false]) {
      configs.push({
        name: `match.rules-${rules}${parse ? '' : '.no-parse'}`,
        index,
        texts,
        parsed,
        parse,
        rates: [],
        cpuRates: [],
        matched: 0,
      });
    }
    if (rules === 300)
      configs.push({
        name: 'json-parse.1kb',
        index: undefined,
        texts,
        parsed,
        parse: true,
        rates: [],
        cpuRates: [],
        matched: 0,
      });
  }
  console.log(
    `${EVENTS_PER_RUN} events per run, ${RUNS} runs after ${WARM_UP_RUNS} warm-up runs; configurations interleaved run by run so that load on the machine weighs on all alike`,
  );

  for (let run = 0; run < WARM_UP_RUNS + RUNS; run++) {
    for (const config of configs) {
      const result = runOnce(config.index, config.texts, config.parsed, config.parse);
      if (run >= WARM_UP_RUNS) {
        config.rates.push(result.rate);
        config.cpuRates.push(result.cpuRate);
        config.matched = result.matched;
      }
    }
  }

  const figures: Record<string, Figure> = {};
  for (const config of configs) {
    const figure = figureOf(config.rates, 'events/s');
    figures[config.name] = figure;
    const matches = config.index
      ? `, ${(config.matched / EVENTS_PER_RUN).toFixed(2)} matches/event`
      : ' (JSON.parse alone, for reference)';
    const cpu = figureOf(config.cpuRates, 'events/s');
    console.log(
      `${config.name.padEnd(26)} median ${figure.median.toLocaleString('en-US').padStart(10)} events/s (min ${figure.min.toLocaleString('en-US')}, max ${figure.max.toLocaleString('en-US')})${matches}`,
    );
    console.log(
      `${''.padEnd(26)} by CPU time: median ${cpu.median.toLocaleString('en-US')} (min ${cpu.min.toLocaleString('en-US')}, max ${cpu.max.toLocaleString('en-US')})`,
    );
  }
  console.log(
    `load average during the run: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  mergeFigures(join(__dirname, 'results.json'), 'npx tsx bench/matcher.bench.ts', figures);
}

main();
