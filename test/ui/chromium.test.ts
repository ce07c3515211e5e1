import { ChromiumMissingError, launchChromium } from './chromium';

describe('the browser launcher', () => {
  it('fails saying how to install Chromium when there is none', async () => {
    // Act
    const launching = launchChromium('/nonexistent/chromium');

    // Assess
    await expect(launching).rejects.toThrow(ChromiumMissingError);
    await expect(launching).rejects.toThrow(
      "no chromium at '/nonexistent/chromium': the browser tests (npm run test:ui) need Debian's chromium, install it with 'apt-get update && apt-get install -y chromium'",
    );
  });
});
