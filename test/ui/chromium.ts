import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); the browser tests run nothing else. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The browser tests cannot run: no Chromium where they look for it. Not retryable until it is installed. */
export class ChromiumMissingError extends Error {
  override readonly name = 'ChromiumMissingError';
  readonly retryable = false;

  constructor(executablePath: string) {
    super(
      `no chromium at '${executablePath}': the browser tests (npm run test:ui) need Debian's chromium, ` +
        "install it with 'apt-get update && apt-get install -y chromium' (npm test does not need it)",
    );
  }
}

/**
 * A headless Chromium with a fresh profile, isolated from the network beyond loopback. Throws a
 * {@link ChromiumMissingError} saying how to install it when there is none, rather than a
 * launch failure deep inside playwright.
 */
export async function launchChromium(
  executablePath = CHROMIUM_PATH,
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(executablePath)) throw new ChromiumMissingError(executablePath);
  const userDataDir = mkdtempSync(join(tmpdir(), 'choreo-ui-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
