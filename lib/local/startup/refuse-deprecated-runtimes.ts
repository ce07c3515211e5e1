import type { FunctionModel } from '../assembly';
import { DeprecatedRuntimeError } from './deprecated-runtime-error';
import { isCreationBlocked } from './lambda-runtimes';

/**
 * Throws `DeprecatedRuntimeError` naming every function whose runtime AWS no longer lets anyone
 * create on `now`, as a deployment of the app would fail.
 */
export function refuseDeprecatedRuntimes(functions: readonly FunctionModel[], now: Date = new Date()): void {
  const refused = functions
    .filter((fn) => isCreationBlocked(fn.runtime, now))
    .map((fn) => ({ functionName: fn.name, resource: `${fn.stackName}/${fn.logicalId}`, runtime: fn.runtime }));
  if (refused.length > 0) throw new DeprecatedRuntimeError(refused);
}
