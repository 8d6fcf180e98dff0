/**
 * The one reply per command: found among kubemend's own comments on the issue by its hidden key, edited
 * in place when the command runs again (a redelivery, a retry after a failure), created otherwise.
 */
import {
  type GitHub,
  type IssueComment,
  type RepoRef,
  createComment,
  listIssueComments,
  updateComment,
} from '../../github/index.js';
import { type ReplyMeta, parseCommandReply } from '../../report/command-reply.js';

export interface ExistingReply {
  comment: IssueComment;
  meta: ReplyMeta;
}

/** kubemend's earlier reply with `key`, if any (the issue's comments are read once). */
export async function findReply(
  gh: GitHub,
  repo: RepoRef,
  issue: number,
  key: string,
  botLogin: string,
): Promise<ExistingReply | undefined> {
  const comments = await listIssueComments(gh, repo, issue);
  for (const comment of comments) {
    if (comment.author !== botLogin) continue;
    const meta = parseCommandReply(comment.body);
    if (meta?.key === key) return { comment, meta };
  }
  return undefined;
}

/** Writes the reply: edits `existing` in place, or creates it. */
export async function writeReply(
  gh: GitHub,
  repo: RepoRef,
  issue: number,
  body: string,
  existing: ExistingReply | undefined,
): Promise<void> {
  if (existing) await updateComment(gh, repo, existing.comment.id, body);
  else await createComment(gh, repo, issue, body);
}
