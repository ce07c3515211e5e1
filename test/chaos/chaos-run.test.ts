import { FAULT_KINDS, runChaosOnLocalCloud, type FaultInjector } from '../../lib/chaos';
import type { LocalCloud } from '../../lib/local/local-cloud';
import { startChaosCloud } from './chaos-builders';

/** Large enough to hit every fault many times, small enough for about a minute on two cores. */
const ORDERS = 300;

describe('the choreographed saga under chaos', () => {
  let cloud: LocalCloud;
  let faults: FaultInjector;

  beforeAll(async () => {
    ({ cloud, faults } = await startChaosCloud());
  }, 120_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  it('keeps every saga invariant with every fault injected at 5 %', async () => {
    // Act
    const report = await runChaosOnLocalCloud(cloud, faults, {
      orders: ORDERS,
      variants: ['choreography'],
      timeoutMs: 240_000,
    });
    // Assess
    const broken = report.variants.flatMap((result) => result.invariants.filter((invariant) => !invariant.holds));
    expect(broken).toEqual([]);
    expect(report.variants[0]?.invariants.map((invariant) => invariant.name)).toEqual(
      expect.arrayContaining([
        'no event lost',
        'dead letters explained',
        'no double charge',
        'one notification per order',
      ]),
    );
    for (const kind of FAULT_KINDS)
      expect({ kind, injected: report.faults[kind] > 0 }).toEqual({ kind, injected: true });
    expect(cloud.trace.events('fault.injected')).toHaveLength(
      FAULT_KINDS.reduce((sum, kind) => sum + report.faults[kind], 0),
    );
  }, 300_000);
});
