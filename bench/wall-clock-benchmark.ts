import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { synthesizeApp } from '../lib/local/assembly';
import type { BenchRun } from './bench-run';
import { figureWithDecimals, type Figure } from './results-file';

/** `synth.wall`: one `cdk synth` of the project into `outputDirectory`, in seconds. */
export async function measureSynth(projectDirectory: string, outputDirectory: string): Promise<Figure> {
  const started = performance.now();
  await synthesizeApp({ projectDirectory, outputDirectory });
  return figureWithDecimals([(performance.now() - started) / 1000], 's', 1);
}

/**
 * `test.wall.first` and `test.wall`: two `npm test` runs of the project in a row, in seconds, with
 * CI set (quiet). On a clean clone the first also fills what later runs reuse — Jest's transform
 * cache and the timings it orders files by, the test assembly's synthesis, the Step Functions
 * definition checks under node_modules/.cache — so the first is what CI's `npm test` takes and
 * the second what a developer's next `npm test` takes. A failing suite still gives its time,
 * with a note naming the failed tests from Jest's JSON report (test-results/bench-<figure>.json).
 */
export async function measureTestSuite(projectDirectory: string, run: BenchRun): Promise<Record<string, Figure>> {
  const first = await timeNpmTest(projectDirectory, run, 'test.wall.first');
  const again = await timeNpmTest(projectDirectory, run, 'test.wall');
  return {
    'test.wall.first': figureWithDecimals([first], 's', 1),
    'test.wall': figureWithDecimals([again], 's', 1),
  };
}

function timeNpmTest(projectDirectory: string, run: BenchRun, figure: string): Promise<number> {
  // Jest's JSON report, as CI writes one: a failing run names its failed tests in the notes.
  const report = join(projectDirectory, 'test-results', `bench-${figure}.json`);
  rmSync(report, { force: true });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['test', '--silent', '--', '--json', `--outputFile=${report}`], {
      cwd: projectDirectory,
      stdio: 'ignore',
      env: { ...process.env, CI: 'true' },
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) run.note(`${figure}: npm test exited with code ${code}; ${failuresIn(report)}`);
      resolve(seconds);
    });
  });
}

/** The failed tests a Jest JSON report names, at most five, or why there are none to name. */
export function failuresIn(reportFile: string): string {
  let report: JestReport;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as JestReport;
  } catch {
    return `no Jest report at ${reportFile}`;
  }
  const failed = (report.testResults ?? []).flatMap((file) => {
    const tests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    const where = relative(dirname(dirname(reportFile)), file.name ?? '');
    if (tests.length === 0 && file.status === 'failed') return [`${where} (${firstLine(file.message)})`];
    return tests.map((test) => `${where}: ${test.fullName ?? test.title ?? '?'}`);
  });
  if (failed.length === 0) return `the report names no failed test (${reportFile})`;
  const shown = failed.slice(0, 5).join('; ');
  return failed.length > 5 ? `failed: ${shown}; and ${failed.length - 5} more` : `failed: ${shown}`;
}

function firstLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n')[0]?.slice(0, 200) ?? '';
}

/** What this module reads of Jest's `--json` report. */
interface JestReport {
  readonly testResults?: readonly {
    readonly name?: string;
    readonly status?: string;
    readonly message?: string;
    readonly assertionResults?: readonly {
      readonly status?: string;
      readonly fullName?: string;
      readonly title?: string;
    }[];
  }[];
}
