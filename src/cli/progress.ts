/**
 * A one-line progress bar on stderr. Drawn only for a terminal and text output: in CI logs and pipes the
 * carriage returns would be noise, and json/sarif consumers read stdout only.
 */
import type { CliIo } from './cli-io.js';

const WIDTH = 30;

/** A progress callback for the pipeline, plus `done()` to clear the line; a no-op when `enabled` is false. */
export function createProgress(
  io: CliIo,
  enabled: boolean,
): { onProgress: (done: number, total: number) => void; done: () => void } {
  if (!enabled) return { onProgress: () => undefined, done: () => undefined };
  let drawn = false;
  return {
    onProgress(done, total) {
      const filled = total ? Math.round((done / total) * WIDTH) : WIDTH;
      io.stderr(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} files`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr(`\r${' '.repeat(WIDTH + 30)}\r`);
    },
  };
}
