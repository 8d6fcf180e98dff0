/** The `github` stage: reads trees and blobs, commits, and manages pull requests, labels, comments, checks. */
export * from './types.js';
export { addLabels } from './add-labels.js';
export { type ClientLog, createGitHubClient, type GitHubClientOptions } from './client.js';
export { commitFiles, createCommit, createFilesTree, type CommitFilesInput } from './commit-files.js';
export { createCheckRun, type CheckRunInput } from './create-check-run.js';
export { createComment } from './create-comment.js';
export { findOpenPullRequest } from './find-open-pull-request.js';
export { getAppBotLogin } from './get-app-bot-login.js';
export { getBranchHead } from './get-branch-head.js';
export { getCommitAuthorship, type CommitAuthorship } from './get-commit-authorship.js';
export { getDefaultBranch } from './get-default-branch.js';
export { isRequestFailure, isStatus } from './is-status.js';
export { listCheckRunIds } from './list-check-run-ids.js';
export { listClosedPullRequests } from './list-closed-pull-requests.js';
export { listCommentBodies } from './list-comment-bodies.js';
export { listOpenPullRequests } from './list-open-pull-requests.js';
export { openPullRequest, type OpenPullRequestInput } from './open-pull-request.js';
export { readBlobs, type FileText } from './read-blobs.js';
export { readFileText } from './read-file-text.js';
export { readSnapshot, type ReadSnapshotOptions, type Snapshot } from './read-snapshot.js';
export { readTree, type ReadTreeOptions, type RepoTree } from './read-tree.js';
export {
  RELIABILITY_DEFAULTS,
  type ReliabilityOptions,
  reliableOctokit,
  reliableRequestOptions,
  withReliability,
} from './reliable-octokit.js';
export { timeoutFetch } from './timeout-fetch.js';
export { updatePullRequest, type PullRequestUpdate } from './update-pull-request.js';
export { writeBranch } from './write-branch.js';
export { addReaction, type Reaction } from './add-reaction.js';
export { advanceBranch } from './advance-branch.js';
export { CHECK_LIMITS, type CheckAction, type CheckAnnotation } from './check-run-output.js';
export { createReview, type ReviewComment, type ReviewInput } from './create-review.js';
export { findCheckRun, type ExistingCheckRun } from './find-check-run.js';
export { getCollaboratorPermission, PERMISSIONS, type Permission } from './get-collaborator-permission.js';
export { getCommitTree } from './get-commit-tree.js';
export { getPullRequest } from './get-pull-request.js';
export { isTeamMember } from './is-team-member.js';
export { listIssueComments, type IssueComment } from './list-issue-comments.js';
export { listPullRequestFiles, type PullRequestFile } from './list-pull-request-files.js';
export { listReviewBodies, type ReviewBody } from './list-review-bodies.js';
export { updateComment } from './update-comment.js';
export { startCheckRun, updateCheckRun, type CheckRunWrite } from './write-check-run.js';
export { readRepoConfig } from './read-repo-config.js';
export { listPullRequestCommits, type PullRequestCommit } from './list-pull-request-commits.js';
export { getBranchHeadIfChanged, type BranchHeadCheck } from './get-branch-head-if-changed.js';
export { listInstallations, type InstallationInfo } from './list-installations.js';
export { listInstallationRepositories, type InstallationRepository } from './list-installation-repositories.js';
