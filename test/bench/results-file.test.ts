import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figureOf, mergeFigures } from '../../bench/results-file';

describe('bench results file', () => {
  it('keeps figures measured by other benchmarks when merging new ones', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    const path = join(dir, 'results.json');
    const other = { median: 5, min: 4, max: 6, unit: 'ms', runs: 5 };
    writeFileSync(
      path,
      JSON.stringify({
        machine: {},
        command: 'x',
        generatedAt: 'x',
        figures: { 'saga.latency': other, 'match.rules-35': other },
      }),
    );

    // Act
    mergeFigures(path, 'npx tsx bench/matcher.bench.ts', { 'match.rules-35': figureOf([3, 1, 2], 'events/s') });

    // Assess
    const merged = JSON.parse(readFileSync(path, 'utf8'));
    expect(merged.figures['saga.latency']).toEqual(other);
    // The re-measured figure keeps its previous median beside the new one.
    expect(merged.figures['match.rules-35']).toEqual({
      median: 2,
      min: 1,
      max: 3,
      unit: 'events/s',
      runs: 3,
      previous: other.median,
    });
    expect(merged.command).toBe('npx tsx bench/matcher.bench.ts');
    expect(readFileSync(join(dir, 'results.md'), 'utf8')).toContain('| saga.latency | 5 | 4 | 6 |  | ms | 5 |');
  });

  it('takes the mean of the middle two runs as the median of an even count', () => {
    // Act
    const figure = figureOf([10, 40, 20, 30], 'events/s');

    // Assess
    expect(figure).toEqual({ median: 25, min: 10, max: 40, unit: 'events/s', runs: 4 });
  });
});
