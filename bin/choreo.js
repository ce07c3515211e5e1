#!/usr/bin/env node
// V8 optimizes a function once it has run ~66 KB of bytecode. The local cloud runs each Lambda
// execution environment in its own V8 isolate, and every isolate optimizes the same AWS SDK code
// again on V8's background threads: a quarter of a saga run's CPU. A budget about four times
// larger optimizes only what stays hot (bench/README.md, "Measurements behind design choices");
// `npm test` passes the same flag to Jest. Set first, before any code runs.
require('node:v8').setFlagsFromString('--interrupt-budget=250000');
// The `choreo` command runs its TypeScript source through tsx, so it works right after `npm ci`
// with no build step.
require('tsx/cjs');
require('./choreo.ts');
