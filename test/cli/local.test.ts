import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_ASSEMBLY_DIRECTORY } from '../support/test-assembly';
import { choreo } from './run-cli';

/** An event no rule of the saga matches: it reaches the trace and starts nothing. */
const PING = JSON.stringify({
  Entries: [{ EventBusName: 'shop-choreography', Source: 'test.cli', DetailType: 'Ping', Detail: '{}' }],
});

describe('choreo local', () => {
  it('keeps the local cloud and its timeline page up until Ctrl-C, prints function logs as they happen, then stops and writes the trace', async () => {
    // Prepare: once both addresses are printed, put an event and open the page, then press Ctrl-C.
    const directory = mkdtempSync(join(tmpdir(), 'choreo-local-'));
    const traceOut = join(directory, 'trace.jsonl');
    let stdout = '';
    let answered: Promise<{ endpoint: number; page: number }> | undefined;

    // Act
    const run = await choreo(
      ['local', '--port', '0', '--ui', '--cdk-out', TEST_ASSEMBLY_DIRECTORY, '--trace-out', traceOut],
      {
        onStdout: (text) => {
          stdout += text;
          const endpoint = /local cloud ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
          const page = /timeline page: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
          if (endpoint && page && !answered) {
            answered = Promise.all([
              fetch(endpoint, {
                method: 'POST',
                headers: { 'x-amz-target': 'AWSEvents.PutEvents', 'content-type': 'application/x-amz-json-1.1' },
                body: PING,
              }),
              fetch(page),
              // Lambda Invoke through the endpoint: the function's log lines are printed as they happen.
              fetch(`${endpoint}/2015-03-31/functions/shop-choreography-orders/invocations`, {
                method: 'POST',
                body: '{"Records":[]}',
              }),
            ])
              .then(([fromEndpoint, fromPage, fromInvoke]) => ({
                endpoint: fromEndpoint.status,
                page: fromPage.status,
                invoke: fromInvoke.status,
              }))
              .finally(() => process.emit('SIGINT'));
          }
        },
      },
    );

    // Assess
    try {
      expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(run.stderr).not.toContain('warning:');
      expect(run.stdout).toContain('Ctrl-C stops it.');
      expect(await answered).toEqual({ endpoint: 200, page: 200, invoke: 200 });
      // --logs all (the default of `choreo local`): the invocation's REPORT line, with the function's short name.
      expect(run.stderr).toMatch(/choreography-orders\s*│ REPORT [\d.]+ ms, init [\d.]+ ms/);
      // The drain (issue 12): no new work, the invocations in flight finished, what was left said.
      expect(run.stderr).toMatch(
        /SIGINT: draining \(no new work; up to 10 s [^\n]*\ndrained in \d+ ms: [^\n]*\nstopped\n$/,
      );
      expect(readFileSync(traceOut, 'utf8')).toContain('"detailType":"Ping"');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 180_000);

  it('refuses --watch with --cdk-out: watching needs the sources the assembly was synthesized from', async () => {
    const run = await choreo(['local', '--watch', '--cdk-out', TEST_ASSEMBLY_DIRECTORY, '--port', '0']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--watch rebuilds from the app's sources: it cannot run a given --cdk-out");
  });
});
