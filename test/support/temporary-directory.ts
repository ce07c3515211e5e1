import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh empty directory under the system's temporary directory for each test of the enclosing
 * `describe`, removed after it (a data directory, an archive's files).
 *
 * @example
 * const dataDirectory = temporaryDirectoryForEachTest('bus-state-');
 * it('...', async () => { const cloud = await start(dataDirectory()); ... });
 */
export function temporaryDirectoryForEachTest(prefix: string): () => string {
  return temporaryDirectory(prefix, beforeEach, afterEach);
}

/** One temporary directory for all the tests of the enclosing `describe` (a synthesized assembly). */
export function temporaryDirectoryForAllTests(prefix: string): () => string {
  return temporaryDirectory(prefix, beforeAll, afterAll);
}

function temporaryDirectory(
  prefix: string,
  before: (hook: () => void) => void,
  after: (hook: () => void) => void,
): () => string {
  let current: string | undefined;
  before(() => {
    current = mkdtempSync(join(tmpdir(), prefix));
  });
  after(() => {
    if (current !== undefined) rmSync(current, { recursive: true, force: true });
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error('a temporary test directory was used outside its tests');
    return current;
  };
}
