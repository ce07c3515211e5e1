import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fixtureAppNames, isFixtureAppFresh, PROJECT_ROOT } from './support/fixture-apps';

/**
 * Synthesizes the fixture apps whose sources changed since their last synthesis (all of them on
 * a clean clone), in one child process, before the app tests boot them.
 */
export default function globalSetup(): void {
  const stale = fixtureAppNames().filter((name) => !isFixtureAppFresh(name));
  if (stale.length === 0) return;
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('tsx/cli', { paths: [PROJECT_ROOT] }),
      join(__dirname, 'support', 'synthesize-fixture-apps.ts'),
      ...stale,
    ],
    { cwd: PROJECT_ROOT, stdio: 'inherit', env: { ...process.env, CDK_VALIDATION: 'false' } },
  );
  if (result.status !== 0) throw new Error(`synthesizing the fixture apps failed (exit ${String(result.status)})`);
  process.stderr.write(
    `\nsynthesized ${stale.length} fixture apps in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
