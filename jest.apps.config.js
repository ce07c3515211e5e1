/**
 * The foreign-style app corpus (`npm run test:apps`): small CDK apps under test/fixtures/apps,
 * each synthesized once per change (test/apps/global-setup.ts) and run end to end on the local
 * cloud with the check its README gives. Kept out of `npm test` to keep that fast.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/apps'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  globalSetup: '<rootDir>/test/apps/global-setup.ts',
  testTimeout: 60000,
  maxWorkers: process.env.CI ? 2 : '50%',
};
