import { join } from 'node:path';
import { synthesizeAppCached, type CachedSynthesis } from '../../lib/local/assembly';
import { PROJECT_ROOT } from './test-assembly';

/** Where the fixture apps (test/fixtures/apps/<name>/app.ts) live. */
export const FIXTURE_APPS_DIRECTORY = join(PROJECT_ROOT, 'test', 'fixtures', 'apps');

/**
 * Synthesizes a fixture app folder (its `app.ts` run with tsx, functions bundled by esbuild,
 * offline) into `outputDirectory`, reusing the assembly when the folder has not changed.
 */
export function synthesizeFixtureApp(appDirectory: string, outputDirectory: string): Promise<CachedSynthesis> {
  const tsx = require.resolve('tsx/cli', { paths: [PROJECT_ROOT] });
  return synthesizeAppCached({
    projectDirectory: appDirectory,
    outputDirectory,
    app: `"${process.execPath}" "${tsx}" app.ts`,
  });
}
