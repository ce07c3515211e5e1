import { spawn } from 'node:child_process';
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
 * with a note.
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
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['test', '--silent'], {
      cwd: projectDirectory,
      stdio: 'ignore',
      env: { ...process.env, CI: 'true' },
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) run.note(`${figure}: npm test exited with code ${code}`);
      resolve((performance.now() - started) / 1000);
    });
  });
}
