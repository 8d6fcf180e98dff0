import type { GitHub, RepoRef } from './types.js';

/** A repository an installation can reach, with what a sweep needs to start without asking again. */
export interface InstallationRepository extends RepoRef {
  defaultBranch: string;
  /** Archived repositories are read-only: no pull request can be opened there. */
  archived: boolean;
}

/**
 * Every repository the installation's token can reach, paged through 100 at a time (Link headers).
 * https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-app-installation
 */
export async function listInstallationRepositories(gh: GitHub): Promise<InstallationRepository[]> {
  const all = await gh.paginate(gh.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
  return all.map((r) => ({
    owner: r.owner.login,
    repo: r.name,
    defaultBranch: r.default_branch,
    archived: r.archived,
  }));
}
