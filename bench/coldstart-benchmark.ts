import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES } from '../lib/contracts';
import type { AppModel } from '../lib/local/assembly';
import type { BenchRun, Figures } from './bench-run';
import { figureOf } from './results-file';

/**
 * `coldstart.<service>`: milliseconds to load a service's bundle (require of the synthesized
 * asset's index.js, with the function's environment, the SDK on NODE_PATH) in a fresh Node
 * process, and
 * `coldstart.<service>.bundle`: the bundle's size in bytes (minified, SDK external), and
 * `coldstart.<service>.own`: the same load with the AWS SDK modules the bundle requires loaded
 * before the clock starts: what the bundle itself adds to an empty script (the SDK's share is the
 * runtime's, the same whatever the bundle holds).
 */
export function benchmarkColdStarts(run: BenchRun, model: AppModel, projectDirectory: string): Figures {
  // The bundles leave the SDK out, as Lambda's Node runtime provides it on NODE_PATH; here the
  // project's node_modules stands in for it, as it does for the local cloud's functions.
  const nodePath = join(projectDirectory, 'node_modules');
  const figures: Figures = {};
  for (const service of SERVICE_NAMES) {
    const fn = model.functions.find((candidate) => candidate.name === `shop-choreography-${service}`);
    const bundle = fn?.assetDirectory ? join(fn.assetDirectory, 'index.js') : undefined;
    if (!fn || !bundle || !existsSync(bundle)) {
      run.note(`coldstart.${service} skipped: no bundled asset for function 'shop-choreography-${service}'`);
      continue;
    }
    run.log(`cold start: ${service}`);
    figures[`coldstart.${service}.bundle`] = figureOf([statSync(bundle).size], 'bytes');
    try {
      const times: number[] = [];
      for (let index = 0; index < run.runs; index++)
        times.push(loadMilliseconds(bundle, { ...fn.environment, NODE_PATH: nodePath }));
      figures[`coldstart.${service}`] = figureOf(times, 'ms to load');
      const sdk = sdkModulesOf(bundle);
      const own: number[] = [];
      for (let index = 0; index < run.runs; index++)
        own.push(loadMilliseconds(bundle, { ...fn.environment, NODE_PATH: nodePath }, sdk));
      figures[`coldstart.${service}.own`] = figureOf(own, 'ms to load');
    } catch (error) {
      run.note(`coldstart.${service} skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return figures;
}

/** Loads `bundle` in a fresh Node process and returns what the require took, measured inside it. */
export function loadMilliseconds(
  bundle: string,
  environment: Readonly<Record<string, string>>,
  preload: readonly string[] = [],
): number {
  const preloads = preload.map((module) => `require(${JSON.stringify(module)});`).join(' ');
  const script = `${preloads} const t = process.hrtime.bigint(); require(${JSON.stringify(bundle)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const result = spawnSync(process.execPath, ['-e', script], {
    env: {
      ...process.env,
      ...environment,
      AWS_REGION: 'us-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const value = Number(result.stdout);
  if (result.status !== 0 || !Number.isFinite(value)) {
    const reason = result.stderr.split('\n').find((line) => /Error/.test(line)) ?? `exit code ${result.status}`;
    throw new Error(`loading bundle '${bundle}' failed: ${reason.trim()}`);
  }
  return value;
}

/** The external AWS SDK modules a bundle requires (the runtime provides them). */
function sdkModulesOf(bundle: string): string[] {
  const text = readFileSync(bundle, 'utf8');
  return [...new Set([...text.matchAll(/require\("(@aws-sdk\/[^"]+)"\)/g)].map((match) => match[1] as string))];
}
