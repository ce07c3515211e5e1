import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeAppCached } from '../lib/local/assembly';
import { LocalCloud } from '../lib/local/local-cloud';
import type { BenchRun, Figures } from './bench-run';
import { figureWithDecimals } from './results-file';

/**
 * `startup.cold` and `startup.warm`: `choreo local`'s start until the endpoint is ready, in
 * seconds, with a fresh synthesis (cold) and with the cached assembly of unchanged sources
 * (warm), measured side by side in one directory of their own (never the project's cdk.out).
 * A cold start synthesizes and bundles the whole app, so it runs `min(runs, 2)` times.
 */
export async function benchmarkStartup(run: BenchRun, projectDirectory: string): Promise<Figures> {
  const outputDirectory = mkdtempSync(join(tmpdir(), 'choreo-bench-startup-'));
  const startOnce = async (force: boolean): Promise<number> => {
    const started = performance.now();
    const { assemblyDirectory, reused } = await synthesizeAppCached({ projectDirectory, outputDirectory, force });
    if (reused === force) throw new Error(`a ${force ? 'cold' : 'warm'} start ${reused ? 'reused' : 'synthesized'}`);
    const cloud = await LocalCloud.start({ assemblyDirectory, port: 0 });
    const seconds = (performance.now() - started) / 1000;
    await cloud.stop();
    return seconds;
  };
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let index = 0; index < Math.min(run.runs, 2); index++) {
      cold.push(await startOnce(true));
      run.log(`startup.cold run ${index + 1}: ${cold[index]?.toFixed(1)} s`);
    }
    for (let index = 0; index < run.runs; index++) warm.push(await startOnce(false));
    run.log(`startup.warm: ${warm.map((seconds) => seconds.toFixed(2)).join(', ')} s`);
    return {
      'startup.cold': figureWithDecimals(cold, 's', 1),
      'startup.warm': figureWithDecimals(warm, 's', 2),
    };
  } finally {
    rmSync(outputDirectory, { recursive: true, force: true });
  }
}
