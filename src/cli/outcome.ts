/**
 * What a run's exit code and stderr say beyond the chosen format (docs/cli.md, "Exit codes"): `scan` fails
 * on failures and on every file it did not scan (a Helm template, a link out of the repository, an
 * unreadable file): a clean scan vouches for every file it was given. `fix` and `plan` exit 1 when a file
 * could not be processed (it does not parse, its patch could not be verified, it cannot be read), whatever
 * they did to the others; files left alone by design (Helm templates, links out of the repository) are
 * reported, not errors. Formats that cannot carry these (a diff, the `--git` pull request) get them on stderr.
 */
import type { RunResult } from '../model.js';
import { isFailure } from '../report/failures.js';
import type { NotScanned } from '../report/not-scanned.js';
import { describeUnmapped } from '../report/unmapped.js';
import type { ExitCode } from './cli-error.js';

/** Failures a scan reports: fixable ones, skipped ones that still fail, files that do not parse or were not scanned. */
export function countFailures(result: RunResult, notScanned: readonly NotScanned[] = []): number {
  return (
    result.files.reduce((n, f) => n + f.fixes.length + f.skipped.filter(isFailure).length + (f.error ? 1 : 0), 0) +
    notScanned.length
  );
}

/** `scan`: 1 when anything fails or was not scanned. */
export function scanExitCode(result: RunResult, notScanned: readonly NotScanned[]): ExitCode {
  return countFailures(result, notScanned) > 0 ? 1 : 0;
}

/** `fix` and `plan`: 1 when a file could not be processed (parse, patch or read error), whatever was fixed in the others. */
export function fixExitCode(result: RunResult, notScanned: readonly NotScanned[]): ExitCode {
  return result.files.some((f) => f.error) || notScanned.some((n) => n.code === 'unreadable') ? 1 : 0;
}

/** One stderr line per file not processed and, with `unmapped`, per finding that was not mapped to a fix. */
export function stderrNotes(result: RunResult, notScanned: readonly NotScanned[], unmapped: boolean): string {
  const lines = [
    ...result.files.flatMap((f) => (f.error ? [`kubemend: ${f.path}: not patched: ${f.error.message}`] : [])),
    ...notScanned.map((n) => `kubemend: ${n.path}: not scanned (${n.code}): ${n.reason}`),
    ...(unmapped ? result.unmapped.map((u) => `kubemend: unmapped finding: ${describeUnmapped(u)}`) : []),
  ];
  return lines.map((l) => `${l}\n`).join('');
}
