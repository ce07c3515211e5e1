import { synthesizeAppCached } from '../lib/local/assembly';
import { PROJECT_ROOT, TEST_ASSEMBLY_DIRECTORY } from './support/test-assembly';

/**
 * Synthesizes the app (with bundling: the end-to-end tests run the real bundles) into the test
 * assembly directory, unless the app's inputs have not changed since the last run: the same
 * input hash `choreo local` uses to reuse its assembly.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const { reused } = await synthesizeAppCached({
    projectDirectory: PROJECT_ROOT,
    outputDirectory: TEST_ASSEMBLY_DIRECTORY,
  });
  if (reused) return;
  process.stderr.write(`\nsynthesized the test assembly in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
