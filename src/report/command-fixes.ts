/**
 * The parts of command replies that list fixes: one line per fix with its file and line, the ids a
 * command named that nothing was fixed for, and a diff in a fenced block (its bytes as they are: nothing
 * renders inside a fence).
 */
import { codeFence, escapeName, inlineCode } from './escape-markdown.js';
import { type FixLike, fixLabel } from './fix-label.js';
import type { RemediationLookup } from './remediation-info.js';

export interface PlacedFix {
  path: string;
  line: number;
  fix: FixLike;
}

/** `- path:line: label` lines. */
export function fixLines(fixes: PlacedFix[], lookup?: RemediationLookup): string {
  return fixes.map((f) => `- ${escapeName(f.path)}:${f.line}: ${fixLabel(f.fix, lookup)}`).join('\n');
}

/** A sentence naming the requested ids with no fix, or '' when every id had one. */
export function idsWithoutFix(only: string[], fixes: PlacedFix[]): string {
  const missing = only.filter((id) => !fixes.some((f) => f.fix.remediation === id));
  return missing.length
    ? `Nothing to fix for ${missing.map((id) => inlineCode(id)).join(', ')} in the files this pull request changes (or not a remediation id: \`/kubemend help\`).`
    : '';
}

/** A diff in a collapsed block, cut to `max` characters. Default: 40,000. */
export function diffBlock(diff: string, max = 40_000): string {
  const text = diff.length > max ? `${diff.slice(0, max)}\n… (diff cut)` : diff;
  const fence = codeFence(text);
  return [
    '<details><summary>The diff</summary>',
    '',
    `${fence}diff`,
    text.replace(/\n$/, ''),
    fence,
    '',
    '</details>',
  ].join('\n');
}

/** `Kind/name` plain text for commit messages (not markdown): control characters dropped. */
export function plainLabel(fix: FixLike, path: string): string {
  const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return clean(
    `${fix.remediation} on ${fix.resource.kind}/${fix.resource.name}${fix.container ? ` (${fix.container.name})` : ''} in ${path}`,
  );
}
