import { join, resolve } from 'node:path';

/** The project root. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/**
 * Where the test run keeps the one synthesized (and bundled) cloud assembly that the local-cloud
 * end-to-end tests boot. Synthesizing takes tens of seconds, so `test/global-setup.ts` does it
 * once per run — and not at all when the app's inputs have not changed since (the assembly
 * stores their hash, as `choreo local` does).
 */
export const TEST_ASSEMBLY_DIRECTORY = join(PROJECT_ROOT, 'test-results', 'assembly');
