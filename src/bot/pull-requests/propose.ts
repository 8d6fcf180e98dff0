/**
 * The pull requests a run proposes, without GitHub: the groups of the configured grouping, each with its
 * branch name and desired state, in the order the App opens them, the ones past `prLimit` marked held.
 * Local fronts (`kubemend fix --git`, `kubemend example`) commit these; the App plans each against the
 * pull requests it already has (sync-repository.ts). Same input, same branches, same bodies.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../../config/schema.js';
import type { RunResult } from '../../model.js';
import type { Engine } from '../engine.js';
import { branchName } from './branch-name.js';
import { type FixGroup, groupResults } from './group-results.js';
import type { DesiredPullRequest } from './plan-pull-request.js';
import { desiredFor } from './render-group.js';

export interface Proposal {
  key: string;
  branch: string;
  group: FixGroup;
  desired: DesiredPullRequest;
  /** Set when the App would not open it yet: `prLimit` pull requests come first. */
  held?: 'pr-limit';
}

/** Git's blob id of a text (what GitHub's tree lists for the file): `sha1("blob <bytes>\0" + text)`. */
export function gitBlobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * The proposals of `run` (a run made with `partition` when grouping by remediation). `configHash` is
 * config-hash.ts over the config and the repository's remediation files; `openNow` counts the pull requests
 * already open (none for a local checkout).
 */
export function proposePullRequests(
  run: RunResult,
  opts: { config: Config; engine: Engine; configHash: string; openNow?: number },
): Proposal[] {
  const { config, engine } = opts;
  const groups = groupResults(run, config.pullRequests.grouping);
  const blobShas = new Map(run.files.map((f) => [f.path, f.created ? '' : gitBlobSha(f.before)]));
  let room = config.pullRequests.prLimit - (opts.openNow ?? 0);
  return groups.map((group) => {
    const proposal: Proposal = {
      key: group.key,
      branch: branchName(config.pullRequests.branchPrefix, group.key),
      group,
      desired: desiredFor(engine, group, opts.configHash, blobShas),
    };
    if (room-- <= 0) proposal.held = 'pr-limit';
    return proposal;
  });
}
