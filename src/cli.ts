#!/usr/bin/env node
/**
 * Kept so that `node dist/src/cli.js` (older scripts, the benchmark) still works: the command
 * itself is `cli/main.ts`.
 */
import './cli/main.js';
