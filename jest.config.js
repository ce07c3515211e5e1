/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Browser tests need Chromium: they run with `npm run test:ui` (jest.ui.config.js), not here; the
  // foreign-app corpus runs with `npm run test:apps` (jest.apps.config.js), the kill-and-restart
  // test with `npm run test:durability` (jest.durability.config.js).
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/ui/',
    '<rootDir>/test/apps/',
    '<rootDir>/test/durability/',
  ],
  // Tests are type-checked with the rest of the tree by `npm run typecheck` (tsconfig.json includes
  // test/), once per run instead of once per test file, so ts-jest only transpiles.
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // Synthesizes the app once per run for the local-cloud end-to-end tests (cached by source digest).
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 30000,
  // Two cores: one worker for the suite, one for the worker threads the local cloud starts.
  maxWorkers: process.env.CI ? 2 : '50%',
};
