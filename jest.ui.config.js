/**
 * The browser tests (`npm run test:ui`): headless Chromium (/usr/bin/chromium) driven by
 * playwright-core against the live timeline page. Kept out of `npm test`, which must pass on a
 * machine without Chromium.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/ui'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // The same cached test assembly as `npm test` (synthesized only when its sources changed), so
  // CI's browser step, which runs after npm test, boots the local cloud without synthesizing again.
  globalSetup: '<rootDir>/test/global-setup.ts',
  // Synthesis, a local cloud and a browser: minutes on a busy 2-core machine.
  testTimeout: 600000,
  maxWorkers: 1,
};
