/**
 * Opens the group's pull request, or finds the one already open from its branch. GitHub answers 422 ("A pull
 * request already exists") when one is open; that is also what a retried create answers when the first
 * create went through but its answer was lost. Then the open pull request is the App's, and it is brought up
 * to date (title, body with the new metadata) instead of failing the job.
 */
import {
  type GitHub,
  type OpenPullRequestInput,
  type PullRequestInfo,
  type RepoRef,
  findOpenPullRequest,
  isStatus,
  openPullRequest,
  updatePullRequest,
} from '../../github/index.js';

export async function openOrAdoptPullRequest(
  gh: GitHub,
  repo: RepoRef,
  input: OpenPullRequestInput,
  botLogin: () => Promise<string>,
): Promise<PullRequestInfo> {
  try {
    return await openPullRequest(gh, repo, input);
  } catch (err) {
    if (!isStatus(err, 422)) throw err;
    const existing = await findOpenPullRequest(gh, repo, input.branch);
    if (!existing || existing.author !== (await botLogin())) throw err;
    await updatePullRequest(gh, repo, existing.number, { title: input.title, body: input.body });
    return { ...existing, title: input.title, body: input.body };
  }
}
