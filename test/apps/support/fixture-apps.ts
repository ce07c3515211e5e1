import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The project root. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');

/** Where the foreign-style fixture apps live: one folder per app, each with an `app.ts` CDK app. */
export const APPS_ROOT = join(PROJECT_ROOT, 'test', 'fixtures', 'apps');

/** Where their synthesized assemblies are kept between runs. */
export const APPS_OUTPUT_ROOT = join(PROJECT_ROOT, 'test-results', 'apps');

/** The file an assembly keeps the digest of the sources it was synthesized from in. */
export const DIGEST_FILE = '.source-digest';

/** Every app folder that holds an `app.ts`. */
export function fixtureAppNames(): string[] {
  return readdirSync(APPS_ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(APPS_ROOT, entry.name, 'app.ts')))
    .map((entry) => entry.name)
    .sort();
}

function filesUnder(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((entry) => filesUnder(join(path, entry.name)))
    .sort();
}

/** A digest of an app's folder and the CDK it is synthesized with: a changed digest means synthesize again. */
export function fixtureAppDigest(name: string): string {
  const hash = createHash('sha256');
  const appDirectory = join(APPS_ROOT, name);
  for (const file of filesUnder(appDirectory)) {
    hash.update(relative(appDirectory, file));
    hash.update(readFileSync(file));
  }
  hash.update(readFileSync(join(PROJECT_ROOT, 'node_modules', 'aws-cdk-lib', 'package.json')));
  return hash.digest('hex');
}

/** The assembly directory of an app (synthesized by the apps' global setup). */
export function fixtureAppAssembly(name: string): string {
  return join(APPS_OUTPUT_ROOT, name);
}

/** Whether the app's assembly is there and was synthesized from the current sources. */
export function isFixtureAppFresh(name: string): boolean {
  const digestFile = join(fixtureAppAssembly(name), DIGEST_FILE);
  return existsSync(digestFile) && readFileSync(digestFile, 'utf8') === fixtureAppDigest(name);
}
