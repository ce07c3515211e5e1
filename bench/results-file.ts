import { cpus, release, type } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The benchmark results file (bench/results.json) and its Markdown twin (bench/results.md).
 * Every benchmark merges its figures into the same file, keeping the figures of the others.
 */

/** One measured figure: a statistic over repeated runs after warm-up. */
export interface Figure {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  readonly runs: number;
  /** The median the figure had before this measurement (kept beside the new one). */
  readonly previous?: number;
}

/** The whole results file. */
export interface ResultsFile {
  readonly machine: { readonly cpu: string; readonly cores: number; readonly node: string; readonly os: string };
  readonly command: string;
  readonly generatedAt: string;
  readonly figures: Record<string, Figure>;
}

/** The machine the figures were measured on. */
export function describeMachine(): ResultsFile['machine'] {
  const all = cpus();
  return {
    cpu: all[0]?.model.trim() ?? 'unknown',
    cores: all.length,
    node: process.version,
    os: `${type()} ${release()}`,
  };
}

/** A figure from the values of repeated runs. */
export function figureOf(values: readonly number[], unit: string): Figure {
  if (values.length === 0) throw new Error('a figure needs at least one run');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return {
    median: Math.round(median),
    min: Math.round(sorted[0] as number),
    max: Math.round(sorted[sorted.length - 1] as number),
    unit,
    runs: values.length,
  };
}

/**
 * Merges figures into a results file (creating it when missing), keeping every figure already
 * there that this run did not measure, and rewrites the Markdown table next to it.
 */
export function mergeFigures(jsonPath: string, command: string, figures: Record<string, Figure>): ResultsFile {
  const previous: Partial<ResultsFile> = existsSync(jsonPath)
    ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as ResultsFile)
    : {};
  const merged: ResultsFile = {
    machine: describeMachine(),
    command,
    generatedAt: new Date().toISOString(),
    figures: {
      ...(previous.figures ?? {}),
      ...Object.fromEntries(
        Object.entries(figures).map(([name, figure]) => {
          const before = previous.figures?.[name];
          // A run saves after every group: a figure it already saved keeps the median from before the run.
          const savedByThisRun =
            before?.median === figure.median &&
            before.min === figure.min &&
            before.max === figure.max &&
            before.runs === figure.runs &&
            before.unit === figure.unit;
          const previousMedian = savedByThisRun ? before.previous : before?.median;
          return [name, previousMedian !== undefined ? { ...figure, previous: previousMedian } : figure];
        }),
      ),
    },
  };
  writeFileSync(jsonPath, `${JSON.stringify(merged, null, 2)}\n`);
  writeFileSync(jsonPath.replace(/\.json$/, '.md'), renderMarkdown(merged));
  return merged;
}

/** The results as a Markdown table. */
export function renderMarkdown(results: ResultsFile): string {
  const { machine } = results;
  const rows = Object.entries(results.figures)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, f]) =>
        `| ${name} | ${f.median.toLocaleString('en-US')} | ${f.min.toLocaleString('en-US')} | ${f.max.toLocaleString('en-US')} | ${f.previous?.toLocaleString('en-US') ?? ''} | ${f.unit} | ${f.runs} |`,
    );
  return [
    '# Benchmark results',
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.os}.`,
    `Last command: \`${results.command}\` at ${results.generatedAt}.`,
    '',
    '| figure | median | min | max | previous median | unit | runs |',
    '| --- | ---: | ---: | ---: | ---: | --- | ---: |',
    ...rows,
    '',
  ].join('\n');
}

/** Like {@link figureOf}, keeping `decimals` digits after the point (for small figures: orders/s, seconds). */
export function figureWithDecimals(values: readonly number[], unit: string, decimals: number): Figure {
  const scale = 10 ** decimals;
  const scaled = figureOf(
    values.map((value) => value * scale),
    unit,
  );
  return { ...scaled, median: scaled.median / scale, min: scaled.min / scale, max: scaled.max / scale };
}
