// Jest's order of test files, but the suites known to run longest first when Jest has no timings
// from an earlier run. With timings, Jest starts the longest files first, so that no worker is
// left alone with a long file at the end; without them (a clean clone, as in CI) it orders by file
// size, and the longest suites here are small files that drive a whole saga: the equivalence
// suite (~80 s of a ~195 s run) could start halfway through and finish alone.
'use strict';
const Sequencer = require('@jest/test-sequencer').default;

/**
 * Seconds each long suite took inside `npm test` on the 2-core machine (2026-12-04), by the end
 * of its path. Only the order matters: a suite missing here runs where Jest puts it.
 */
const EXPECTED_SECONDS = [
  ['test/local/equivalence/saga-equivalence.test.ts', 80],
  ['test/chaos/chaos-run.test.ts', 33],
  ['test/local/e2e/saga-outcomes.test.ts', 32],
  ['test/local/stepfunctions/aws-cli-stepfunctions.test.ts', 18],
  ['test/local/e2e/failure-handling.test.ts', 17],
  ['test/chaos/orchestration-chaos-run.test.ts', 13],
  ['test/compare/compare-command.test.ts', 12],
  ['test/chaos/archive-replay.test.ts', 9],
  ['test/local/e2e/handler-timeout.test.ts', 8],
];

function expectedSeconds(path) {
  const normalized = path.split('\\').join('/');
  return EXPECTED_SECONDS.find(([suffix]) => normalized.endsWith(suffix))?.[1];
}

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    const longWithoutTimings = ordered
      .filter((test) => test.duration == null && expectedSeconds(test.path) !== undefined)
      .sort((a, b) => expectedSeconds(b.path) - expectedSeconds(a.path));
    const first = new Set(longWithoutTimings);
    return [...longWithoutTimings, ...ordered.filter((test) => !first.has(test))];
  }
}

module.exports = LongestFirstSequencer;
