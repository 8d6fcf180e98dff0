/**
 * Turns the verified fixes of the files a pull request changes into review comments with ```suggestion
 * blocks, one per changed block of lines, for the blocks that sit inside the pull request's diff; the
 * fixes of the other blocks are returned for the summary ("outside the diff"). A block is credited to the
 * fixes of the nearest workload or container line at or above it.
 */
import { createHash } from 'node:crypto';
import type { PullRequestFile, ReviewComment } from '../../github/index.js';
import type { FileResult } from '../../model.js';
import type { RemediationLookup } from '../../report/remediation-info.js';
import { renderSuggestion } from '../../report/review-suggestion.js';
import type { LocatedFix } from './analyse-files.js';
import { diffRanges, insideOne } from './diff-ranges.js';
import { type LineEdit, lineEdits } from './line-edits.js';

export interface SuggestionPlan {
  comments: Array<ReviewComment & { fingerprint: string }>;
  /** Fixes with a suggestion on the diff, by identity (`path`, line, remediation, resource). */
  suggested: Set<LocatedFix>;
}

function creditedFixes(edit: LineEdit, fixes: LocatedFix[]): LocatedFix[] {
  const above = fixes.filter((f) => f.line <= edit.start);
  const nearest = Math.max(...above.map((f) => f.line));
  return above.length ? above.filter((f) => f.line === nearest) : fixes.slice(0, 1);
}

/** The review comments for `changed` files (created files have no head lines to anchor on). */
export function planSuggestions(
  changed: FileResult[],
  prFiles: PullRequestFile[],
  fixes: LocatedFix[],
  lookup?: RemediationLookup,
): SuggestionPlan {
  const comments: SuggestionPlan['comments'] = [];
  const suggested = new Set<LocatedFix>();
  for (const file of changed) {
    if (file.created) continue;
    const ranges = diffRanges(prFiles.find((f) => f.path === file.path)?.patch);
    const own = fixes.filter((f) => f.path === file.path);
    const edits = lineEdits(file.before, file.after);
    // All or nothing per file: a suggestion committed alone could leave the file half fixed (one of two
    // edits of a fix), so a file whose blocks are not all on the diff is listed outside it.
    if (edits.length === 0 || !edits.every((e) => insideOne(e, ranges))) continue;
    for (const edit of edits) {
      const credited = creditedFixes(edit, own);
      for (const f of credited) suggested.add(f);
      const body = renderSuggestion(
        credited.map((c) => c.fix),
        edit.lines,
        lookup,
      );
      const fingerprint = suggestionFingerprint(file, edit);
      comments.push({
        path: file.path,
        line: edit.end,
        ...(edit.start < edit.end ? { startLine: edit.start } : {}),
        body,
        fingerprint,
      });
    }
    for (const f of own) suggested.add(f);
  }
  return { comments, suggested };
}

/**
 * What a suggestion replaces and with what, without line numbers: the same suggestion after a push that
 * only moved it is recognised (and not posted again).
 */
function suggestionFingerprint(file: FileResult, edit: LineEdit): string {
  const replaced = file.before.split('\n').slice(edit.start - 1, edit.end);
  return createHash('sha256')
    .update(JSON.stringify([file.path, replaced, edit.lines]))
    .digest('hex')
    .slice(0, 16);
}
