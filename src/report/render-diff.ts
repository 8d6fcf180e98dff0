/**
 * Unified diffs of a run's changed files, with `a/` and `b/` prefixes and a `diff --git` header per file so
 * `git apply` and GitHub's renderer both take them.
 */
import { formatPatch, structuredPatch } from 'diff';
import type { FileResult } from '../model.js';

/** Options of renderDiff. */
export interface RenderDiffOptions {
  /** Lines of context around each change. Default: 3. */
  context?: number;
}

/** The diff of one file, or '' when it did not change. */
export function renderFileDiff(file: Pick<FileResult, 'path' | 'before' | 'after'>, opts: RenderDiffOptions = {}): string {
  if (file.before === file.after) return '';
  const patch = structuredPatch(`a/${file.path}`, `b/${file.path}`, file.before, file.after, undefined, undefined, {
    context: opts.context ?? 3,
  });
  const body = formatPatch(patch, { includeIndex: false, includeUnderline: false, includeFileHeaders: true });
  return `diff --git a/${file.path} b/${file.path}\n${body}`;
}

/** The diff of every changed file, in the order given ('' when nothing changed). */
export function renderDiff(files: ReadonlyArray<Pick<FileResult, 'path' | 'before' | 'after'>>, opts: RenderDiffOptions = {}): string {
  return files.map((f) => renderFileDiff(f, opts)).join('');
}
