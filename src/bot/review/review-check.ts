/**
 * What kubemend's check run on a head says, from the analysis and the suggestion plan: the title, the
 * summary, the annotations (at most MAX_ANNOTATIONS), the conclusion per `checks.conclusion`, the buttons,
 * and an external id that identifies the result, so a re-run with the same result writes nothing.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../../config/schema.js';
import type { CheckAction } from '../../github/index.js';
import type { RemediationLookup } from '../../report/remediation-info.js';
import { renderReviewSummary, reviewTitle } from '../../report/review-summary.js';
import type { Analysis } from './analyse-files.js';
import { reviewAnnotations } from './annotations.js';
import type { SuggestionPlan } from './suggestions.js';
import type { ReviewCheck } from './write-review-check.js';

/** Annotations written at most (10 requests); the summary counts every finding. */
export const MAX_ANNOTATIONS = 500;

/** The buttons: pushing and a pull request into the branch are offered only when the head is in this repository. */
export function reviewActions(fromFork: boolean): CheckAction[] {
  const ignore = { label: 'Ignore', description: 'Propose exemptions in kubemend.yml', identifier: 'ignore' };
  if (fromFork) return [ignore];
  return [
    { label: 'Fix in this PR', description: 'Push one commit with the fixes', identifier: 'fix' },
    { label: 'Open a separate PR', description: 'A pull request into this branch', identifier: 'separate-pr' },
    ignore,
  ];
}

/** The external id of a result: the findings, their places and the settings that shape the run. */
export function resultId(analysis: Analysis, settings: unknown): string {
  const facts = [
    analysis.fixes.map((f) => [f.path, f.line, f.fix.remediation, f.fix.resource, f.fix.container?.name, f.fix.ops]),
    analysis.held.map((h) => [h.path, h.line, h.held.remediation, h.held.code]),
    settings,
  ];
  return `kubemend-review:${createHash('sha256').update(JSON.stringify(facts)).digest('hex').slice(0, 16)}`;
}

function conclusionOf(analysis: Analysis, gate: 'neutral' | 'failure'): 'success' | 'neutral' | 'failure' {
  if (analysis.fixes.length > 0) return gate;
  return analysis.held.length > 0 ? 'neutral' : 'success';
}

export interface ReviewCheckInput {
  analysis: Analysis;
  plan: SuggestionPlan;
  config: Config;
  headSha: string;
  fromFork: boolean;
  files: number;
  existingId?: number;
  lookup?: RemediationLookup;
}

export function buildReviewCheck(input: ReviewCheckInput): ReviewCheck {
  const { analysis, plan, lookup } = input;
  const fixes = analysis.fixes.map((f) => ({ ...f.fix, path: f.path, line: f.line, suggested: plan.suggested.has(f) }));
  const held = analysis.held.map((h) => ({ ...h.held, path: h.path, line: h.line }));
  const all = reviewAnnotations(analysis.fixes, analysis.held, lookup);
  // A generated bundle can hold thousands of findings; past MAX_ANNOTATIONS the summary carries the rest.
  const annotations = all.slice(0, MAX_ANNOTATIONS);
  const cut =
    all.length > annotations.length
      ? `\n\nThe first ${annotations.length} of ${all.length} findings are annotated on the lines.`
      : '';
  return {
    headSha: input.headSha,
    ...(input.existingId !== undefined ? { existingId: input.existingId } : {}),
    title: reviewTitle({ fixes, held }),
    summary: `${renderReviewSummary({ fixes, held, files: input.files, ...(lookup ? { lookup } : {}), fromFork: input.fromFork })}${cut}`,
    annotations,
    conclusion: conclusionOf(analysis, input.config.checks.conclusion),
    actions: analysis.fixes.length ? reviewActions(input.fromFork) : [],
    externalId: resultId(analysis, [input.config.checks, input.fromFork]),
  };
}
