/**
 * The browser tests (`npm run test:ui`): headless Chromium (/usr/bin/chromium) driven by
 * playwright-core against the live timeline page. Kept out of `npm test`, which must pass on a
 * machine without Chromium.
 * @type {import('jest').Config}
 */
module.exports = {
  ...require('./jest.base.config.js'),
  roots: ['<rootDir>/test/ui'],
  // Synthesis, a local cloud and a browser: minutes on a busy 2-core machine.
  testTimeout: 600000,
  maxWorkers: 1,
};
