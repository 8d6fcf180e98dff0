/**
 * Unified diffs of a run's changed files, with `a/` and `b/` prefixes and a `diff --git` header per file so
 * `git apply` and GitHub's renderer both take them.
 */
import { formatPatch, structuredPatch } from 'diff';
import type { FileResult } from '../model.js';
import { hunksByDocument } from './diff-by-document.js';

/** Options of renderDiff. */
export interface RenderDiffOptions {
  /** Lines of context around each change. Default: 3. */
  context?: number;
}

/** The diff of one file, or '' when it did not change. */
export function renderFileDiff(
  file: Pick<FileResult, 'path' | 'before' | 'after' | 'created'>,
  opts: RenderDiffOptions = {},
): string {
  if (file.before === file.after) return '';
  // A new file is a diff from /dev/null with git's "new file mode" line, so `git apply` creates it.
  const from = file.created ? '/dev/null' : `a/${file.path}`;
  const context = opts.context ?? 3;
  const byDocument = file.created ? undefined : hunksByDocument(file.before, file.after, context);
  const patch = byDocument
    ? {
        oldFileName: from,
        newFileName: `b/${file.path}`,
        oldHeader: undefined,
        newHeader: undefined,
        hunks: byDocument,
      }
    : structuredPatch(from, `b/${file.path}`, file.before, file.after, undefined, undefined, { context });
  const body = formatPatch(patch, { includeIndex: false, includeUnderline: false, includeFileHeaders: true });
  return `diff --git a/${file.path} b/${file.path}\n${file.created ? 'new file mode 100644\n' : ''}${body}`;
}

/** The diff of every changed file, in the order given ('' when nothing changed). */
export function renderDiff(
  files: ReadonlyArray<Pick<FileResult, 'path' | 'before' | 'after' | 'created'>>,
  opts: RenderDiffOptions = {},
): string {
  return files.map((f) => renderFileDiff(f, opts)).join('');
}
