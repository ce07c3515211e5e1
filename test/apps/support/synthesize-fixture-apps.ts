/**
 * Synthesizes fixture apps, each into its own assembly directory, in this one process (the CDK
 * library loads once): `tsx test/apps/support/synthesize-fixture-apps.ts <name>...`. Each app is
 * a plain CDK app file ending in `app.synth()`; `CDK_OUTDIR` tells its `App` where to write.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPS_ROOT, DIGEST_FILE, fixtureAppAssembly, fixtureAppDigest } from './fixture-apps';

for (const name of process.argv.slice(2)) {
  const outdir = fixtureAppAssembly(name);
  rmSync(outdir, { recursive: true, force: true });
  process.env.CDK_OUTDIR = outdir;
  const started = Date.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(APPS_ROOT, name, 'app.ts'));
  writeFileSync(join(outdir, DIGEST_FILE), fixtureAppDigest(name));
  process.stderr.write(`synthesized ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
