#!/usr/bin/env node
/**
 * The `kubemend` executable (package.json `bin`). The App's own commands (`worker`, `sweep`: they run with the
 * App's credentials) live in the App front and load only when asked for; everything else is the CLI.
 */
import { type CliIo, processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

type AppCommand = (argv: string[], io: CliIo) => Promise<number>;

const APP_COMMANDS: Record<string, () => Promise<AppCommand>> = {
  worker: async () => (await import('../app/commands/worker.js')).runWorker,
  sweep: async () => (await import('../app/commands/sweep.js')).runSweepCommand,
};

/** Exits once the last lines are flushed: an App command leaves Probot's and Redis's connections open. */
function exitSoon(code: number): number {
  setTimeout(() => process.exit(code), 200).unref();
  return code;
}

function run(argv: string[]): Promise<number> {
  const [name = '', ...rest] = argv;
  const load = Object.hasOwn(APP_COMMANDS, name) ? APP_COMMANDS[name] : undefined;
  return load ? load().then((command) => command(rest, processIo()).then(exitSoon)) : runCli(argv, processIo());
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A bug, not a usage error: show the stack so it can be reported.
    process.stderr.write(
      `kubemend: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 2;
  },
);
