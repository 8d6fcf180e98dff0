/**
 * The summary of kubemend's check run on a person's pull request: what is wrong, which controls it
 * involves, which fixes are available as suggestions on the diff and which sit outside it, and what the
 * buttons and commands do. Every name from the repository is escaped.
 */
import { escapeMarkdown, escapeName } from './escape-markdown.js';
import { type FixLike, fixLabel } from './fix-label.js';
import { type RemediationLookup, frameworkName } from './remediation-info.js';

export interface SummaryFix extends FixLike {
  path: string;
  line: number;
  /** A suggestion on the diff holds it. */
  suggested: boolean;
}

export interface SummaryHeld extends FixLike {
  path: string;
  line: number;
  reason: string;
}

export interface ReviewSummaryInput {
  fixes: SummaryFix[];
  held: SummaryHeld[];
  /** Manifests the pull request touches that were checked. */
  files: number;
  lookup?: RemediationLookup;
  /** The head is in a fork: no push, no separate pull request. */
  fromFork: boolean;
  /** Rendered characters at most. Default: 60,000 (GitHub takes 65,535). */
  maxLength?: number;
}

function where(item: { path: string; line: number }): string {
  return `${escapeName(item.path)}:${item.line}`;
}

function controls(fixes: FixLike[], lookup?: RemediationLookup): string[] {
  const seen = new Map<string, string>();
  for (const f of fixes) {
    for (const c of lookup?.(f.remediation)?.controls ?? [])
      seen.set(
        `${c.framework} ${c.id}`,
        `- ${escapeMarkdown(frameworkName(c.framework))} ${escapeMarkdown(c.id)}${c.title ? `: ${escapeMarkdown(c.title)}` : ''}`,
      );
  }
  return [...seen.values()].sort();
}

/** The title line of the check run. */
export function reviewTitle(input: Pick<ReviewSummaryInput, 'fixes' | 'held'>): string {
  const n = input.fixes.length;
  if (n === 0 && input.held.length === 0) return 'No security findings in the manifests this pull request changes';
  return `${n} fix${n === 1 ? '' : 'es'} available, ${input.held.length} finding${input.held.length === 1 ? '' : 's'} held back`;
}

/** The summary markdown. */
export function renderReviewSummary(input: ReviewSummaryInput): string {
  const { fixes, held, lookup } = input;
  const inDiff = fixes.filter((f) => f.suggested);
  const outside = fixes.filter((f) => !f.suggested);
  const out = [`kubemend checked ${input.files} manifest${input.files === 1 ? '' : 's'} this pull request changes.`];
  const ctl = controls([...fixes, ...held], lookup);
  if (ctl.length) out.push('', '**Controls involved**', '', ...ctl);
  if (inDiff.length)
    out.push(
      '',
      '**Fixes suggested on the diff** (commit them from the review)',
      '',
      ...inDiff.map((f) => `- ${where(f)}: ${fixLabel(f, lookup)}`),
    );
  if (outside.length)
    out.push(
      '',
      '**Fixes outside the diff** (`/kubemend fix` applies them)',
      '',
      ...outside.map((f) => `- ${where(f)}: ${fixLabel(f, lookup)}`),
    );
  if (held.length)
    out.push(
      '',
      '**Held back** (a person decides)',
      '',
      ...held.map((h) => `- ${where(h)}: ${fixLabel(h, lookup)}: ${escapeMarkdown(h.reason)}`),
    );
  if (fixes.length) {
    const push = input.fromFork
      ? 'This pull request comes from a fork: kubemend never pushes to it; commit the suggestions instead.'
      : 'Comment `/kubemend fix` (or use **Fix in this PR** above) to have kubemend push one commit with these fixes to this branch.';
    out.push('', push, 'Comment `/kubemend help` for every command.');
  }
  const text = out.join('\n');
  const max = input.maxLength ?? 60_000;
  return text.length <= max
    ? text
    : `${text.slice(0, max - 80).replace(/\n[^\n]*$/, '')}\n\n…(cut: more findings than a summary can hold)`;
}
