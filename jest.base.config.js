/**
 * What every Jest config of the project shares (jest.config.js, and the apps, ui and durability
 * configs kept out of `npm test`). Tests are type-checked with the rest of the tree by
 * `npm run typecheck` (tsconfig.json includes test/), once per run instead of once per test file,
 * so test/support/esbuild-transformer.js only transpiles.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': '<rootDir>/test/support/esbuild-transformer.js',
  },
  // No setup file: the aws-sdk-client-mock matchers are imported by the files that use them (a
  // setup file runs in every test file; that one cost ~60 ms in each of ~190 files).
  // The app's assembly, synthesized once per change (cached by source digest) for the tests that
  // boot the local cloud on it; shared by every config, so CI's browser and durability steps, which
  // run after npm test, do not synthesize again.
  globalSetup: '<rootDir>/test/global-setup.ts',
  // Each test file compiles the modules it loads as a vm.Script, which V8's compilation cache serves
  // from the second file on, instead of Jest 30's vm.compileFunction, which it does not
  // (test/support/script-compiling-runtime.js).
  runtime: '<rootDir>/test/support/script-compiling-runtime.js',
  // Two cores: one worker for the tests, one for the worker threads the local cloud starts.
  // The test scripts (package.json) start Jest with V8's --interrupt-budget=250000, which its
  // workers inherit: each Lambda environment is a V8 isolate of its own, and each test file loads
  // its modules afresh, so V8 optimized the same code again and again on its background threads.
  // The suite takes ~8% less CPU and 161-166 s instead of 178-194 s (bench/README.md).
  maxWorkers: process.env.CI ? 2 : '50%',
};
