import { join } from 'node:path';
import { synthesizeAppCached, type CachedSynthesis } from '../../lib/local/assembly';
import { LocalCloud, type LocalCloudOptions } from '../../lib/local/local-cloud';
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

/**
 * Synthesizes the fixture app `name` (its assembly cached under `test-results/apps/<name>`) and
 * starts a local cloud on it: a free port, AWS time ten times faster, then `options`.
 *
 * @example const cloud = await startFixtureAppCloud('foreign-queue-app', { traceCapacity: 1000 });
 */
export async function startFixtureAppCloud(name: string, options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const { assemblyDirectory } = await synthesizeFixtureApp(
    join(FIXTURE_APPS_DIRECTORY, name),
    join(PROJECT_ROOT, 'test-results', 'apps', name),
  );
  return LocalCloud.start({ assemblyDirectory, port: 0, timeScale: 10, ...options });
}
