/**
 * One commit with the fixes on a person's pull request branch, made as the App (no author: GitHub signs
 * it). The head is pinned to the commit the command saw: if the branch moved since, nothing is written
 * and the reply says so; the ref moves only as a fast-forward, so even a push racing this one is never
 * overwritten (GitHub answers 422 and the branch stays as the person left it).
 */
import {
  type FileWrite,
  type GitHub,
  type RepoRef,
  advanceBranch,
  createCommit,
  createFilesTree,
  getBranchHead,
  getCommitTree,
  isStatus,
} from '../../github/index.js';
import type { Pacer } from '../ports.js';

export type PushOutcome = { kind: 'pushed'; sha: string } | { kind: 'moved'; now?: string };

export interface PushInput {
  branch: string;
  /** The head the command was given on. */
  pinnedSha: string;
  files: FileWrite[];
  message: string;
}

/** A commit of `files` on top of `head` (its tree as the base): three requests. Nothing points at it yet. */
export async function commitOnHead(
  gh: GitHub,
  repo: RepoRef,
  head: string,
  files: FileWrite[],
  message: string,
): Promise<string> {
  const tree = await createFilesTree(gh, repo, await getCommitTree(gh, repo, head), files);
  return createCommit(gh, repo, tree, head, message);
}

export async function pushFixes(gh: GitHub, repo: RepoRef, pacer: Pacer, input: PushInput): Promise<PushOutcome> {
  const now = await getBranchHead(gh, repo, input.branch);
  if (now !== input.pinnedSha) return { kind: 'moved', ...(now ? { now } : {}) };
  return pacer.run(async () => {
    const sha = await commitOnHead(gh, repo, input.pinnedSha, input.files, input.message);
    try {
      await advanceBranch(gh, repo, input.branch, sha);
    } catch (err) {
      // Not a fast-forward any more: someone pushed between the check above and this update.
      if (isStatus(err, 422)) return { kind: 'moved' as const };
      throw err;
    }
    return { kind: 'pushed' as const, sha };
  }, 3);
}
