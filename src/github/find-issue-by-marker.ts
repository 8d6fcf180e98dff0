import { type IssueInfo, type RawIssue, toIssueInfo } from './to-issue-info.js';
import type { GitHub, RepoRef } from './types.js';

/**
 * The oldest open issue opened by `creator` whose body holds `marker` (an HTML comment), or undefined.
 * Filtering on the creator keeps anyone else's issue that copies the marker from being taken for the App's;
 * pull requests (which the issues API also lists) are skipped. Paged, 100 at a time.
 * https://docs.github.com/rest/issues/issues#list-repository-issues
 */
export async function findIssueByMarker(
  gh: GitHub,
  repo: RepoRef,
  marker: string,
  creator: string,
): Promise<IssueInfo | undefined> {
  const all = (await gh.paginate(gh.rest.issues.listForRepo, {
    ...repo,
    state: 'open',
    creator,
    sort: 'created',
    direction: 'asc',
    per_page: 100,
  })) as RawIssue[];
  const found = all.find(
    (i) =>
      i.pull_request === undefined &&
      i.user?.login.toLowerCase() === creator.toLowerCase() &&
      (i.body ?? '').includes(marker),
  );
  return found ? toIssueInfo(found) : undefined;
}
