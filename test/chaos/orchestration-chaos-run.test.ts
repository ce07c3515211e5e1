import { chaosCloudForFile, runChaosKeepingInvariants } from './chaos-builders';

/**
 * Fewer orders than the choreographed run (300): an orchestrated order is one Lambda invocation
 * per Task rather than a share of an SQS batch, so 100 orders (about 700 invocations and 150
 * faults) already take about a minute on a loaded two-core machine.
 */
const ORDERS = 100;

describe('the orchestrated saga under chaos', () => {
  const chaos = chaosCloudForFile();

  it('keeps every saga invariant with every fault injected into Tasks and execution starts at 5 %', async () => {
    // Act / Assess: no invariant broken, every fault kind injected
    const report = await runChaosKeepingInvariants(chaos, 'orchestration', ORDERS);

    // Assess
    expect(report.variants[0]?.summary.orders).toMatchObject({ total: ORDERS, pending: 0 });
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
