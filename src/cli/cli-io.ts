/** The process surface the CLI uses, injectable so the commands can run in-process in tests. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress bars are drawn only then). */
  stderrIsTty: boolean;
}

/** The real process. */
export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
  };
}
