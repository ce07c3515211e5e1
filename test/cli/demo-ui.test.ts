import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_ASSEMBLY_DIRECTORY } from '../support/test-assembly';
import { choreo } from './run-cli';

/** A short demo on the test assembly: four orders of the choreographed saga, no timelines. */
const SHORT_DEMO = [
  'demo',
  '--ui',
  '--orders',
  '4',
  '--timelines',
  '0',
  '--variants',
  'choreography',
  '--cdk-out',
  TEST_ASSEMBLY_DIRECTORY,
];

const PAGE_URL = /timeline page: (http:\/\/127\.0\.0\.1:\d+\/)/;

/** Whether anything still answers at `url`. */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

describe('choreo demo --ui', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'choreo-demo-ui-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('says in --help when the page outlives the run', async () => {
    // Act
    const run = await choreo(['demo', '--help']);

    // Assess: commander wraps the help to the terminal's width.
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(
      '--ui serve the live timeline page on 127.0.0.1 during the run; on a terminal it stays up after the summary until Ctrl-C, elsewhere (CI, a pipe) it closes when the demo ends',
    );
  });

  it('serves the page during the run and closes it with the demo when not on a terminal', async () => {
    // Prepare: fetch the page the moment its address is noted, while the orders run.
    let page: Promise<string> | undefined;
    let url = '';
    const traceOut = join(directory, 'trace.jsonl');

    // Act
    const run = await choreo([...SHORT_DEMO, '--json', '--trace-out', traceOut], {
      onStderr: (text) => {
        const found = PAGE_URL.exec(text);
        if (found?.[1] && !page) {
          url = found[1];
          page = fetch(url).then((response) => response.text());
        }
      },
    });

    // Assess
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(await page).toContain("new EventSource('/events')");
    expect(run.stderr).toContain('timeline page closed: not a terminal');
    expect(JSON.parse(run.stdout)).toMatchObject({ summaries: [{ variant: 'choreography', invariantsHold: true }] });
    expect(await answers(url)).toBe(false);
    // The shared boot writes --trace-out when the cloud stops.
    expect(existsSync(traceOut) && readFileSync(traceOut, 'utf8')).toContain('"detailType":"OrderPlaced"');
  }, 180_000);

  it('keeps the page up after the summary on a terminal, until Ctrl-C', async () => {
    // Prepare: once the demo says it is waiting, read the page's counts, then press Ctrl-C.
    let url = '';
    let afterRun: Promise<{ functions: { name: string; invocations: number }[] }> | undefined;
    const listenersBefore = process.listenerCount('SIGINT');
    // On a terminal the progress bar draws on the process's own stderr: keep it out of the test log.
    const terminal = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);

    // Act
    const run = await choreo(SHORT_DEMO, {
      interactive: true,
      onStderr: (text) => {
        url = PAGE_URL.exec(text)?.[1] ?? url;
        if (text.includes('until Ctrl-C') && !afterRun) {
          afterRun = fetch(`${url}api/stats`)
            .then((response) => response.json() as Promise<{ functions: { name: string; invocations: number }[] }>)
            .finally(() => process.emit('SIGINT'));
        }
      },
    }).finally(() => terminal.mockRestore());

    // Assess
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stderr).toContain(`the demo is over; the timeline page stays up at ${url} until Ctrl-C`);
    expect(run.stdout).toContain('saga invariants:');
    const stats = await afterRun;
    expect(stats?.functions.find((fn) => fn.name === 'shop-choreography-orders')?.invocations).toBeGreaterThan(0);
    expect(await answers(url)).toBe(false);
    expect(process.listenerCount('SIGINT')).toBe(listenersBefore);
  }, 180_000);
});
