import type { GitHub, RepoRef } from './types.js';

/** A check run already on a commit. */
export interface ExistingCheckRun {
  id: number;
  externalId: string;
  status: string;
}

/** The newest check run named `name` on `ref`, or undefined (one request). https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference */
export async function findCheckRun(
  gh: GitHub,
  repo: RepoRef,
  ref: string,
  name: string,
): Promise<ExistingCheckRun | undefined> {
  const { data } = await gh.rest.checks.listForRef({ ...repo, ref, check_name: name, filter: 'latest', per_page: 1 });
  const run = data.check_runs[0];
  return run ? { id: run.id, externalId: run.external_id ?? '', status: run.status } : undefined;
}
