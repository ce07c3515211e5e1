import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { synthesizeApp } from '../lib/local/assembly';
import {
  ASSEMBLY_DIGEST_FILE,
  assemblySourceDigest,
  PROJECT_ROOT,
  TEST_ASSEMBLY_DIRECTORY,
} from './support/test-assembly';

/**
 * Synthesizes the app (with bundling: the end-to-end tests run the real bundles) into the test
 * assembly directory, unless the sources have not changed since the last run.
 */
export default async function globalSetup(): Promise<void> {
  const digest = assemblySourceDigest();
  if (existsSync(ASSEMBLY_DIGEST_FILE) && readFileSync(ASSEMBLY_DIGEST_FILE, 'utf8') === digest) return;
  const started = Date.now();
  await synthesizeApp({ projectDirectory: PROJECT_ROOT, outputDirectory: TEST_ASSEMBLY_DIRECTORY });
  writeFileSync(ASSEMBLY_DIGEST_FILE, digest);
  process.stderr.write(`\nsynthesized the test assembly in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
