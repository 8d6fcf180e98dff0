import type { GitHub, RepoRef } from './types.js';

/** The `external_id`s of the check runs named `name` on a commit (one request), to report a problem once. */
export async function listCheckRunIds(gh: GitHub, repo: RepoRef, ref: string, name: string): Promise<string[]> {
  const { data } = await gh.rest.checks.listForRef({ ...repo, ref, check_name: name, per_page: 100 });
  return data.check_runs.map((run) => run.external_id ?? '').filter((id) => id !== '');
}
