/**
 * The durability test (`npm run test:durability`): the local cloud run as a child process with
 * `--data`, killed with SIGKILL in the middle of a 200-order saga and started again. It takes
 * minutes of wall time on two cores, so it is kept out of `npm test`.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/durability'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // The app's assembly, synthesized once per change (the same one `npm test` uses).
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 300000,
  maxWorkers: 1,
};
