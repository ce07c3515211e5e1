/** @type {import('jest').Config} */
module.exports = {
  ...require('./jest.base.config.js'),
  roots: ['<rootDir>/test'],
  // Browser tests need Chromium: they run with `npm run test:ui` (jest.ui.config.js), not here; the
  // foreign-app corpus runs with `npm run test:apps` (jest.apps.config.js), the kill-and-restart
  // test with `npm run test:durability` (jest.durability.config.js).
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/ui/',
    '<rootDir>/test/apps/',
    '<rootDir>/test/durability/',
  ],
  testTimeout: 30000,
  testSequencer: '<rootDir>/test/support/longest-first-sequencer.js',
};
