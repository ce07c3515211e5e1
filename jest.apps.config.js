/**
 * The foreign-style app corpus (`npm run test:apps`): small CDK apps under test/fixtures/apps,
 * each synthesized once per change (test/apps/global-setup.ts) and run end to end on the local
 * cloud with the check its README gives. Kept out of `npm test` to keep that fast.
 * @type {import('jest').Config}
 */
module.exports = {
  ...require('./jest.base.config.js'),
  roots: ['<rootDir>/test/apps'],
  globalSetup: '<rootDir>/test/apps/global-setup.ts',
  testTimeout: 60000,
};
