import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCloudAssembly } from '../lib/local/assembly';
import type { BenchRun, Figures } from './bench-run';
import { BenchmarkError } from './bench-run';
import { benchmarkChaos } from './chaos-benchmark';
import { runChild } from './child-output';
import { benchmarkColdStarts } from './coldstart-benchmark';
import { benchmarkEnvironmentColdStarts } from './environment-coldstart-benchmark';
import { benchmarkEngine } from './engine-benchmark';
import { benchmarkEndpointLoad } from './endpoint-load-benchmark';
import { benchmarkMemorySoak } from './memory-soak-benchmark';
import { mergeFigures, type ResultsFile } from './results-file';
import { benchmarkSaga } from './saga-benchmark';
import { benchmarkStartup } from './startup-benchmark';
import { measureSynth, measureTestSuite } from './wall-clock-benchmark';

/** The groups of figures `choreo bench` measures, in the order it measures them. */
export const BENCH_GROUPS = [
  'synth',
  'startup',
  'match',
  'endpoint',
  'load',
  'saga',
  'chaos',
  'coldstart',
  'memory',
  'test',
] as const;
export type BenchGroup = (typeof BENCH_GROUPS)[number];

export interface RunBenchmarksOptions {
  /** The project (where cdk.json and package.json are). */
  readonly projectDirectory: string;
  /** Where results.json and results.md are written. @default '<projectDirectory>/bench/results.json' */
  readonly resultsPath?: string;
  /** Measured runs per figure. @default 5 */
  readonly runs?: number;
  /** The groups to run. @default every group, `test` aside when `skipTestWall` */
  readonly groups?: readonly BenchGroup[];
  /** Minutes of `memory.soak` (a shorter run to try it). @default 10 */
  readonly soakMinutes?: number;
  /** Leave out `test.wall.first` and `test.wall` (two whole `npm test` runs). @default false */
  readonly skipTestWall?: boolean;
  /** The command line recorded in the results file. @default 'choreo bench' */
  readonly command?: string;
  /** Called when a group starts (`done` groups finished so far). */
  readonly onGroup?: (group: BenchGroup, done: number, total: number) => void;
  /** Progress lines inside a group. @default - none */
  readonly log?: (text: string) => void;
}

export interface BenchmarksResult {
  readonly results: ResultsFile;
  /** What was skipped, and caveats; also in the results files. */
  readonly notes: readonly string[];
  readonly wallSeconds: number;
}

/**
 * Runs the benchmark suite and merges its figures into bench/results.json and bench/results.md
 * (figures it did not measure this time are kept). The cloud assembly is synthesized once,
 * into a temporary directory (timed as `synth.wall`), so a run never races another user of
 * cdk.out; the saga and cold-start figures read that assembly.
 *
 * @example await runBenchmarks({ projectDirectory: process.cwd(), skipTestWall: true })
 */
export async function runBenchmarks(options: RunBenchmarksOptions): Promise<BenchmarksResult> {
  const started = performance.now();
  const loadAtStart = describeLoad();
  const groups = (options.groups ?? BENCH_GROUPS).filter((group) => !(group === 'test' && options.skipTestWall));
  const notes: string[] = [];
  const log = options.log ?? (() => undefined);
  const run: BenchRun = {
    runs: options.runs ?? 5,
    note: (text) => {
      notes.push(text);
      log(`note: ${text}`);
    },
    log,
  };
  const resultsPath = options.resultsPath ?? join(options.projectDirectory, 'bench', 'results.json');
  const figures: Figures = {};
  const assemblyDirectory = mkdtempSync(join(tmpdir(), 'choreo-bench-cdk-out-'));
  let synthesis: Promise<string> | undefined;
  // Synthesized once, by the first group that needs it (a failure is not retried).
  const assembly = (): Promise<string> =>
    (synthesis ??= measureSynth(options.projectDirectory, assemblyDirectory).then((figure) => {
      figures['synth.wall'] = figure;
      return assemblyDirectory;
    }));
  const durations: string[] = [];
  const command = options.command ?? 'choreo bench';
  // Read before the first save rewrites the file: the notes of the runs that measured the figures kept.
  const earlierNotes = notesOfEarlierRuns(resultsPath, command);
  const save = () => {
    const loadNote = `load average (1, 5, 15 min) at the start: ${loadAtStart}; now: ${describeLoad()} (on ${availableParallelism()} cores); seconds per group: ${durations.join(', ')}`;
    const results = mergeFigures(resultsPath, command, figures);
    writeNotes(resultsPath, [...notes, loadNote], earlierNotes);
    return { results, notes: [...notes, loadNote] };
  };
  try {
    for (const [index, group] of groups.entries()) {
      options.onGroup?.(group, index, groups.length);
      const groupStarted = performance.now();
      try {
        await runGroup(group);
      } catch (error) {
        // One broken group must not cost the figures of the others.
        run.note(`${group} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      durations.push(`${group} ${Math.round((performance.now() - groupStarted) / 1000)}`);
      // Saved after every group, so an interrupted run keeps what it measured.
      save();
    }
  } finally {
    rmSync(assemblyDirectory, { recursive: true, force: true });
  }
  const { results, notes: allNotes } = save();
  return { results, notes: allNotes, wallSeconds: (performance.now() - started) / 1000 };

  async function runGroup(group: BenchGroup): Promise<void> {
    switch (group) {
      case 'synth':
        await assembly();
        break;
      case 'startup':
        Object.assign(figures, await benchmarkStartup(run, options.projectDirectory));
        break;
      case 'match':
        await runMatcherBenchmark(options.projectDirectory, resultsPath, run);
        break;
      case 'endpoint':
        Object.assign(figures, await benchmarkEngine(run));
        break;
      case 'load':
        Object.assign(figures, await benchmarkEndpointLoad(run));
        break;
      case 'saga':
        Object.assign(figures, await benchmarkSaga(run, await assembly(), options.projectDirectory));
        break;
      case 'chaos':
        Object.assign(figures, await benchmarkChaos(run, options.projectDirectory, await assembly()));
        break;
      case 'coldstart': {
        const model = readCloudAssembly(await assembly());
        Object.assign(figures, benchmarkColdStarts(run, model, options.projectDirectory));
        Object.assign(figures, await benchmarkEnvironmentColdStarts(run, model));
        break;
      }
      case 'memory':
        Object.assign(figures, await benchmarkMemorySoak(run, options.soakMinutes));
        break;
      case 'test':
        Object.assign(figures, await measureTestSuite(options.projectDirectory, run));
        break;
    }
  }
}

/**
 * The matcher benchmark is its own script (bench/matcher.bench.ts) and merges its own figures;
 * it runs in a child process so that its single-core loop is not disturbed by this process.
 */
async function runMatcherBenchmark(projectDirectory: string, resultsPath: string, run: BenchRun): Promise<void> {
  const defaultResults = join(projectDirectory, 'bench', 'results.json');
  if (resultsPath !== defaultResults) {
    run.note('match.* skipped: the matcher benchmark writes only bench/results.json');
    return;
  }
  run.log('matcher: npx tsx bench/matcher.bench.ts');
  const { code, errors } = await runChild(
    process.execPath,
    [require.resolve('tsx/cli'), join('bench', 'matcher.bench.ts')],
    {
      cwd: projectDirectory,
      env: { ...process.env, BENCH_RUNS: String(run.runs) },
    },
  );
  if (code !== 0) throw new BenchmarkError(`the matcher benchmark exited with code ${code}: ${errors.trim()}`);
}

function describeLoad(): string {
  return loadavg()
    .map((load) => load.toFixed(1))
    .join(', ');
}

/** Notes by command line of the earlier runs in results.json (`earlierNotes`, and `notes` of the last run), but `command`'s. */
function notesOfEarlierRuns(resultsPath: string, command: string): Record<string, readonly string[]> {
  if (!existsSync(resultsPath)) return {};
  const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as Partial<ResultsWithNotes>;
  const earlier: Record<string, readonly string[]> = { ...(results.earlierNotes ?? {}) };
  if (results.command && results.notes) earlier[results.command] = results.notes;
  delete earlier[command];
  return earlier;
}

interface ResultsWithNotes extends ResultsFile {
  readonly notes: readonly string[];
  /** The notes of the last run of each other command line, whose figures may still be in the file. */
  readonly earlierNotes: Record<string, readonly string[]>;
}

/**
 * Adds the run's notes to results.json (`notes`) and as a list under the Markdown table, with the
 * notes of earlier runs of other command lines (`choreo bench --only saga`, then `--only load`...),
 * which measured the figures this run kept.
 */
function writeNotes(
  resultsPath: string,
  notes: readonly string[],
  earlierNotes: Record<string, readonly string[]>,
): void {
  const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as ResultsFile;
  const withNotes: ResultsWithNotes = { ...results, notes, earlierNotes };
  writeFileSync(resultsPath, `${JSON.stringify(withNotes, null, 2)}\n`);
  const sections = [
    ...(notes.length > 0 ? [`Notes:\n\n${notes.map((note) => `- ${note}`).join('\n')}\n`] : []),
    ...Object.entries(earlierNotes).map(
      ([command, earlier]) => `Notes of \`${command}\`:\n\n${earlier.map((note) => `- ${note}`).join('\n')}\n`,
    ),
  ];
  if (sections.length === 0) return;
  const markdownPath = resultsPath.replace(/\.json$/, '.md');
  const markdown = readFileSync(markdownPath, 'utf8');
  writeFileSync(markdownPath, `${markdown}\n${sections.join('\n')}`);
}
