import type { PullRequestInfo } from '../../github/index.js';
import { parseAppMeta } from './meta.js';
import type { KnownPullRequest } from './plan-pull-request.js';

/**
 * The App's own pull requests among `prs`: authored by a bot, from a branch of this repository, with App
 * metadata that parses. Anyone can paste a metadata comment into their own pull request; it is ignored.
 */
export function knownPullRequests(prs: PullRequestInfo[]): KnownPullRequest[] {
  const out: KnownPullRequest[] = [];
  for (const pr of prs) {
    if (pr.authorType !== 'Bot' || pr.fromFork) continue;
    const meta = parseAppMeta(pr.body);
    if (meta) out.push({ pr, meta });
  }
  return out;
}
