#!/usr/bin/env node
// The `choreo` command runs its TypeScript source through tsx, so it works right after `npm ci`
// with no build step.
require('tsx/cjs');
require('./choreo.ts');
