import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { SERVICE_NAMES } from '../../lib/contracts';
import { launchChromium } from './chromium';

const PROJECT_ROOT = join(__dirname, '..', '..');
/** What `choreo diagram` writes; test/diagram keeps it in step with the app. */
const ARCHITECTURE_PAGE = join(PROJECT_ROOT, 'docs', 'architecture.html');
const SCREENSHOT = join(PROJECT_ROOT, 'test-results', 'architecture.png');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the architecture page', () => {
  let browser: { context: BrowserContext; close: () => Promise<void> };

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws the saga graph with its events and the five services, offline', async () => {
    // Prepare: the page must render from the file alone, fetching nothing.
    const page = await browser.context.newPage();
    const pageUrl = pathToFileURL(ARCHITECTURE_PAGE).href;
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (request.url() !== pageUrl) fetched.push(request.url());
    });

    // Act
    await page.goto(pageUrl, { waitUntil: 'load' });
    const graph = page.locator('svg[aria-label^="architecture of choreography"]');
    await graph.waitFor();
    const box = await graph.boundingBox();
    const eventNodes = await graph.locator('g.node-event').allTextContents();
    const functionNodes = await graph.locator('g.node-function').allTextContents();
    mkdirSync(join(PROJECT_ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Assess
    expect(fetched).toEqual([]);
    expect(box?.width).toBeGreaterThan(500);
    expect(box?.height).toBeGreaterThan(500);
    expect(eventNodes.join(' ')).toContain('OrderPlaced');
    expect(eventNodes.join(' ')).toContain('OrderConfirmed');
    for (const service of SERVICE_NAMES) {
      expect(functionNodes.some((text) => text.includes(`shop-choreography-${service}`))).toBe(true);
    }
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.length).toBeGreaterThan(50_000);
  });
});
