/**
 * Puts a group's commit on its branch, converging with whatever an earlier attempt left there. A job can be
 * cut short after any request (a crash, a lost answer, a failure after retries), so the branch may already
 * exist without a pull request:
 *
 * - it holds exactly this proposal (same tree, on the current base): adopted as it is, nothing written;
 * - its head is the App's own commit (an earlier proposal, an older base): replaced by the new commit;
 * - its head is anyone else's commit: left alone, and the group reports `branch-occupied`.
 *
 * "Reference already exists" (422) when creating the branch is resolved the same way, from the branch as it
 * is now: it is also what a retried create answers when the first answer was lost.
 */
import {
  type RepoRef,
  createCommit,
  createFilesTree,
  getBranchHead,
  getCommitAuthorship,
  isStatus,
  writeBranch,
} from '../../github/index.js';
import type { FileWrite, GitHub } from '../../github/index.js';
import { isOwnCommit } from './own-commit.js';

export interface BranchContext {
  gh: GitHub;
  repo: RepoRef;
  baseSha: string;
  baseTreeSha: string;
  /** The App's bot login (`<slug>[bot]`), asked for only when a branch's author must be checked. */
  botLogin(): Promise<string>;
}

export type PreparedBranch = { ok: true; commit: string; adopted: boolean } | { ok: false; reason: 'branch-occupied' };

/** `knownOwn(head)`: the head is a commit the App recorded as its own (a closed pull request's). */
export async function prepareBranch(
  ctx: BranchContext,
  branch: string,
  files: FileWrite[],
  message: string,
  knownOwn: (sha: string) => boolean,
): Promise<PreparedBranch> {
  const head = await getBranchHead(ctx.gh, ctx.repo, branch);
  let replace = head !== undefined && knownOwn(head);
  const found = head !== undefined && !replace ? await getCommitAuthorship(ctx.gh, ctx.repo, head) : undefined;
  if (found) {
    replace = isOwnCommit(found, await ctx.botLogin());
    const onBase = found.parents.length === 1 && found.parents[0] === ctx.baseSha;
    // Someone else's commit can only be taken over when it is exactly this proposal: that needs the tree.
    if (!replace && !onBase) return { ok: false, reason: 'branch-occupied' };
    const tree = await createFilesTree(ctx.gh, ctx.repo, ctx.baseTreeSha, files);
    if (onBase && found.treeSha === tree) return { ok: true, commit: found.sha, adopted: true };
    if (!replace) return { ok: false, reason: 'branch-occupied' };
    return pointBranch(ctx, branch, await createCommit(ctx.gh, ctx.repo, tree, ctx.baseSha, message), true);
  }
  const tree = await createFilesTree(ctx.gh, ctx.repo, ctx.baseTreeSha, files);
  return pointBranch(ctx, branch, await createCommit(ctx.gh, ctx.repo, tree, ctx.baseSha, message), replace);
}

/** Creates or force-moves the branch to `commit`; on 422 re-reads the branch and converges. */
async function pointBranch(
  ctx: BranchContext,
  branch: string,
  commit: string,
  exists: boolean,
): Promise<PreparedBranch> {
  try {
    await writeBranch(ctx.gh, ctx.repo, branch, commit, exists);
    return { ok: true, commit, adopted: false };
  } catch (err) {
    if (!isStatus(err, 422)) throw err;
    const now = await getBranchHead(ctx.gh, ctx.repo, branch);
    if (now === commit) return { ok: true, commit, adopted: false };
    // Moving a branch deleted meanwhile: create it. Creating one that appeared meanwhile: only over the App's own commit.
    if (now === undefined) return exists ? pointBranch(ctx, branch, commit, false) : Promise.reject(err);
    const found = await getCommitAuthorship(ctx.gh, ctx.repo, now);
    if (!isOwnCommit(found, await ctx.botLogin())) return { ok: false, reason: 'branch-occupied' };
    await writeBranch(ctx.gh, ctx.repo, branch, commit, true);
    return { ok: true, commit, adopted: false };
  }
}
