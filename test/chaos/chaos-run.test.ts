import { FAULT_KINDS, formatChaosReport } from '../../lib/chaos';
import { chaosCloudForFile, runChaosKeepingInvariants } from './chaos-builders';

/** Large enough to hit every fault many times, small enough for about a minute on two cores. */
const ORDERS = 300;

describe('the choreographed saga under chaos', () => {
  const chaos = chaosCloudForFile();

  it('keeps every saga invariant with every fault injected at 5 %', async () => {
    // Act / Assess: no invariant broken, every fault kind injected
    const report = await runChaosKeepingInvariants(chaos, 'choreography', ORDERS);

    // Assess
    expect(report.variants[0]?.invariants.map((invariant) => invariant.name)).toEqual(
      expect.arrayContaining([
        'no event lost',
        'dead letters explained',
        'no double charge',
        'one notification per order',
      ]),
    );
    expect(chaos.cloud.trace.events('fault.injected')).toHaveLength(
      FAULT_KINDS.reduce((sum, kind) => sum + report.faults[kind], 0),
    );
    // The summary counts every error and timeout the fault table says was injected (plus any the
    // handlers raised themselves), and the printed report says the same numbers.
    const invocations = report.variants[0]?.summary.invocations;
    const injectedErrors = report.faults['error-before-side-effects'] + report.faults['error-after-side-effects'];
    expect(injectedErrors).toBeGreaterThan(0);
    expect(report.faults['function-timeout']).toBeGreaterThan(0);
    expect(invocations?.errors).toBeGreaterThanOrEqual(injectedErrors);
    expect(invocations?.timeouts).toBeGreaterThanOrEqual(report.faults['function-timeout']);
    expect(formatChaosReport(report)).toContain(`${invocations?.errors} / ${invocations?.timeouts}`);
  }, 300_000);
});
