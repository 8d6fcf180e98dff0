/**
 * Review mode on a person's pull request: the files it changes (one request; a pull request without a
 * manifest stops there) → the configuration → the manifests at the head → detection → one `kubemend`
 * review with the suggestions that are new → one check run on the head commit (annotations in batches of
 * 50, a summary, buttons). A re-run whose result is the check run already on the commit writes nothing.
 */
import {
  CHECK_LIMITS,
  type GitHub,
  type RepoRef,
  findCheckRun,
  listPullRequestFiles,
  readTree,
} from '../../github/index.js';
import { loadRepoConfig } from '../config/load-repo-config.js';
import { jobEngine } from '../job-engine.js';
import type { PrCheckJob } from '../jobs.js';
import { analyseFiles } from './analyse-files.js';
import type { ReviewDeps } from './bot-deps.js';
import { builtinLookup } from './catalog-lookup.js';
import { configuredManifests, possibleManifests } from './manifest-files.js';
import { postSuggestions } from './post-suggestions.js';
import { buildReviewCheck } from './review-check.js';
import { type SuggestionPlan, planSuggestions } from './suggestions.js';
import { REVIEW_CHECK_NAME, writeReviewCheck } from './write-review-check.js';

export type PrCheckOutcome = 'no-manifests' | 'disabled' | 'config-invalid' | 'unchanged' | 'checked';

export interface PrCheckResult {
  outcome: PrCheckOutcome;
  annotations?: number;
  suggestions?: number;
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
  const plan: SuggestionPlan = config.checks.suggestions
    ? planSuggestions(analysis.changed, files, analysis.fixes, lookup)
    : { comments: [], suggested: new Set() };
  const existing = await findCheckRun(gh, repo, job.headSha, REVIEW_CHECK_NAME);
  const check = buildReviewCheck({
    analysis,
    plan,
    config,
    headSha: job.headSha,
    fromFork: job.fromFork,
    files: files.length,
    lookup,
    ...(existing ? { existingId: existing.id } : {}),
  });
  if (existing?.externalId === check.externalId && existing.status === 'completed') return { outcome: 'unchanged' };
  const botLogin = await deps.botLogin();
  // The review first: the completed check run is what marks this head as done (a re-run finds it and stops),
  // so a run cut short after the review posts the check run on redelivery, and the review is not repeated.
  const writes =
    Math.max(1, Math.ceil(check.annotations.length / CHECK_LIMITS.annotationsPerRequest)) +
    (plan.comments.length ? 1 : 0);
  const suggestions = await deps.pacer.run(async () => {
    const posted = await postSuggestions(gh, repo, job.pullNumber, job.headSha, plan, botLogin);
    await writeReviewCheck(gh, repo, check);
    return posted;
  }, writes);
  deps.log.info(
    { repo: `${job.owner}/${job.repo}`, pull: job.pullNumber, annotations: check.annotations.length, suggestions },
    'pull request reviewed',
  );
  return { outcome: 'checked', annotations: check.annotations.length, suggestions };
}
