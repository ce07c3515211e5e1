import { ScaledClock } from '../../../lib/local/clock';
import { findRuntimeNode } from '../../../lib/local/lambda';
import { fixtureFunction } from './fixture-functions';
import { lambdaRuntimeForEachTest } from './runtime-for-each-test';

describe("execution environments in child processes on the runtime's Node (--isolation process)", () => {
  const start = lambdaRuntimeForEachTest(() => ({ clock: new ScaledClock(), isolation: 'process' }));

  it('runs a nodejs24.x function on Node 24 and a nodejs22.x function on Node 22, from the runtimes package', async () => {
    const lambda = start([
      fixtureFunction('on24', 'version', { runtime: 'nodejs24.x' }),
      fixtureFunction('on22', 'version', { runtime: 'nodejs22.x' }),
    ]);

    const on24 = await lambda.invoke('on24', {});
    const on22 = await lambda.invoke('on22', {});

    expect(findRuntimeNode('nodejs24.x')).toBeDefined();
    expect(on24.result).toMatchObject({ node: expect.stringMatching(/^v24\./) });
    expect(on22.result).toMatchObject({ node: expect.stringMatching(/^v22\./) });
    expect(lambda.warnings).toEqual([]);
  });

  it("caps the heap at MemorySize and runs in the function's task root, as Lambda does", async () => {
    const config = fixtureFunction('sized', 'version', { runtime: 'nodejs24.x', memorySizeMb: 256 });
    const lambda = start([config]);

    const { result } = await lambda.invoke('sized', {});

    expect(result).toMatchObject({
      execArgv: expect.arrayContaining(['--max-old-space-size=256']),
      cwd: config.code.kind === 'directory' ? config.code.directory : '',
    });
  });

  it('fails an invocation that calls process.exit with Runtime.ExitError and keeps serving (Lambda: "Runtime exited with error: exit status 3")', async () => {
    const lambda = start([
      fixtureFunction('exiting', 'exit', { runtime: 'nodejs24.x' }),
      fixtureFunction('echo', 'handler', { runtime: 'nodejs24.x' }),
    ]);

    const exited = await lambda.invoke('exiting', {}, { captureLog: true });
    const echo = await lambda.invoke('echo', { still: 'serving' });
    const again = await lambda.invoke('exiting', {});

    expect(exited).toMatchObject({
      outcome: 'error',
      error: {
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: ${exited.requestId} Error: Runtime exited with error: exit status 3`,
      },
    });
    expect(exited.log).toContainEqual(
      `RequestId: ${exited.requestId} Error: Runtime exited with error: exit status 3\nRuntime.ExitError`,
    );
    expect(echo).toMatchObject({ outcome: 'success', result: { echo: { still: 'serving' } } });
    expect(again).toMatchObject({ outcome: 'error', coldStart: true, error: { errorType: 'Runtime.ExitError' } });
  });

  it('fails an invocation that runs out of memory with Runtime.OutOfMemory and keeps serving', async () => {
    const lambda = start([
      fixtureFunction('hungry', 'oom', { runtime: 'nodejs24.x', memorySizeMb: 128 }),
      fixtureFunction('echo', 'handler', { runtime: 'nodejs24.x' }),
    ]);

    const hungry = await lambda.invoke('hungry', {});
    const echo = await lambda.invoke('echo', {});

    expect(hungry).toMatchObject({ outcome: 'error', error: { errorType: 'Runtime.OutOfMemory' } });
    expect(echo).toMatchObject({ outcome: 'success' });
    expect(lambda.stats().hungry).toMatchObject({ errors: 1, environments: 0 });
  });

  it("falls back to the host's Node with a warning when the runtime's Node is not installed", async () => {
    const lambda = start([fixtureFunction('old', 'version', { runtime: 'nodejs18.x' })], {
      runtimeNode: () => undefined,
    });

    const { result } = await lambda.invoke('old', {});

    expect(result).toMatchObject({ node: process.version });
    expect(lambda.warnings).toEqual([
      `function 'old' declares nodejs18.x, whose Node is not installed (npm run runtimes): it runs on the host's Node ${process.versions.node}`,
    ]);
  });

  it('fails an out-of-memory worker thread with Runtime.OutOfMemory too (--isolation thread, enforceMemoryLimit)', async () => {
    const lambda = start([fixtureFunction('hungry', 'oom', { memorySizeMb: 128 })], {
      isolation: 'thread',
      enforceMemoryLimit: true,
    });

    const hungry = await lambda.invoke('hungry', {});

    expect(hungry).toMatchObject({ outcome: 'error', error: { errorType: 'Runtime.OutOfMemory' } });
  });
});
