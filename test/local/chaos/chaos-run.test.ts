import { FAULT_KINDS, FaultInjector, faultPlan, runChaosOnLocalCloud } from '../../../lib/local/chaos';
import { LocalCloud } from '../../../lib/local/local-cloud';
import { PROJECT_ROOT, TEST_ASSEMBLY_DIRECTORY } from '../../support/test-assembly';

/** Large enough to hit every fault many times, small enough for about a minute on two cores. */
const ORDERS = 300;

describe('the choreographed saga under chaos', () => {
  let cloud: LocalCloud;
  let faults: FaultInjector;

  beforeAll(async () => {
    faults = new FaultInjector(faultPlan({ seed: 7, rate: 0.05 }));
    cloud = await LocalCloud.start({
      projectDirectory: PROJECT_ROOT,
      assemblyDirectory: TEST_ASSEMBLY_DIRECTORY,
      port: 0,
      timeScale: 100,
      // Only injected timeouts: a busy machine must not time functions out on its own.
      minTimeoutWallMs: 30_000,
      faults,
    });
  }, 120_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  it('keeps every saga invariant with every fault injected at 5 %', async () => {
    // Act
    const report = await runChaosOnLocalCloud(cloud, faults, { orders: ORDERS, variants: ['choreography'], timeoutMs: 240_000 });
    // Assess
    const broken = report.variants.flatMap((result) => result.invariants.filter((invariant) => !invariant.holds));
    expect(broken).toEqual([]);
    expect(report.variants[0]?.invariants.map((invariant) => invariant.name)).toEqual(
      expect.arrayContaining(['no event lost', 'dead letters explained', 'no double charge', 'one notification per order']),
    );
    for (const kind of FAULT_KINDS) expect({ kind, injected: report.faults[kind] > 0 }).toEqual({ kind, injected: true });
    expect(cloud.trace.events('fault.injected')).toHaveLength(FAULT_KINDS.reduce((sum, kind) => sum + report.faults[kind], 0));
  }, 300_000);
});
