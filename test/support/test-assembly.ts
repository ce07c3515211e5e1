import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The project root. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/**
 * Where the test run keeps the one synthesized (and bundled) cloud assembly that the local-cloud
 * end-to-end tests boot. Synthesizing takes tens of seconds, so `test/global-setup.ts` does it
 * once per run — and not at all when the sources it was built from have not changed.
 */
export const TEST_ASSEMBLY_DIRECTORY = join(PROJECT_ROOT, 'test-results', 'assembly');

const SOURCE_ROOTS = ['bin', 'lib/infra', 'lib/contracts', 'functions', 'package-lock.json', 'cdk.json'];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((entry) => filesUnder(join(path, entry.name)))
    .sort();
}

/** A digest of every source the assembly is built from; a changed digest means synthesize again. */
export function assemblySourceDigest(): string {
  const hash = createHash('sha256');
  for (const file of SOURCE_ROOTS.flatMap((root) => filesUnder(join(PROJECT_ROOT, root)))) {
    hash.update(relative(PROJECT_ROOT, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

export const ASSEMBLY_DIGEST_FILE = join(TEST_ASSEMBLY_DIRECTORY, '.source-digest');
