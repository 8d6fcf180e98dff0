/**
 * Review mode on a person's pull request: the files it changes (one request; a pull request without a
 * manifest stops there) → the configuration → the manifests at the head → detection → one `kubemend`
 * review with the suggestions that are new → one check run on the head commit (annotations in batches of
 * 50, a summary, buttons). A re-run whose result is the check run already on the commit writes nothing.
 */
import { createHash } from 'node:crypto';
import { type CheckAction, CHECK_LIMITS, type GitHub, type RepoRef, findCheckRun, listPullRequestFiles, readTree } from '../../github/index.js';
import { renderReviewSummary, reviewTitle } from '../../report/review-summary.js';
import { loadRepoConfig } from '../config/load-repo-config.js';
import { jobEngine } from '../job-engine.js';
import type { PrCheckJob } from '../jobs.js';
import { type Analysis, analyseFiles } from './analyse-files.js';
import { reviewAnnotations } from './annotations.js';
import type { ReviewDeps } from './bot-deps.js';
import { builtinLookup } from './catalog-lookup.js';
import { configuredManifests, possibleManifests } from './manifest-files.js';
import { postSuggestions } from './post-suggestions.js';
import { type SuggestionPlan, planSuggestions } from './suggestions.js';
import { REVIEW_CHECK_NAME, writeReviewCheck } from './write-review-check.js';

/** Annotations written at most (10 requests); the summary counts every finding. */
export const MAX_ANNOTATIONS = 500;

export type PrCheckOutcome = 'no-manifests' | 'disabled' | 'config-invalid' | 'unchanged' | 'checked';

export interface PrCheckResult {
  outcome: PrCheckOutcome;
  annotations?: number;
  suggestions?: number;
}

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

function resultId(analysis: Analysis, settings: unknown): string {
  const facts = [analysis.fixes.map((f) => [f.path, f.line, f.fix.remediation, f.fix.resource, f.fix.container?.name, f.fix.ops]), analysis.held.map((h) => [h.path, h.line, h.held.remediation, h.held.code]), settings];
  return `kubemend-review:${createHash('sha256').update(JSON.stringify(facts)).digest('hex').slice(0, 16)}`;
}

function conclusionOf(analysis: Analysis, gate: 'neutral' | 'failure'): 'success' | 'neutral' | 'failure' {
  if (analysis.fixes.length > 0) return gate;
  return analysis.held.length > 0 ? 'neutral' : 'success';
}

/** Runs review mode for one pull request head. */
export async function runPrCheck(gh: GitHub, job: PrCheckJob, deps: ReviewDeps): Promise<PrCheckResult> {
  const repo: RepoRef = { owner: job.owner, repo: job.repo };
  const possible = possibleManifests(await listPullRequestFiles(gh, repo, job.pullNumber));
  if (possible.length === 0) return { outcome: 'no-manifests' };
  const loaded = await loadRepoConfig(gh, repo);
  // An invalid configuration is reported once by the repository's own jobs (report-config-problem.ts).
  if (!loaded.ok) return { outcome: 'config-invalid' };
  const config = loaded.config;
  if (!config.checks.enabled) return { outcome: 'disabled' };
  const files = configuredManifests(possible, config);
  if (files.length === 0) return { outcome: 'no-manifests' };
  const tree = config.remediations.directory === undefined ? undefined : await readTree(gh, repo, job.headSha);
  const prepared = await jobEngine(gh, repo, config, tree, deps.engine);
  if (!prepared.ok) return { outcome: 'config-invalid' };
  const analysis = await analyseFiles(gh, repo, files, prepared.engine, config);
  const lookup = deps.lookup ?? builtinLookup();
  const plan: SuggestionPlan = config.checks.suggestions ? planSuggestions(analysis.changed, files, analysis.fixes, lookup) : { comments: [], suggested: new Set() };
  const externalId = resultId(analysis, [config.checks, job.fromFork]);
  const existing = await findCheckRun(gh, repo, job.headSha, REVIEW_CHECK_NAME);
  if (existing?.externalId === externalId && existing.status === 'completed') return { outcome: 'unchanged' };
  const fixes = analysis.fixes.map((f) => ({ ...f.fix, path: f.path, line: f.line, suggested: plan.suggested.has(f) }));
  const held = analysis.held.map((h) => ({ ...h.held, path: h.path, line: h.line }));
  const all = reviewAnnotations(analysis.fixes, analysis.held, lookup);
  // A generated bundle can hold thousands of findings; past MAX_ANNOTATIONS the summary carries the rest.
  const annotations = all.slice(0, MAX_ANNOTATIONS);
  const check = {
    headSha: job.headSha,
    ...(existing ? { existingId: existing.id } : {}),
    title: reviewTitle({ fixes, held }),
    summary: `${renderReviewSummary({ fixes, held, files: files.length, lookup, fromFork: job.fromFork })}${all.length > annotations.length ? `\n\nThe first ${annotations.length} of ${all.length} findings are annotated on the lines.` : ''}`,
    annotations,
    conclusion: conclusionOf(analysis, config.checks.conclusion),
    actions: analysis.fixes.length ? reviewActions(job.fromFork) : [],
    externalId,
  };
  const botLogin = await deps.botLogin();
  // The review first: the completed check run is what marks this head as done (a re-run finds it and stops),
  // so a run cut short after the review posts the check run on redelivery, and the review is not repeated.
  const writes = Math.max(1, Math.ceil(annotations.length / CHECK_LIMITS.annotationsPerRequest)) + (plan.comments.length ? 1 : 0);
  const suggestions = await deps.pacer.run(async () => {
    const posted = await postSuggestions(gh, repo, job.pullNumber, job.headSha, plan, botLogin);
    await writeReviewCheck(gh, repo, check);
    return posted;
  }, writes);
  deps.log.info({ repo: `${job.owner}/${job.repo}`, pull: job.pullNumber, annotations: annotations.length, suggestions }, 'pull request reviewed');
  return { outcome: 'checked', annotations: annotations.length, suggestions };
}
