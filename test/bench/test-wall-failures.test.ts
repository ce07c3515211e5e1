import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { failuresIn } from '../../bench/wall-clock-benchmark';
import { temporaryDirectoryForEachTest } from '../support/temporary-directory';

describe('the note of a failing npm test in the bench', () => {
  const project = temporaryDirectoryForEachTest('bench-test-wall-');

  /** Writes `report` where the bench asks Jest for it, and returns the file. */
  function writeReport(report: unknown): string {
    mkdirSync(join(project(), 'test-results'), { recursive: true });
    const file = join(project(), 'test-results', 'bench-test.wall.json');
    writeFileSync(file, JSON.stringify(report));
    return file;
  }

  it('names each failed test with its file, relative to the project', () => {
    // Prepare
    const file = writeReport({
      testResults: [
        {
          name: join(project(), 'test/a.test.ts'),
          status: 'failed',
          assertionResults: [
            { status: 'passed', fullName: 'a passes' },
            { status: 'failed', fullName: 'a fails' },
          ],
        },
        { name: join(project(), 'test/b.test.ts'), status: 'passed', assertionResults: [{ status: 'passed' }] },
      ],
    });

    // Act / Assess
    expect(failuresIn(file)).toBe('failed: test/a.test.ts: a fails');
  });

  it('names a file that failed before any test ran with the first line of its message', () => {
    // Prepare
    const file = writeReport({
      testResults: [
        {
          name: join(project(), 'test/broken.test.ts'),
          status: 'failed',
          message: '  Test suite failed to run\n\n    Cannot find module',
          assertionResults: [],
        },
      ],
    });

    // Act / Assess
    expect(failuresIn(file)).toBe('failed: test/broken.test.ts (Test suite failed to run)');
  });

  it('shows five failures and counts the rest', () => {
    // Prepare
    const file = writeReport({
      testResults: [
        {
          name: join(project(), 'test/many.test.ts'),
          status: 'failed',
          assertionResults: Array.from({ length: 7 }, (_, index) => ({ status: 'failed', fullName: `case ${index}` })),
        },
      ],
    });

    // Act
    const note = failuresIn(file);

    // Assess
    expect(note).toContain('test/many.test.ts: case 4; and 2 more');
    expect(note).not.toContain('case 5');
  });

  it('says so when Jest wrote no report, or one that is not JSON', () => {
    // Prepare
    const missing = join(project(), 'test-results', 'none.json');
    const garbled = writeReport('x');
    writeFileSync(garbled, '{ not json');

    // Act / Assess
    expect(failuresIn(missing)).toBe(`no Jest report at ${missing}`);
    expect(failuresIn(garbled)).toBe(`no Jest report at ${garbled}`);
  });
});
