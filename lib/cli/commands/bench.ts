import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_SOAK_MINUTES } from '../../../bench/memory-soak-benchmark';
import { BENCH_GROUPS, runBenchmarks, type BenchGroup } from '../../../bench/run-benchmarks';
import type { CliContext } from '../cli-context';
import { UsageError } from '../cli-errors';
import { wholeNumber } from '../input/number-options';
import { ProgressBar } from '../output/progress-bar';

interface BenchOptions {
  readonly runs: number;
  readonly skipTestWall?: boolean;
  readonly only?: string;
  readonly soakMinutes: number;
}

/**
 * `choreo bench` (`npm run bench`): measures the matcher, the local endpoint (against moto_server
 * when installed), the event engine, the saga and its DynamoDB floor, the bundles' cold starts,
 * and the synth and test wall times; writes bench/results.json and bench/results.md.
 */
export function registerBenchCommand(program: Command, context: CliContext): void {
  program
    .command('bench')
    .description('run the benchmark suite and write bench/results.json and bench/results.md')
    .option('--runs <n>', 'measured runs per figure', wholeNumber(1, 100), 5)
    .option('--skip-test-wall', 'do not time `npm test` (test.wall.first, test.wall: two runs in a row)')
    .option('--only <groups>', `comma-separated groups among ${BENCH_GROUPS.join(', ')}`)
    .option(
      '--soak-minutes <n>',
      'minutes of steady load for memory.soak (a shorter run to try it)',
      wholeNumber(1, 120),
      DEFAULT_SOAK_MINUTES,
    )
    .action(async (options: BenchOptions) => {
      await bench(options, context);
    });
}

async function bench(options: BenchOptions, context: CliContext): Promise<void> {
  const groups = options.only ? parseGroups(options.only) : undefined;
  const quiet = Boolean(context.env['CI']);
  const bar = new ProgressBar({
    label: 'bench',
    total: (groups ?? BENCH_GROUPS).length,
    enabled: context.io.interactive ?? false,
  });
  let current = '';
  const result = await runBenchmarks({
    projectDirectory: resolve(__dirname, '..', '..', '..'),
    runs: options.runs,
    groups,
    skipTestWall: options.skipTestWall,
    soakMinutes: options.soakMinutes,
    command: `choreo bench${options.runs !== 5 ? ` --runs ${options.runs}` : ''}${options.skipTestWall ? ' --skip-test-wall' : ''}${options.only ? ` --only ${options.only}` : ''}${options.soakMinutes !== DEFAULT_SOAK_MINUTES ? ` --soak-minutes ${options.soakMinutes}` : ''}`,
    onGroup: (group, done) => {
      current = group;
      bar.update(done, group);
    },
    log: (text) => {
      if (context.io.interactive) bar.update(BENCH_GROUPS.indexOf(current as BenchGroup), text.slice(0, 40));
      else if (!quiet || text.startsWith('note:')) context.note(text);
    },
  });
  bar.finish();
  const rows = Object.entries(result.results.figures).sort(([a], [b]) => a.localeCompare(b));
  for (const [name, figure] of rows) {
    context.print(
      `${name.padEnd(34)} ${figure.median.toLocaleString('en-US').padStart(12)}  ${figure.unit} (min ${figure.min.toLocaleString('en-US')}, max ${figure.max.toLocaleString('en-US')}, ${figure.runs} runs)`,
    );
  }
  for (const note of result.notes) context.note(`note: ${note}`);
  context.note(`bench finished in ${Math.round(result.wallSeconds)} s; wrote bench/results.json and bench/results.md`);
}

function parseGroups(text: string): BenchGroup[] {
  const groups = text
    .split(',')
    .map((group) => group.trim())
    .filter(Boolean);
  for (const group of groups) {
    if (!(BENCH_GROUPS as readonly string[]).includes(group)) {
      throw new UsageError(`unknown bench group '${group}': expected some of ${BENCH_GROUPS.join(', ')}`);
    }
  }
  return groups as BenchGroup[];
}
