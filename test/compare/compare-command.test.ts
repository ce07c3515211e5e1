import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComparisonReport } from '../../lib/compare/comparison';
import { choreo } from '../cli/run-cli';
import { TEST_ASSEMBLY_DIRECTORY } from '../support/test-assembly';

describe('choreo compare', () => {
  it('runs both variants on the local cloud and prints non-zero counts, costs and coupling as JSON', async () => {
    // Act
    const run = await choreo([
      'compare',
      '--orders',
      '6',
      '--in-flight',
      '3',
      '--cdk-out',
      TEST_ASSEMBLY_DIRECTORY,
      '--json',
    ]);

    // Assess
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(run.stdout) as ComparisonReport;
    expect(report.variants.map((variant) => variant.variant)).toEqual(['choreography', 'orchestration']);
    for (const variant of report.variants) {
      expect(variant.orders).toMatchObject({ placed: 6, pending: 0 });
      expect(variant.perOrder.eventsPublished).toBeGreaterThan(0);
      expect(variant.perOrder.lambdaInvocations).toBeGreaterThan(0);
      expect(variant.latencyMs.orders).toBe(6);
    }
    const [choreography, orchestration] = report.variants;
    expect(choreography?.perOrder.sqsMessages).toBeGreaterThan(0);
    expect(orchestration?.perOrder.stateTransitions).toBeGreaterThan(0);
    expect(Object.values(report.costPerMillionOrders).every((cost) => cost.total > 0)).toBe(true);
    expect(report.coupling.map((variant) => variant.variant)).toEqual(['choreography', 'orchestration']);
    expect(report.reading.length).toBeGreaterThanOrEqual(3);
  }, 300_000);

  it('refuses a price table that is not JSON with a usage error, before booting anything', async () => {
    // Prepare
    const file = join(tmpdir(), `choreo-compare-prices-${process.pid}.json`);
    writeFileSync(file, 'not json');

    // Act
    const run = await choreo(['compare', '--prices', file]);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: --prices: '${file}' is not JSON`);
  });

  it('refuses zero orders', async () => {
    // Act
    const run = await choreo(['compare', '--orders', '0']);

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("expected a whole number from 1 to 1000, got '0'");
  });
});
