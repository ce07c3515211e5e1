import { join, resolve } from 'node:path';
import type { ServiceName } from '../contracts';

/** The repository root (where package.json and package-lock.json live). */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/** The lock file NodejsFunction hashes and bundles against. */
export const DEPS_LOCK_FILE = join(PROJECT_ROOT, 'package-lock.json');

/** The SQS adapter of a service: `functions/<service>/handler.ts`. */
export function handlerEntryOf(service: ServiceName): string {
  return join(PROJECT_ROOT, 'functions', service, 'handler.ts');
}
