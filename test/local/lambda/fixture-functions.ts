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
