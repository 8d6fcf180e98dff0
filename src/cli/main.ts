#!/usr/bin/env node
/** The `kubemend` executable (package.json `bin`). */
import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A bug, not a usage error: show the stack so it can be reported.
    process.stderr.write(`kubemend: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
