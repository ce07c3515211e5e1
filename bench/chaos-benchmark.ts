import { join } from 'node:path';
import type { ChaosReport } from '../lib/chaos/chaos-run';
import { BenchmarkError, type BenchRun, type Figures } from './bench-run';
import { runChild } from './child-output';
import { figureWithDecimals } from './results-file';

const CHAOS_ORDERS = 2_000;
const CHAOS_SEED = 7;

/**
 * `chaos.2000-orders`: seconds of the README's chaos run (`choreo chaos --orders 2000 --seed 7`,
 * choreography, faults at 5% each, time scale of the command) from the first order until every
 * invariant was checked, start-up excluded; `chaos.2000-orders.with-start-up` includes booting
 * the local cloud. Run once (the longest figure of the suite) as its own process, on the bench's
 * assembly; broken invariants are noted, since the time of a wrong run means little.
 */
export async function benchmarkChaos(
  run: BenchRun,
  projectDirectory: string,
  assemblyDirectory: string,
): Promise<Figures> {
  run.log(`chaos: choreo chaos --orders ${CHAOS_ORDERS} --seed ${CHAOS_SEED}`);
  const started = performance.now();
  const report = await chaosReport(projectDirectory, assemblyDirectory);
  const withStartUp = (performance.now() - started) / 1000;
  if (!report.invariantsHold) run.note('chaos.2000-orders: saga invariants broken in the measured run; check the saga');
  return {
    'chaos.2000-orders': figureWithDecimals([report.wallMs / 1000], 's', 1),
    'chaos.2000-orders.with-start-up': figureWithDecimals([withStartUp], 's', 1),
  };
}

async function chaosReport(projectDirectory: string, assemblyDirectory: string): Promise<ChaosReport> {
  const { code, output, errors } = await runChild(
    process.execPath,
    [
      join(projectDirectory, 'bin', 'choreo.js'),
      'chaos',
      '--orders',
      String(CHAOS_ORDERS),
      '--seed',
      String(CHAOS_SEED),
      '--cdk-out',
      assemblyDirectory,
      '--json',
    ],
    { cwd: projectDirectory, env: { ...process.env, CI: 'true' } },
  );
  // Exit 1 with a report means broken invariants: still a measurement, noted by the caller.
  const start = output.indexOf('{');
  try {
    return JSON.parse(output.slice(start)) as ChaosReport;
  } catch {
    throw new BenchmarkError(`choreo chaos exited with code ${code} and no report: ${errors.trim()}`);
  }
}
