/**
 * The lifecycle decision for one group, as a pure function, following what users ask of dependency bots:
 * the same fixes open nothing new; changed fixes regenerate the branch only while every commit on it is
 * the App's; a human's commit is never overwritten (a comment says what is stale, once); a pull request
 * closed without merging is not proposed again until the configuration or a patched manifest changes.
 */
import type { PullRequestInfo } from '../../github/index.js';
import { fingerprintSetHash } from './fingerprint-set-hash.js';
import { type AppMeta, filesHash } from './meta.js';

export interface DesiredPullRequest {
  fingerprints: string[];
  config: string;
  /** Blob sha on the base branch of each file the group patches. */
  files: Record<string, string>;
}

export interface KnownPullRequest {
  pr: PullRequestInfo;
  meta: AppMeta;
}

export type PullRequestPlan =
  | { action: 'create' }
  | { action: 'unchanged'; pr: PullRequestInfo }
  | { action: 'regenerate'; pr: PullRequestInfo; meta: AppMeta }
  | { action: 'stale-comment'; pr: PullRequestInfo; meta: AppMeta }
  | { action: 'stale-notified'; pr: PullRequestInfo }
  | { action: 'suppressed'; pr: PullRequestInfo }
  | { action: 'limit' };

export interface PlanInput {
  desired: DesiredPullRequest;
  /** The App's open pull request for the group's branch, if any. */
  open?: KnownPullRequest;
  /** The App's closed pull requests for the group's branch (consulted when none is open). */
  closed: KnownPullRequest[];
  openCount: number;
  prLimit: number;
  /**
   * The open pull request's head, though not the commit its metadata records, is the App's own: a run was
   * cut short after moving the branch and before updating the body. Regenerating is then still safe.
   */
  headIsOwn?: boolean;
}

function sameSet(meta: AppMeta, desired: DesiredPullRequest): boolean {
  return meta.set === fingerprintSetHash(desired.fingerprints);
}

/** The closed pull request proposed every desired fix (only the same set, when its list did not fit its body). */
function proposedAll(meta: AppMeta, desired: DesiredPullRequest): boolean {
  const proposed = meta.fingerprints && new Set(meta.fingerprints);
  return proposed ? desired.fingerprints.every((f) => proposed.has(f)) : sameSet(meta, desired);
}

/** Every desired file is at the version the closed pull request saw (all of them, when its list did not fit). */
function sameManifests(meta: AppMeta, desired: DesiredPullRequest): boolean {
  const seen = meta.files;
  return seen
    ? Object.entries(desired.files).every(([path, sha]) => seen[path] === sha)
    : meta.filesHash === filesHash(desired.files);
}

/** A closed, unmerged pull request that proposed all of these fixes against the same config and manifests. */
function rejectedBy(closed: KnownPullRequest[], desired: DesiredPullRequest): KnownPullRequest | undefined {
  return closed.find(
    ({ pr, meta }) =>
      !pr.merged && meta.config === desired.config && proposedAll(meta, desired) && sameManifests(meta, desired),
  );
}

export function planPullRequest(input: PlanInput): PullRequestPlan {
  const { desired, open } = input;
  if (open) {
    if (sameSet(open.meta, desired)) return { action: 'unchanged', pr: open.pr };
    if (open.pr.headSha === open.meta.commit || input.headIsOwn)
      return { action: 'regenerate', pr: open.pr, meta: open.meta };
    if (open.meta.staleNotified === fingerprintSetHash(desired.fingerprints))
      return { action: 'stale-notified', pr: open.pr };
    return { action: 'stale-comment', pr: open.pr, meta: open.meta };
  }
  const rejected = rejectedBy(input.closed, desired);
  if (rejected) return { action: 'suppressed', pr: rejected.pr };
  if (input.openCount >= input.prLimit) return { action: 'limit' };
  return { action: 'create' };
}
