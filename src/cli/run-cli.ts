/**
 * Dispatch: `kubemend <command> [options]`. Usage and input errors end with exit code 2 and one line on
 * stderr; anything else thrown is a bug and is reported with its stack.
 */
import { CliError, type ExitCode } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { helpText } from './help.js';
import { COMMANDS, type Command, parseOptions } from './parse-options.js';
import { packageVersion } from './version.js';

/** Runs the CLI on `argv` (without node and the script) and returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io[name === undefined ? 'stderr' : 'stdout'](helpText('main'));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${packageVersion()}\n`);
    return 0;
  }
  if (!(COMMANDS as readonly string[]).includes(name)) {
    io.stderr(`kubemend: unknown command '${name}' (commands: ${COMMANDS.join(', ')}; see kubemend --help)\n`);
    return 2;
  }
  const command = name as Command;
  try {
    const opts = parseOptions(command, rest);
    if (opts.help) {
      io.stdout(helpText(command));
      return 0;
    }
    // Loaded on demand: `--help` and usage errors answer without loading the catalog and the pipeline.
    if (command === 'remediations') return await (await import('./command-remediations.js')).runRemediations(opts, io);
    if (command === 'example') return await (await import('./command-example.js')).runExample(io);
    if (command === 'report') return await (await import('./command-report.js')).runReport(opts, io);
    return await (await import('./command-run.js')).runCommand(opts, io);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    io.stderr(`${err.message}\n`);
    return err.exitCode;
  }
}
