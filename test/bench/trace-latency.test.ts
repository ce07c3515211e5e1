import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { latencyFigure } from '../../bench/engine-benchmark';
import { figureWithDecimals } from '../../bench/results-file';
import { endToEndLatencies, hopLatencies, percentile } from '../../bench/trace-latency';
import type { TraceEvent } from '../../lib/local/trace';

const trace = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'bench', 'saga-trace.json'), 'utf8'),
) as TraceEvent[];

describe('bench trace latencies', () => {
  it('measures each order from its first OrderPlaced put to its first terminal put', () => {
    // Act
    const latencies = endToEndLatencies(trace, ['ord-a', 'ord-b']);

    // Assess
    expect(latencies.sort((a, b) => a - b)).toEqual([400, 700]);
  });

  it('leaves out orders that never ended and orders it was not asked about', () => {
    // Act
    const latencies = endToEndLatencies(trace, ['ord-c', 'ord-unknown']);

    // Assess
    expect(latencies).toEqual([]);
  });

  it('measures one hop from a put to the first invocation carrying its correlation id', () => {
    // Act
    const hops = hopLatencies(trace);

    // Assess: ord-a 1000→1010, ord-b 1002→1010, ord-c 1800→1830; later puts of ord-a start no hop
    expect(hops).toEqual([10, 8, 30]);
  });

  it('takes percentiles by nearest rank', () => {
    // Prepare
    const values = Array.from({ length: 100 }, (_, index) => 100 - index);

    // Act and Assess
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });

  it('reports a latency percentile as a figure spanning the samples', () => {
    // Act
    const figure = latencyFigure([5, 1, 9, 3], 50, 2);

    // Assess
    expect(figure).toEqual({ median: 3, min: 1, max: 9, unit: 'ms (p50 of 4)', runs: 2 });
  });

  it('keeps decimals of small figures', () => {
    // Act
    const figure = figureWithDecimals([2.345, 1.2, 3.8], 'orders/s', 2);

    // Assess
    expect(figure).toEqual({ median: 2.35, min: 1.2, max: 3.8, unit: 'orders/s', runs: 3 });
  });
});
