// A Jest transformer that turns the project's TypeScript into CommonJS with esbuild (already the
// CDK's bundler here), one file at a time. Type checking is `npm run typecheck`'s job, once per
// run; the tsconfig has `isolatedModules`, so every file transpiles on its own. ts-jest did the
// same through the TypeScript compiler, which each Jest worker had to load (~1 s) and which took
// ~20 ms a file: on a clean clone, with no transform cache, that was ~35 s of `npm test`.
'use strict';
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { transformSync, version } = require('esbuild');

// Jest runs each test file in a vm context whose global object answers through an interceptor
// (and, since Jest 30, a proxy): every read of a global such as `Math` or `JSON` goes through
// C++, so hot code that uses them runs many times slower than in plain Node (a Math.imul loop:
// 2.9 s against 15 ms; nodejs/node#31658, jestjs/jest#5163). The local cloud's main thread runs in
// the test's context, so each transformed module reads the built-ins it may use once, into
// module-scope bindings. Timers and Date stay global: a test may fake them.
const LOCAL_GLOBALS = `var { ${[
  'Array',
  'ArrayBuffer',
  'BigInt',
  'Boolean',
  'Buffer',
  'DataView',
  'Error',
  'Float64Array',
  'Int32Array',
  'JSON',
  'Map',
  'Math',
  'Number',
  'Object',
  'Promise',
  'Proxy',
  'RangeError',
  'Reflect',
  'RegExp',
  'Set',
  'String',
  'Symbol',
  'SyntaxError',
  'TextDecoder',
  'TextEncoder',
  'TypeError',
  'Uint8Array',
  'URL',
  'URLSearchParams',
  'WeakMap',
  'WeakRef',
  'WeakSet',
  'encodeURIComponent',
  'decodeURIComponent',
  'isFinite',
  'isNaN',
  'parseFloat',
  'parseInt',
  'process',
  'structuredClone',
].join(', ')} } = globalThis;`;

// What changes the output besides the file itself: esbuild's version and these options.
const OPTIONS = {
  banner: LOCAL_GLOBALS,
  loader: 'ts',
  format: 'cjs',
  // The oldest Node the tests run on; nothing newer than it is lowered.
  target: `node${process.versions.node}`,
  sourcemap: true,
  sourcesContent: false,
  // Class fields keep TypeScript's `useDefineForClassFields` semantics for target ES2022+.
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: false } },
};
const SELF = readFileSync(__filename);

module.exports = {
  canInstrument: false,
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256')
      .update(version)
      .update(SELF)
      .update(OPTIONS.target)
      .update(sourcePath)
      .update('\0')
      .update(sourceText)
      .digest('hex');
  },
  process(sourceText, sourcePath) {
    const { code, map } = transformSync(sourceText, { ...OPTIONS, sourcefile: sourcePath });
    return { code, map };
  },
};
