import type { PullRequestInfo } from './types.js';

/** The subset of GitHub's pull request object that list and get answers share. */
export interface RawPullRequest {
  number: number;
  state: string;
  merged_at: string | null;
  title: string;
  body: string | null;
  head: { ref: string; sha: string; repo: { full_name: string } | null };
  base: { ref: string; repo: { full_name: string } };
  html_url: string;
  user: { login: string; type: string } | null;
  labels?: Array<{ name?: string } | string>;
}

/** Converts GitHub's pull request object to the plain shape the App uses. */
export function toPullRequestInfo(pr: RawPullRequest): PullRequestInfo {
  return {
    number: pr.number,
    state: pr.state === 'closed' ? 'closed' : 'open',
    merged: pr.merged_at !== null,
    title: pr.title,
    body: pr.body ?? '',
    headRef: pr.head.ref,
    headSha: pr.head.sha,
    baseRef: pr.base.ref,
    htmlUrl: pr.html_url,
    author: pr.user?.login ?? '',
    authorType: pr.user?.type ?? '',
    fromFork: pr.head.repo?.full_name !== pr.base.repo.full_name,
    labels: (pr.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter((l) => l !== ''),
  };
}
