import * as path from 'node:path';
import type { LambdaFunctionConfig } from '../../../lib/local/lambda';
import { HANDLERS_DIR } from '../../fixtures/local-app/app';

/**
 * A function running one of the fixture handlers (test/fixtures/local-app/handlers/<directory>),
 * `index.<exportName>`, with a 3 s timeout unless overridden.
 */
export function fixtureFunction(
  name: string,
  exportName: string,
  overrides: Partial<LambdaFunctionConfig> & { directory?: string } = {},
): LambdaFunctionConfig {
  const { directory = 'basic', ...rest } = overrides;
  return {
    name,
    handler: `index.${exportName}`,
    memorySizeMb: 128,
    // Long enough that a loaded machine never turns a plain call into a timeout (tests of timeouts set their own).
    timeoutSeconds: 30,
    environment: {},
    code: { kind: 'directory', directory: path.isAbsolute(directory) ? directory : path.join(HANDLERS_DIR, directory) },
    ...rest,
  };
}

/** What a `slowInitFunction` returns: which environment ran it, and when its init and handler ran (wall ms). */
export interface SlowInitResult {
  readonly environmentId: string;
  readonly initStartedAt: number;
  readonly initEndedAt: number;
  readonly handlerStartedAt: number;
  readonly handlerEndedAt: number;
}

/**
 * An inline function whose init blocks its worker for `initMs` (like loading a large bundle,
 * without using a core, so tests stay fast on a small machine) and whose handler waits
 * `event.ms`; it returns a `SlowInitResult`.
 */
export function slowInitFunction(
  name: string,
  initMs: number,
  overrides: Partial<LambdaFunctionConfig> = {},
): LambdaFunctionConfig {
  const source = [
    'const initStartedAt = Date.now();',
    `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${initMs});`,
    "const environmentId = require('node:crypto').randomUUID();",
    'const initEndedAt = Date.now();',
    'exports.handler = async (event) => {',
    '  const handlerStartedAt = Date.now();',
    '  await new Promise((resolve) => setTimeout(resolve, event.ms ?? 0));',
    '  return { environmentId, initStartedAt, initEndedAt, handlerStartedAt, handlerEndedAt: Date.now() };',
    '};',
  ].join('\n');
  return { ...fixtureFunction(name, 'handler'), code: { kind: 'inline', source }, ...overrides };
}

/** The most intervals that overlap at one instant (an interval ending when another starts does not overlap it). */
export function maxOverlap(intervals: readonly (readonly [start: number, end: number])[]): number {
  const edges = intervals.flatMap(([start, end]) => [
    { at: start, delta: 1 },
    { at: end, delta: -1 },
  ]);
  // Ends before starts at the same instant.
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let open = 0;
  let most = 0;
  for (const edge of edges) {
    open += edge.delta;
    most = Math.max(most, open);
  }
  return most;
}
