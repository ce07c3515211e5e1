import { TooManyRequestsError, type InvokeResult } from '../../../lib/local/lambda';
import { maxOverlap, slowInitFunction, type SlowInitResult } from './fixture-functions';
import { lambdaRuntimeForEachTest } from './runtime-for-each-test';

function resultOf(invocation: InvokeResult): SlowInitResult {
  return invocation.result as SlowInitResult;
}

/** One [start, end] per environment that served the invocations. */
function initIntervals(invocations: readonly InvokeResult[]): [number, number][] {
  const byEnvironment = new Map(
    invocations.map((invocation) => [resultOf(invocation).environmentId, resultOf(invocation)]),
  );
  return [...byEnvironment.values()].map((result) => [result.initStartedAt, result.initEndedAt]);
}

describe('LambdaRuntime cold-start gate', () => {
  const start = lambdaRuntimeForEachTest();

  it('initializes at most the gate size of environments at once in a burst, and serves the rest warm', async () => {
    // Prepare
    const runtime = start([slowInitFunction('slow-init', 150)], { maxConcurrentColdStarts: 2 });

    // Act
    const invocations = await Promise.all(Array.from({ length: 40 }, () => runtime.invoke('slow-init', { ms: 20 })));

    // Assess
    expect(invocations.filter((invocation) => invocation.outcome !== 'success')).toEqual([]);
    const environments = new Set(invocations.map((invocation) => resultOf(invocation).environmentId));
    expect(environments.size).toBeLessThan(40);
    expect(maxOverlap(initIntervals(invocations))).toBeLessThanOrEqual(2);
    expect(runtime.coldStarts()).toMatchObject({ limit: 2, initializing: 0, waiting: 0, peakInitializing: 2 });
    expect(runtime.stats()['slow-init']).toMatchObject({
      invocations: 40,
      coldStarts: environments.size,
      waitingForColdStart: 0,
    });
    expect(
      invocations.filter((invocation) => !invocation.coldStart && (invocation.coldStartWaitMs ?? 0) > 0).length,
    ).toBeGreaterThan(0);
  });

  it('gives an invocation waiting for a cold start the warm environment its function releases first', async () => {
    // Prepare: one gate slot; 'worker' has one warm environment, busy for 300 ms; 'blocker' holds the slot for 800 ms.
    const runtime = start([slowInitFunction('worker', 50), slowInitFunction('blocker', 800)], {
      maxConcurrentColdStarts: 1,
    });
    const warmUp = await runtime.invoke('worker', {});
    const busy = runtime.invoke('worker', { ms: 300 });
    const blocker = runtime.invoke('blocker', {});

    // Act
    const waiting = await runtime.invoke('worker', {});

    // Assess
    expect(waiting).toMatchObject({ outcome: 'success', coldStart: false });
    expect(waiting.coldStartWaitMs).toBeGreaterThan(100);
    expect(resultOf(waiting).environmentId).toBe(resultOf(warmUp).environmentId);
    expect(resultOf(waiting).handlerStartedAt).toBeGreaterThanOrEqual(resultOf(await busy).handlerEndedAt);
    expect(runtime.stats().worker).toMatchObject({ coldStarts: 1, environments: 1 });
    expect(await blocker).toMatchObject({ outcome: 'success', coldStart: true });
  });

  it('still runs at most the reserved concurrency at once while cold starts wait for the gate', async () => {
    const runtime = start([slowInitFunction('limited', 100, { reservedConcurrency: 2 })], {
      maxConcurrentColdStarts: 3,
    });

    const invocations = await Promise.all(Array.from({ length: 10 }, () => runtime.invoke('limited', { ms: 30 })));

    expect(invocations.every((invocation) => invocation.outcome === 'success')).toBe(true);
    const handlerRuns = invocations.map((invocation): [number, number] => [
      resultOf(invocation).handlerStartedAt,
      resultOf(invocation).handlerEndedAt,
    ]);
    expect(maxOverlap(handlerRuns)).toBeLessThanOrEqual(2);
    expect(runtime.stats().limited).toMatchObject({ invocations: 10, peakConcurrency: 2, environments: 2 });
  });

  it('throttles beyond the reserved concurrency while the first invocation waits for a cold start', async () => {
    const runtime = start(
      [slowInitFunction('blocker', 300), slowInitFunction('limited', 10, { reservedConcurrency: 1 })],
      {
        maxConcurrentColdStarts: 1,
        concurrencyOverflow: 'throttle',
      },
    );
    const blocker = runtime.invoke('blocker', {});

    const [first, second] = await Promise.allSettled([runtime.invoke('limited', {}), runtime.invoke('limited', {})]);

    expect(first).toMatchObject({ status: 'fulfilled', value: { outcome: 'success', coldStart: true } });
    expect(second).toMatchObject({ status: 'rejected', reason: expect.any(TooManyRequestsError) });
    expect(await blocker).toMatchObject({ outcome: 'success' });
  });

  it('counts the init timeout from when the init starts, not from when the invocation began waiting', async () => {
    // Prepare: three functions, one slot: the third waits for two inits of 500 ms before its own.
    const functions = ['first', 'second', 'third'].map((name) => slowInitFunction(name, 500));
    const runtime = start(functions, { maxConcurrentColdStarts: 1, initTimeoutWallMs: 1500 });
    const startedAt = Date.now();

    // Act
    const invocations = await Promise.all(functions.map((config) => runtime.invoke(config.name, {})));
    const third = invocations[2];

    // Assess
    expect(invocations.map((invocation) => invocation.outcome)).toEqual(['success', 'success', 'success']);
    expect(third?.coldStartWaitMs).toBeGreaterThanOrEqual(1000);
    expect(third?.initDurationMs).toBeLessThan(1500);
    expect(resultOf(third as InvokeResult).initEndedAt - startedAt).toBeGreaterThan(1500);
  });

  it('ends an invocation waiting for a cold start with an error when the runtime closes', async () => {
    const runtime = start([slowInitFunction('blocker', 300), slowInitFunction('waiting', 10)], {
      maxConcurrentColdStarts: 1,
    });
    const blocker = runtime.invoke('blocker', {});
    const waiting = runtime.invoke('waiting', {});

    await runtime.close();

    await expect(waiting).rejects.toThrow("the lambda runtime is closed; cannot invoke 'waiting'");
    await expect(blocker).resolves.toMatchObject({ outcome: 'error' });
    expect(runtime.coldStarts()).toMatchObject({ waiting: 0 });
  });
});
