/**
 * kubemend's own detection over the manifests a pull request changes, at its head: the verified fixes
 * (with the line a reviewer looks at) and the findings held back. Shared by the check run, `plan` and
 * `fix`: they all describe the same run.
 */
import type { Config } from '../../config/schema.js';
import { type GitHub, type PullRequestFile, type RepoRef, readBlobs } from '../../github/index.js';
import type { AppliedFix, FileResult, RunResult, SkippedFix } from '../../model.js';
import { lineFinder } from '../../report/source-lines.js';
import type { Engine } from '../engine.js';

export interface LocatedFix {
  path: string;
  line: number;
  fix: AppliedFix;
}

export interface LocatedHeld {
  path: string;
  line: number;
  held: SkippedFix;
}

export interface Analysis {
  run: RunResult;
  /** Changed files only. */
  changed: FileResult[];
  fixes: LocatedFix[];
  held: LocatedHeld[];
}

/** Lines of every fix and held finding, found in the file's text before the fix. */
export function locate(run: RunResult): Pick<Analysis, 'fixes' | 'held'> {
  const fixes: LocatedFix[] = [];
  const held: LocatedHeld[] = [];
  for (const file of run.files) {
    if (file.error || (file.fixes.length === 0 && file.skipped.length === 0)) continue;
    const lineOf = lineFinder(file.path, file.before);
    for (const fix of file.fixes) fixes.push({ path: file.path, line: lineOf(fix), fix });
    for (const s of file.skipped) held.push({ path: file.path, line: s.line ?? lineOf(s), held: s });
  }
  return { fixes, held };
}

/** Reads the files at the pull request's head (their blob shas) and runs detection on them. */
export async function analyseFiles(
  gh: GitHub,
  repo: RepoRef,
  files: PullRequestFile[],
  engine: Engine,
  config: Config,
  only?: string[],
): Promise<Analysis> {
  const blobs = await readBlobs(
    gh,
    repo,
    files.map((f) => ({ path: f.path, sha: f.sha, size: f.size ?? 0 })),
  );
  const run = engine.runPipeline(
    blobs.map((b) => ({ path: b.path, text: b.text })),
    { config, ...(only?.length ? { only } : {}) },
  );
  return { run, changed: run.files.filter((f) => f.changed && !f.error), ...locate(run) };
}
