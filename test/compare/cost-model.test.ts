import { parseAwsPrices } from '../../lib/compare/aws-prices';
import { chunksOf, costPerMillionOrders, roundUpTo, type BillableUsage } from '../../lib/compare/cost-model';
import handComputed from '../fixtures/compare/hand-computed-usage.json';
import pricesFixture from '../fixtures/compare/prices.json';

const prices = parseAwsPrices(pricesFixture, 'test/fixtures/compare/prices.json');
const usage: BillableUsage = handComputed.usage;

/*
 * The hand-computed case: 2 orders, so every count is multiplied by 500,000 to reach a million.
 * EventBridge: 10 events × 2 chunks (70,000 B > 64 KB) × 500,000 = 10M events × $1.00/M = $10.00
 * SQS: 36 requests × 1 chunk × 500,000 = 18M × $0.40/M = $7.20
 * Lambda requests: 3 × 500,000 = 1.5M × $0.20/M = $0.30
 * Lambda duration: billed 100 ms + 1 ms at 0.5 GB and 250 ms at 1 GB = 0.3005 GB-s
 *   × 500,000 = 150,250 GB-s × $0.0000133334 = $2.00334335
 * Standard: 22 transitions × 500,000 = 11M × $0.025/1,000 = $275.00
 * Express: 2 executions × 500,000 = 1M × $1.00/M = $1.00, plus 64 MB (0.0625 GB) × (1,300 + 100 ms)
 *   = 0.0875 GB-s × 500,000 = 43,750 GB-s × $0.00001667 = $0.7293125
 */
const CHOREOGRAPHY_TOTAL = 10 + 7.2 + 0.3 + 2.00334335;

describe('cost model', () => {
  it('prices the choreographed deployment as events, SQS requests and Lambda, per million orders', () => {
    // Act
    const cost = costPerMillionOrders(usage, prices, 'choreography');

    // Assess
    expect(cost.eventBridge).toBeCloseTo(10, 9);
    expect(cost.sqs).toBeCloseTo(7.2, 9);
    expect(cost.lambdaRequests).toBeCloseTo(0.3, 9);
    expect(cost.lambdaDuration).toBeCloseTo(2.00334335, 9);
    expect(cost.stepFunctions).toBe(0);
    expect(cost.total).toBeCloseTo(CHOREOGRAPHY_TOTAL, 9);
  });

  it('adds state transitions for Step Functions Standard', () => {
    // Act
    const cost = costPerMillionOrders(usage, prices, 'standard');

    // Assess
    expect(cost.stepFunctions).toBeCloseTo(275, 9);
    expect(cost.total).toBeCloseTo(CHOREOGRAPHY_TOTAL + 275, 9);
  });

  it('adds requests and 64 MB × 100 ms duration for Step Functions Express', () => {
    // Act
    const cost = costPerMillionOrders(usage, prices, 'express');

    // Assess
    expect(cost.stepFunctions).toBeCloseTo(1 + 0.7293125, 9);
    expect(cost.total).toBeCloseTo(CHOREOGRAPHY_TOTAL + 1.7293125, 9);
  });

  it('bills Express memory in whole 64 MB chunks', () => {
    // Prepare: 100 MB is billed as 128 MB, twice the 64 MB of the hand-computed case
    const larger = { ...usage, expressMemoryMb: 100 };

    // Act
    const cost = costPerMillionOrders(larger, prices, 'express');

    // Assess
    expect(cost.stepFunctions).toBeCloseTo(1 + 2 * 0.7293125, 9);
  });

  it('does not depend on the batch size, only on the usage per order', () => {
    // Prepare: the same usage per order, for twice as many orders
    const doubled: BillableUsage = {
      ...usage,
      orders: 4,
      eventsPublished: 20,
      sqsRequests: 72,
      functions: [...usage.functions, ...usage.functions],
      stateTransitions: 44,
      executionDurationsMs: [...usage.executionDurationsMs, ...usage.executionDurationsMs],
    };

    // Act
    const costs = (['choreography', 'standard', 'express'] as const).map((deployment) => [
      costPerMillionOrders(doubled, prices, deployment).total,
      costPerMillionOrders(usage, prices, deployment).total,
    ]);

    // Assess
    for (const [fromDoubled, fromOriginal] of costs) expect(fromDoubled).toBeCloseTo(fromOriginal!, 9);
  });

  it('counts every started 64 KB chunk and at least one', () => {
    expect([0, 1, 65_536, 65_537, 262_144].map((bytes) => chunksOf(bytes, 65_536))).toEqual([1, 1, 1, 2, 4]);
  });

  it('rounds billed durations up to the increment, with one increment at least', () => {
    expect([0, 0.4, 100, 100.1, 1234].map((ms) => roundUpTo(ms, 100))).toEqual([100, 100, 100, 200, 1300]);
  });

  it('fails if the usage covers no order', () => {
    expect(() => costPerMillionOrders({ ...usage, orders: 0 }, prices, 'choreography')).toThrow(
      "usage must cover at least one order, got '0'",
    );
  });
});
