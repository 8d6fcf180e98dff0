/**
 * A review comment holding one ```suggestion block: GitHub shows a "Commit suggestion" button that
 * replaces the lines the comment is on with the block's lines. The lines are the file's own bytes: inside
 * a fenced block nothing renders, and the fence is longer than any backtick run in them.
 * https://docs.github.com/en/pull-requests/collaborating-with-pull-requests/reviewing-changes-in-pull-requests/incorporating-feedback-in-your-pull-request
 */
import { codeFence } from './escape-markdown.js';
import { type FixLike, fixLabel } from './fix-label.js';
import type { RemediationLookup } from './remediation-info.js';

/** The comment body: the fixes it applies, then the suggestion. */
export function renderSuggestion(fixes: FixLike[], lines: string[], lookup?: RemediationLookup): string {
  const content = lines.join('\n');
  const fence = codeFence(content);
  const what = fixes.length
    ? fixes.map((f) => `- ${fixLabel(f, lookup)}`).join('\n')
    : '- a fix kubemend verified on this file';
  return [`kubemend suggests (verified by re-parsing the file):`, what, '', `${fence}suggestion`, content, fence].join(
    '\n',
  );
}
