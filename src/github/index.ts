/** The `github` stage: reads trees and blobs, commits, and manages pull requests, labels, comments, checks. */
export * from './types.js';
export { addLabels } from './add-labels.js';
export { closePullRequest } from './close-pull-request.js';
export { commitFiles, type CommitFilesInput } from './commit-files.js';
export { createCheckRun, type CheckRunInput } from './create-check-run.js';
export { createComment } from './create-comment.js';
export { getBranchHead } from './get-branch-head.js';
export { getDefaultBranch } from './get-default-branch.js';
export { listCheckRunIds } from './list-check-run-ids.js';
export { listClosedPullRequests } from './list-closed-pull-requests.js';
export { listOpenPullRequests } from './list-open-pull-requests.js';
export { openPullRequest, type OpenPullRequestInput } from './open-pull-request.js';
export { readBlobs, type FileText } from './read-blobs.js';
export { readFileText } from './read-file-text.js';
export { readTree, type RepoTree } from './read-tree.js';
export { updatePullRequest, type PullRequestUpdate } from './update-pull-request.js';
export { writeBranch } from './write-branch.js';
