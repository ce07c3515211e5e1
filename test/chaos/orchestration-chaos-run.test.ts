import { FAULT_KINDS, runChaosOnLocalCloud, type FaultInjector } from '../../lib/chaos';
import type { LocalCloud } from '../../lib/local/local-cloud';
import { startChaosCloud } from './chaos-builders';

/**
 * Fewer orders than the choreographed run (300): an orchestrated order is one Lambda invocation
 * per Task rather than a share of an SQS batch, so 100 orders (about 700 invocations and 150
 * faults) already take about a minute on a loaded two-core machine.
 */
const ORDERS = 100;

describe('the orchestrated saga under chaos', () => {
  let cloud: LocalCloud;
  let faults: FaultInjector;

  beforeAll(async () => {
    ({ cloud, faults } = await startChaosCloud());
  }, 120_000);

  afterAll(async () => {
    await cloud?.stop();
  });

  it('keeps every saga invariant with every fault injected into Tasks and execution starts at 5 %', async () => {
    // Act
    const report = await runChaosOnLocalCloud(cloud, faults, {
      orders: ORDERS,
      variants: ['orchestration'],
      timeoutMs: 240_000,
    });
    // Assess
    const broken = report.variants.flatMap((result) => result.invariants.filter((invariant) => !invariant.holds));
    expect(broken).toEqual([]);
    expect(report.variants[0]?.summary.orders).toMatchObject({ total: ORDERS, pending: 0 });
    for (const kind of FAULT_KINDS)
      expect({ kind, injected: report.faults[kind] > 0 }).toEqual({ kind, injected: true });
    // Faults reached the Tasks (their Retry ran) and duplicate starts ran second executions.
    const executions = report.variants[0]?.executions;
    expect(executions?.failedTaskAttempts).toBeGreaterThan(0);
    expect(executions?.started).toBeGreaterThan(ORDERS + 2);
    // The Retry absorbed every injected failure: the only failed executions are the poison message's.
    const failedExecutions =
      report.variants[0]?.deadLetters.filter((letter) => letter.queue.startsWith('execution:')) ?? [];
    expect(failedExecutions.length).toBeGreaterThanOrEqual(1);
    expect(failedExecutions.filter((letter) => letter.orderId !== undefined)).toEqual([]);
  }, 300_000);
});
