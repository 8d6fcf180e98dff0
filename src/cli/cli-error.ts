/**
 * The CLI's one exception: a usage or input error that ends the command with exit code 2 and a one-line
 * message. Thrown only inside `src/cli` and caught by `runCli`; stages below never see it.
 */
export type ExitCode = 0 | 1 | 2;

export class CliError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
