import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ScaledClock } from '../../../lib/local/clock';
import {
  FunctionNotFoundError,
  MemoryLogSink,
  RuntimeClosedError,
  TooManyRequestsError,
  type LambdaFunctionConfig,
  type LambdaRuntimeOptions,
} from '../../../lib/local/lambda';
import { TraceRecorder } from '../../../lib/local/trace';
import { HANDLERS_DIR } from '../../fixtures/local-app/app';
import { fixtureFunction } from './fixture-functions';
import { ENDPOINT, lambdaRuntimeForEachTest } from './runtime-for-each-test';

describe('LambdaRuntime', () => {
  const startRuntime = lambdaRuntimeForEachTest();

  function start(functions: LambdaFunctionConfig[], options: Partial<LambdaRuntimeOptions> = {}) {
    const clock = options.clock ?? new ScaledClock({ timeScale: 10 });
    // Correlates a payload by its `order` field, as a layer above the emulator would.
    const trace = new TraceRecorder(clock, { correlate: (payload) => (payload as { order?: string }).order });
    return { runtime: startRuntime(functions, { clock, trace, ...options }), trace, clock };
  }

  it('returns the handler result, cold the first time and warm in the same environment after', async () => {
    // Prepare
    const { runtime, trace } = start([fixtureFunction('echo', 'handler')]);

    // Act
    const first = await runtime.invoke('echo', { order: 'o-1' }, { trigger: 'sqs:orders' });
    const second = await runtime.invoke('echo', { order: 'o-2' });

    // Assess
    expect(first).toMatchObject({
      outcome: 'success',
      coldStart: true,
      result: { echo: { order: 'o-1' }, invocations: 1, functionName: 'echo' },
    });
    expect(first.result).toMatchObject({ requestId: first.requestId });
    expect(second).toMatchObject({ outcome: 'success', coldStart: false, result: { invocations: 2 } });
    expect((second.result as { loadedAt: number }).loadedAt).toBe((first.result as { loadedAt: number }).loadedAt);
    expect(runtime.stats().echo).toMatchObject({ invocations: 2, coldStarts: 1, errors: 0, environments: 1 });
    expect(trace.events('invocation.started')).toEqual([
      expect.objectContaining({
        functionName: 'echo',
        coldStart: true,
        trigger: 'sqs:orders',
        correlationIds: ['o-1'],
        correlationId: 'o-1',
      }),
      expect.objectContaining({ functionName: 'echo', coldStart: false, trigger: 'direct', correlationIds: ['o-2'] }),
    ]);
    expect(trace.events('invocation.ended').map((event) => event.outcome)).toEqual(['success', 'success']);
  });

  it('reports a thrown error as an error outcome and keeps the environment warm', async () => {
    const { runtime, trace } = start([fixtureFunction('payments', 'fail')]);

    const failed = await runtime.invoke('payments', {});
    const again = await runtime.invoke('payments', {});

    expect(failed).toMatchObject({
      outcome: 'error',
      error: { errorType: 'GatewayError', errorMessage: 'payment gateway unreachable' },
    });
    expect(again.coldStart).toBe(false);
    expect(runtime.stats().payments).toMatchObject({ errors: 2, coldStarts: 1 });
    expect(trace.events('invocation.ended')[0]).toMatchObject({
      outcome: 'error',
      error: 'GatewayError: payment gateway unreachable',
    });
  });

  it('ends the worker of an invocation that outlives its timeout; the next invocation is a cold start', async () => {
    // 1 s of AWS time at time scale 10 is 100 ms of wall time; the handler sleeps 2 s of wall time.
    const { runtime, trace } = start([fixtureFunction('slow', 'sleep', { timeoutSeconds: 1 })]);

    const started = Date.now();
    const timedOut = await runtime.invoke('slow', { ms: 2000 });
    const wallMs = Date.now() - started;
    const next = await runtime.invoke('slow', { ms: 0 });

    expect(timedOut).toMatchObject({ outcome: 'timeout', error: { errorType: 'Sandbox.Timedout' } });
    expect(timedOut.error?.errorMessage).toContain('Task timed out after 1.00 seconds');
    expect(timedOut.durationMs).toBeGreaterThanOrEqual(1000);
    expect(wallMs).toBeLessThan(1500);
    expect(next).toMatchObject({ outcome: 'success', coldStart: true });
    expect(runtime.stats().slow).toMatchObject({ timeouts: 1, coldStarts: 2, environments: 1 });
    expect(trace.events('invocation.ended')[0]).toMatchObject({ outcome: 'timeout' });
  });

  it('counts the remaining time down in AWS time', async () => {
    const { runtime } = start([fixtureFunction('slow', 'sleep', { timeoutSeconds: 10 })]);

    // 50 ms of wall time is 500 ms of AWS time at time scale 10.
    const { result } = await runtime.invoke('slow', { ms: 50 });

    const { remainingBefore, remainingAfter } = result as { remainingBefore: number; remainingAfter: number };
    expect(remainingBefore).toBeLessThanOrEqual(10_000);
    expect(remainingBefore).toBeGreaterThan(8000);
    expect(remainingBefore - remainingAfter).toBeGreaterThanOrEqual(450);
  });

  it('gives the handler the template environment plus what Lambda sets, and nothing of the host', async () => {
    process.env.HOST_ONLY_SECRET = 'must-not-leak';
    const { runtime } = start([
      fixtureFunction('orders-fn', 'env', {
        memorySizeMb: 512,
        runtime: 'nodejs24.x',
        environment: {
          TABLE_NAME: 'orders',
          NODE_OPTIONS: '--enable-source-maps',
          AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
        },
      }),
    ]);

    const { result } = await runtime.invoke('orders-fn', {});
    delete process.env.HOST_ONLY_SECRET;

    const { env, execArgv } = result as { env: Record<string, string>; execArgv: string[] };
    expect(env).toMatchObject({
      TABLE_NAME: 'orders',
      AWS_ENDPOINT_URL: ENDPOINT,
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'LOCAL_orders-fn',
      AWS_LAMBDA_FUNCTION_NAME: 'orders-fn',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      LAMBDA_TASK_ROOT: path.join(HANDLERS_DIR, 'basic'),
      _HANDLER: 'index.env',
      TZ: 'UTC',
    });
    expect(env.AWS_SECRET_ACCESS_KEY).toBeTruthy();
    expect(env.AWS_SESSION_TOKEN).toBeTruthy();
    expect(env.AWS_LAMBDA_LOG_STREAM_NAME).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(Object.keys(env).filter((key) => key.startsWith('AWS_XRAY_'))).toEqual([]);
    expect(env).not.toHaveProperty('HOST_ONLY_SECRET');
    expect(execArgv).toEqual(['--enable-source-maps']);
  });

  it('resolves the external SDK for an asset outside the project and calls the endpoint as the function', async () => {
    // Prepare: the asset lives in a temporary directory, with no node_modules above it.
    const assetDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'local-lambda-asset-'));
    fs.copyFileSync(path.join(HANDLERS_DIR, 'sdk', 'index.js'), path.join(assetDirectory, 'index.js'));
    const calls: http.IncomingHttpHeaders[] = [];
    const server = http.createServer((request, response) => {
      calls.push(request.headers);
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ QueueUrls: ['http://127.0.0.1/000000000000/orders'] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpointUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { runtime } = start([fixtureFunction('sdk-fn', 'handler', { directory: assetDirectory })], { endpointUrl });

    try {
      // Act
      const invocation = await runtime.invoke('sdk-fn', {});

      // Assess
      expect(invocation).toMatchObject({
        outcome: 'success',
        result: {
          region: 'us-east-1',
          accessKeyId: 'LOCAL_sdk-fn',
          queueUrls: ['http://127.0.0.1/000000000000/orders'],
        },
      });
      expect(calls).toHaveLength(1);
      expect(calls[0]?.['x-amz-target']).toBe('AmazonSQS.ListQueues');
      expect(calls[0]?.authorization).toContain('Credential=LOCAL_sdk-fn/');
    } finally {
      server.close();
      fs.rmSync(assetDirectory, { recursive: true, force: true });
    }
  });

  it('runs at most the reserved concurrency at once and queues the rest', async () => {
    const { runtime } = start([fixtureFunction('limited', 'sleep', { reservedConcurrency: 2, timeoutSeconds: 60 })]);

    const results = await Promise.all([1, 2, 3, 4, 5].map(() => runtime.invoke('limited', { ms: 100 })));

    expect(results.map((result) => result.outcome)).toEqual(['success', 'success', 'success', 'success', 'success']);
    expect(runtime.stats().limited).toMatchObject({
      invocations: 5,
      peakConcurrency: 2,
      coldStarts: 2,
      environments: 2,
    });
  });

  it('ends the least recently used idle environment when over the environment cap', async () => {
    const { runtime } = start([fixtureFunction('first', 'handler'), fixtureFunction('second', 'handler')], {
      maxEnvironments: 1,
    });

    await runtime.invoke('first', {});
    await runtime.invoke('second', {});
    const firstAgain = await runtime.invoke('first', {});

    expect(firstAgain.coldStart).toBe(true);
    expect(runtime.stats().first).toMatchObject({ coldStarts: 2, environments: 1 });
    expect(runtime.stats().second?.environments).toBe(0);
  });

  it('throttles beyond the concurrency limit when told to, with a retryable error', async () => {
    const { runtime } = start([fixtureFunction('limited', 'sleep', { reservedConcurrency: 1, timeoutSeconds: 60 })], {
      concurrencyOverflow: 'throttle',
    });

    const [first, second] = await Promise.allSettled([
      runtime.invoke('limited', { ms: 100 }),
      runtime.invoke('limited', { ms: 100 }),
    ]);

    expect(first).toMatchObject({ status: 'fulfilled', value: { outcome: 'success' } });
    expect(second).toMatchObject({ status: 'rejected', reason: expect.any(TooManyRequestsError) });
    expect((second as PromiseRejectedResult).reason).toMatchObject({
      retryable: true,
      code: 'TooManyRequestsException',
    });
    expect(runtime.stats().limited?.throttles).toBe(1);
  });

  it('survives a handler that calls process.exit, and starts a new environment next time', async () => {
    const { runtime } = start([fixtureFunction('quitter', 'exit')]);

    const exited = await runtime.invoke('quitter', {});
    const again = await runtime.invoke('quitter', {});

    expect(exited).toMatchObject({ outcome: 'error', error: { errorType: 'Runtime.ExitError' } });
    expect(exited.error?.errorMessage).toBe(
      `RequestId: ${exited.requestId} Error: Runtime exited with error: exit status 3`,
    );
    expect(again).toMatchObject({ outcome: 'error', coldStart: true });
    expect(runtime.stats().quitter).toMatchObject({ coldStarts: 2, errors: 2, environments: 0 });
  });

  it('turns an uncaught exception in the function into an invocation error that loses only its environment', async () => {
    const { runtime } = start([fixtureFunction('crasher', 'crashLater'), fixtureFunction('echo', 'handler')]);
    await runtime.invoke('echo', {});

    const crashed = await runtime.invoke('crasher', {});
    const echo = await runtime.invoke('echo', {});

    expect(crashed).toMatchObject({ outcome: 'error', error: { errorType: 'Error', errorMessage: 'late crash' } });
    expect(runtime.stats().crasher?.environments).toBe(0);
    expect(echo).toMatchObject({ outcome: 'success', coldStart: false });
  });

  it('sends function output to the log sink with the request id, not to the process stdout', async () => {
    const logSink = new MemoryLogSink();
    const stdout = jest.spyOn(process.stdout, 'write');
    const { runtime } = start([fixtureFunction('echo', 'handler')], { logSink });

    const { requestId } = await runtime.invoke('echo', { hello: 'logs' });
    await new Promise((resolve) => setTimeout(resolve, 50));

    const messages = logSink
      .entries('echo')
      .map((entry) => `${entry.stream}|${entry.requestId ?? ''}|${entry.message}`);
    // Lambda's Node runtime prefixes console lines with the time, the request id and the level.
    expect(messages).toContainEqual(
      expect.stringMatching(
        new RegExp(`^stdout\\|${requestId}\\|\\S+Z\\t${requestId}\\tINFO\\thandling \\{"hello":"logs"\\}$`),
      ),
    );
    expect(messages).toContain(`runtime|${requestId}|START RequestId: ${requestId} Version: $LATEST`);
    expect(messages.some((message) => message.startsWith(`runtime|${requestId}|REPORT RequestId: ${requestId}`))).toBe(
      true,
    );
    expect(stdout.mock.calls.flat().join('')).not.toContain('handling {"hello":"logs"}');
    stdout.mockRestore();
  });

  it('loads an ES module handler (index.mjs) and a callback-style handler', async () => {
    const { runtime } = start([
      fixtureFunction('esm', 'handler', { directory: 'esm' }),
      fixtureFunction('callback', 'callback'),
    ]);

    const esm = await runtime.invoke('esm', { a: 1 });
    const callback = await runtime.invoke('callback', { b: 2 });

    expect(esm).toMatchObject({
      outcome: 'success',
      result: { module: 'esm', digest: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(callback).toMatchObject({ outcome: 'success', result: { viaCallback: { b: 2 } } });
  });

  it('runs inline (ZipFile) code', async () => {
    const { runtime } = start([
      {
        ...fixtureFunction('inline', 'handler'),
        code: { kind: 'inline', source: 'exports.handler = async (event) => ({ inline: event.n * 2 });' },
      },
    ]);

    const invocation = await runtime.invoke('inline', { n: 21 });

    expect(invocation).toMatchObject({ outcome: 'success', result: { inline: 42 } });
  });

  it('reports a missing module and a missing export as Lambda does', async () => {
    const { runtime } = start([
      fixtureFunction('no-module', 'handler', { handler: 'missing.handler' }),
      fixtureFunction('no-export', 'nothingHere'),
    ]);

    const noModule = await runtime.invoke('no-module', {});
    const noExport = await runtime.invoke('no-export', {});

    expect(noModule).toMatchObject({ outcome: 'error', error: { errorType: 'Runtime.ImportModuleError' } });
    expect(noExport).toMatchObject({
      outcome: 'error',
      error: { errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.nothingHere is undefined or not exported' },
    });
  });

  it('refuses an unknown function, and any invocation once closed', async () => {
    const { runtime } = start([fixtureFunction('echo', 'handler')]);

    await expect(runtime.invoke('nope', {})).rejects.toBeInstanceOf(FunctionNotFoundError);
    await runtime.close();
    await expect(runtime.invoke('echo', {})).rejects.toBeInstanceOf(RuntimeClosedError);
  });
});
