import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScaledClock } from '../../../lib/local/clock';
import { LambdaRuntime, type Isolation } from '../../../lib/local/lambda';
import { fixtureFunction } from './fixture-functions';

/** A code directory whose `index.handler` answers its version after waiting `event.ms`. */
function writeCode(root: string, version: string): string {
  const directory = join(root, version);
  mkdirSync(directory);
  writeFileSync(
    join(directory, 'index.js'),
    [
      "const environmentId = require('node:crypto').randomUUID();",
      'exports.handler = async (event) => {',
      '  await new Promise((resolve) => setTimeout(resolve, event.ms ?? 0));',
      `  return { version: '${version}', environmentId, greeting: process.env.GREETING };`,
      '};',
    ].join('\n'),
  );
  return directory;
}

// Lambda's UpdateFunctionCode: invocations after the update run the new code; one running during
// it finishes on the old code (https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionCode.html).
describe.each<Isolation>(['thread', 'process'])('replacing a function’s code (%s isolation)', (isolation) => {
  let root: string;
  let runtime: LambdaRuntime;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'code-replacement-'));
    runtime = new LambdaRuntime({
      functions: [fixtureFunction('worker', 'handler', { directory: writeCode(root, 'v1') })],
      clock: new ScaledClock(),
      endpointUrl: 'http://127.0.0.1:4577',
      isolation,
    });
  });

  afterEach(async () => {
    await runtime.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('runs the new code on the next invocation, in a new environment', async () => {
    const before = await runtime.invoke('worker', {});
    await runtime.replaceCode('worker', writeCode(root, 'v2'));

    const after = await runtime.invoke('worker', {});

    expect(before.result).toMatchObject({ version: 'v1' });
    expect(after.result).toMatchObject({ version: 'v2' });
    expect(after.coldStart).toBe(true);
    expect(runtime.stats().worker?.environments).toBe(1);
  });

  it('lets an invocation running during the replacement finish on the old code, then ends its environment', async () => {
    const running = runtime.invoke('worker', { ms: 300 });
    await waitUntil(() => runtime.stats().worker?.active === 1);
    await runtime.replaceCode('worker', writeCode(root, 'v2'));

    const finished = await running;
    const next = await runtime.invoke('worker', {});

    expect(finished).toMatchObject({ outcome: 'success', result: { version: 'v1' } });
    expect(next).toMatchObject({ coldStart: true, result: { version: 'v2' } });
    expect(runtime.stats().worker?.environments).toBe(1);
  });

  // https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html
  it('runs the next invocation with a new environment and memory size', async () => {
    const config = runtime.functionConfig('worker');
    if (!config) throw new Error('no worker');
    await runtime.invoke('worker', {});

    await runtime.updateFunction({ ...config, environment: { GREETING: 'hello' }, memorySizeMb: 256 });
    const after = await runtime.invoke('worker', {}, { captureLog: true });

    expect(after).toMatchObject({ coldStart: true, result: { version: 'v1', greeting: 'hello' } });
    expect(after.log?.at(-1)).toContain('Memory Size: 256 MB');
  });

  it('refuses to replace the code of a function it does not run', async () => {
    await expect(runtime.replaceCode('nobody', root)).rejects.toThrow(/nobody/);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
