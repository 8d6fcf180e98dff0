/**
 * Carries out one group's lifecycle plan with the `github` stage. Writes per pull request are constant
 * however many files change: create = tree, commit, ref, pull request, labels (5); regenerate = tree,
 * commit, ref, body (4); stale = comment, body (2). Every step converges with what an interrupted earlier
 * attempt left (prepare-branch.ts, open-or-adopt.ts, comment-once.ts), and a configured label missing from
 * an open pull request is added back.
 */
import {
  type GitHub,
  type PullRequestInfo,
  type RepoRef,
  addLabels,
  commitFiles,
  updatePullRequest,
  writeBranch,
} from '../../github/index.js';
import type { Config } from '../../config/schema.js';
import type { FileMode } from '../../model.js';
import type { Engine } from '../engine.js';
import type { Pacer } from '../ports.js';
import { fingerprintSetHash } from './fingerprint-set-hash.js';
import type { FixGroup } from './group-results.js';
import { type AppMeta, withAppMeta } from './meta.js';
import { renderGroup } from './render-group.js';
import type { DesiredPullRequest, KnownPullRequest, PullRequestPlan } from './plan-pull-request.js';
import { commentOnce } from './comment-once.js';
import { openOrAdoptPullRequest } from './open-or-adopt.js';
import { prepareBranch } from './prepare-branch.js';

export interface SyncContext {
  gh: GitHub;
  repo: RepoRef;
  engine: Engine;
  config: Config;
  pacer: Pacer;
  baseBranch: string;
  baseSha: string;
  baseTreeSha: string;
  /** Git modes of the files read (an executable stays one when a fix is committed). Default: regular files. */
  modes?: ReadonlyMap<string, FileMode>;
  /** The App's bot login (`<slug>[bot]`), asked for only when an author must be checked. */
  botLogin(): Promise<string>;
}

export type SyncOutcome =
  PullRequestPlan['action'] | 'created' | 'regenerated' | 'stale-commented' | 'branch-occupied' | 'closed';

/** The group's files as written in a commit, each with the mode it was read with. */
function writesOf(ctx: SyncContext, group: FixGroup) {
  return group.result.files.map((f) => {
    const mode = ctx.modes?.get(f.path);
    return { path: f.path, text: f.after, ...(mode ? { mode } : {}) };
  });
}

async function commitGroup(ctx: SyncContext, group: FixGroup, title: string): Promise<string> {
  const files = writesOf(ctx, group);
  return commitFiles(ctx.gh, ctx.repo, { parentSha: ctx.baseSha, baseTreeSha: ctx.baseTreeSha, files, message: title });
}

async function create(
  ctx: SyncContext,
  group: FixGroup,
  desired: DesiredPullRequest,
  branch: string,
  closed: KnownPullRequest[],
): Promise<SyncOutcome> {
  const { title } = renderGroup(ctx.engine, group, desired, '');
  const files = writesOf(ctx, group);
  // A closed pull request leaves its branch behind; its recorded commit is the App's own.
  const branchState = await prepareBranch(ctx, branch, files, title, (head) =>
    closed.some((c) => c.meta.commit === head),
  );
  if (!branchState.ok) return branchState.reason;
  const { body } = renderGroup(ctx.engine, group, desired, branchState.commit);
  const draft = ctx.config.pullRequests.draft;
  const pr = await openOrAdoptPullRequest(ctx.gh, ctx.repo, { branch, base: ctx.baseBranch, title, body, draft }, () =>
    ctx.botLogin(),
  );
  await addLabels(ctx.gh, ctx.repo, pr.number, ctx.config.pullRequests.labels);
  return 'created';
}

async function regenerate(
  ctx: SyncContext,
  group: FixGroup,
  desired: DesiredPullRequest,
  pr: PullRequestInfo,
): Promise<SyncOutcome> {
  const { title } = renderGroup(ctx.engine, group, desired, '');
  const commit = await commitGroup(ctx, group, title);
  await writeBranch(ctx.gh, ctx.repo, pr.headRef, commit, true);
  const { body } = renderGroup(ctx.engine, group, desired, commit);
  await updatePullRequest(ctx.gh, ctx.repo, pr.number, { title, body });
  return 'regenerated';
}

async function staleComment(
  ctx: SyncContext,
  desired: DesiredPullRequest,
  pr: PullRequestInfo,
  meta: AppMeta,
): Promise<SyncOutcome> {
  const comment = [
    'kubemend would now propose different changes for this pull request, but someone else has pushed to its',
    'branch, so kubemend will not overwrite it. To get the new proposal, close this pull request and delete the',
    'branch; kubemend opens a fresh one on its next run.',
  ].join(' ');
  const notified = fingerprintSetHash(desired.fingerprints);
  await commentOnce(ctx.gh, ctx.repo, pr.number, comment, `stale:${notified}`);
  const marked: AppMeta = { ...meta, staleNotified: notified };
  await updatePullRequest(ctx.gh, ctx.repo, pr.number, { body: withAppMeta(pr.body, marked) });
  return 'stale-commented';
}

/** Adds the configured labels an open pull request lacks (a run cut short after opening it, or removed by hand). */
async function repairLabels(ctx: SyncContext, pr: PullRequestInfo): Promise<void> {
  const missing = ctx.config.pullRequests.labels.filter((l) => !(pr.labels ?? []).includes(l));
  if (missing.length > 0) await ctx.pacer.run(() => addLabels(ctx.gh, ctx.repo, pr.number, missing));
}

/** Applies the plan; every write sequence goes through the pacer. */
export async function syncPullRequest(
  ctx: SyncContext,
  group: FixGroup,
  desired: DesiredPullRequest,
  branch: string,
  plan: PullRequestPlan,
  closed: KnownPullRequest[],
): Promise<SyncOutcome> {
  switch (plan.action) {
    case 'create':
      return ctx.pacer.run(() => create(ctx, group, desired, branch, closed));
    case 'regenerate':
      await repairLabels(ctx, plan.pr);
      return ctx.pacer.run(() => regenerate(ctx, group, desired, plan.pr));
    case 'stale-comment':
      await repairLabels(ctx, plan.pr);
      return ctx.pacer.run(() => staleComment(ctx, desired, plan.pr, plan.meta));
    case 'unchanged':
    case 'stale-notified':
      await repairLabels(ctx, plan.pr);
      return plan.action;
    default:
      return plan.action;
  }
}
