import { measureVariantUsage } from '../../lib/compare/variant-usage';
import { latencyPercentiles, orderLatenciesMs, percentile } from '../../lib/compare/order-latency';
import { readCloudAssembly, type AppModel } from '../../lib/local/assembly';
import type { TraceEvent } from '../../lib/local/trace';
import recorded from '../fixtures/compare/trace.json';
import { TEST_ASSEMBLY_DIRECTORY } from '../support/test-assembly';

const trace = recorded.events as TraceEvent[];

describe('usage measured from the trace', () => {
  let model: AppModel;

  beforeAll(() => {
    model = readCloudAssembly(TEST_ASSEMBLY_DIRECTORY, { region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566' });
  });

  /** The usage of one order of `variant`, measured from the recorded trace. */
  const usageOf = (variant: 'choreography' | 'orchestration') =>
    measureVariantUsage({ variant, trace, model, orders: 1, timeScale: recorded.timeScale });

  it("counts the choreographed variant's events, messages, invocations, failures and retries", () => {
    // Act
    const usage = usageOf('choreography');

    // Assess
    expect(usage.eventsPublished).toBe(2);
    expect(usage.sqs).toEqual({ sent: 3, received: 3, deleted: 2, returned: 1 });
    const durations = Object.fromEntries(usage.functions.map((fn) => [fn.functionName, fn.durationsMs]));
    expect(durations).toMatchObject({ 'shop-choreography-orders': [20], 'shop-choreography-inventory': [30, 30] });
    expect(usage.functions.every((fn) => fn.memorySizeMb === 512)).toBe(true);
    expect(usage.stateTransitions).toBe(0);
    expect(usage.failures).toEqual({
      invocationErrors: 1,
      invocationTimeouts: 0,
      deadLetters: 1,
      failedExecutions: 0,
      targetFailures: 0,
    });
    expect(usage.retries).toEqual({ redeliveries: 1, taskRetries: 0, targetRetries: 0 });
  });

  it('counts a task retry as a state transition and times the execution in wall ms', () => {
    // Act
    const usage = usageOf('orchestration');

    // Assess: 4 states entered + 1 retry of RecordOrder
    expect(usage.stateTransitions).toBe(5);
    expect(usage.retries.taskRetries).toBe(1);
    expect(usage.executionDurationsMs).toEqual([250]);
    expect(usage.eventsPublished).toBe(2);
    expect(usage.sqs).toEqual({ sent: 0, received: 0, deleted: 0, returned: 0 });
    expect(usage.functions.find((fn) => fn.functionName === 'shop-orchestration-orders')?.durationsMs).toEqual([
      10, 10,
    ]);
    expect(usage.failures.invocationErrors).toBe(1);
  });

  it('measures latency from OrderPlaced to the outcome on each bus, in wall ms', () => {
    // Act
    const choreography = orderLatenciesMs(trace, 'choreography', recorded.timeScale);
    const orchestration = orderLatenciesMs(trace, 'orchestration', recorded.timeScale);

    // Assess
    expect([...choreography]).toEqual([['o1', 300]]);
    expect([...orchestration]).toEqual([['o1', 205]]);
  });

  it('takes nearest-rank percentiles', () => {
    // Prepare
    const values = Array.from({ length: 100 }, (_, index) => index + 1);

    // Act
    const latency = latencyPercentiles(values);

    // Assess
    expect(latency).toEqual({ orders: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(percentile([], 0.5)).toBe(0);
    expect(percentile([7], 0.99)).toBe(7);
  });
});
