import { toPullRequestInfo } from './to-pull-request-info.js';
import type { GitHub, PullRequestInfo, RepoRef } from './types.js';

export interface OpenPullRequestInput {
  branch: string;
  base: string;
  title: string;
  body: string;
  draft: boolean;
}

/** Opens a pull request from `branch` into `base`. https://docs.github.com/rest/pulls/pulls#create-a-pull-request */
export async function openPullRequest(
  gh: GitHub,
  repo: RepoRef,
  input: OpenPullRequestInput,
): Promise<PullRequestInfo> {
  const { data } = await gh.rest.pulls.create({
    ...repo,
    head: input.branch,
    base: input.base,
    title: input.title,
    body: input.body,
    draft: input.draft,
    maintainer_can_modify: true,
  });
  return toPullRequestInfo(data);
}
