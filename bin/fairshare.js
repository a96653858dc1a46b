#!/usr/bin/env node
// Runs the compiled CLI; `npm run build:server` produces it.
import('../dist/cli/main.js').catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
