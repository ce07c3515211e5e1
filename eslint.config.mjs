import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Calls that leave a test out of the run, or run it alone: none may be committed. */
const FOCUSED_OR_SKIPPED = ['describe', 'it', 'test'].flatMap((object) =>
  ['only', 'skip'].map((property) => ({
    object,
    property,
    message: `${object}.${property} leaves tests out of the run; commit every test enabled`,
  })),
);

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      'test/fixtures/add-a-service/',
      '**/cdk.out/',
      'coverage/',
      'bench/out/',
      // What the tests write (Jest reports, the watch test's app copy): not the project's source.
      'test-results/',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // An async method that implements a Promise-returning interface without awaiting reads better
      // than a Promise.resolve wrapper, and throwing in it still rejects; the rule reports exactly those.
      '@typescript-eslint/require-await': 'off',
      // String(value) of an unknown value is how error messages quote the offending input, as AWS does.
      '@typescript-eslint/no-base-to-string': 'off',
      'no-restricted-properties': ['error', ...FOCUSED_OR_SKIPPED],
      'no-restricted-globals': [
        'error',
        ...['fit', 'fdescribe', 'xit', 'xdescribe', 'xtest'].map((name) => ({
          name,
          message: `${name} leaves tests out of the run; commit every test enabled`,
        })),
      ],
    },
  },
  {
    // Jest's asymmetric matchers (expect.any, expect.objectContaining) are typed `any`, and tests read
    // parsed responses structurally before asserting on them: the unsafe-any rules report those only.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
