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
 * `test.wall`: one `npm test` of the project, in seconds, with CI set (quiet). A failing suite
 * still gives its time, with a note.
 */
export function measureTestSuite(projectDirectory: string, run: BenchRun): Promise<Figure> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['test', '--silent'], {
      cwd: projectDirectory,
      stdio: 'ignore',
      env: { ...process.env, CI: 'true' },
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) run.note(`test.wall: npm test exited with code ${code}`);
      resolve(figureWithDecimals([(performance.now() - started) / 1000], 's', 1));
    });
  });
}
