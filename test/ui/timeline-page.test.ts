import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { LocalCloud } from '../../lib/local/local-cloud';
import { runSagaOnLocalCloud } from '../../lib/saga/saga-run';
import { startTimelineServer, type TimelineServer } from '../../lib/ui';
import { startSagaTestCloud } from '../support/saga-test-cloud';
import { launchChromium } from './chromium';

const PROJECT_ROOT = join(__dirname, '..', '..');
const SCREENSHOT = join(PROJECT_ROOT, 'test-results', 'ui', 'timeline.png');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the live timeline page', () => {
  let cloud: LocalCloud;
  let ui: TimelineServer;
  let browser: { context: BrowserContext; close: () => Promise<void> };

  beforeAll(async () => {
    // test/global-setup.ts has synthesized the app (with bundling) into the test assembly.
    cloud = await startSagaTestCloud({ timeScale: 2 });
    ui = await startTimelineServer({ cloud, port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await ui?.close();
    await cloud?.stop();
  });

  it('shows orders reaching CONFIRMED live, and an order timeline on click', async () => {
    // Prepare: the page is open before any order exists, so what it shows arrives live.
    const page = await browser.context.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(ui.url)) external.push(request.url());
    });
    await page.goto(ui.url);
    await page.locator('#connection.live').waitFor();

    // Act
    const run = await runSagaOnLocalCloud(cloud, {
      variant: 'choreography',
      orders: 4,
      seed: 3,
      mix: { confirmed: 3, 'payment-declined': 1 },
    });
    const confirmedId = run.orders.find((order) => order.expectedStatus === 'CONFIRMED')?.data.orderId ?? '';
    const row = page.locator(`tr.order[data-order="${confirmedId}"]`);
    await row.locator('.status.CONFIRMED').waitFor({ timeout: 30_000 });
    await row.click();
    await page.locator('#timeline .bar-row').first().waitFor();
    await page.locator('#timeline', { hasText: 'OrderConfirmed' }).waitFor({ timeout: 30_000 });
    mkdirSync(join(PROJECT_ROOT, 'test-results', 'ui'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Assess
    expect(run.invariantsHold).toBe(true);
    expect(await page.locator('tr.order .status.CONFIRMED').count()).toBe(3);
    expect(await page.locator('tr.order .status.CANCELLED').count()).toBe(1);
    expect(await page.locator('#timeline-title').textContent()).toContain(confirmedId);
    expect(Number(await page.locator('#c-invocations').textContent())).toBeGreaterThan(0);
    expect(external).toEqual([]);
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.length).toBeGreaterThan(10_000);
  });
});
