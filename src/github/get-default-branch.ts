import type { GitHub, RepoRef } from './types.js';

/** The repository's default branch (installation events do not carry it). */
export async function getDefaultBranch(gh: GitHub, repo: RepoRef): Promise<string> {
  const { data } = await gh.rest.repos.get({ owner: repo.owner, repo: repo.repo });
  return data.default_branch;
}
