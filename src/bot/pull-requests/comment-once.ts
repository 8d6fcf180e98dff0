/**
 * Comments that must appear once per occasion (the "stale" note, the reason for closing). A comment is not
 * idempotent: a retried create whose first answer was lost posts it twice. So each carries a hidden key,
 * the pull request's comments are read first, and the create is not retried blindly: after a failure the
 * comments are read again and the comment is posted again only if it is still missing.
 */
import { type GitHub, type RepoRef, createComment, listCommentBodies } from '../../github/index.js';

function marker(key: string): string {
  return `<!-- kubemend:comment ${key} -->`;
}

/** Posts `body` with `key` unless a comment with that key is already on the pull request. Returns whether it posted. */
export async function commentOnce(
  gh: GitHub,
  repo: RepoRef,
  number: number,
  body: string,
  key: string,
): Promise<boolean> {
  const tagged = `${body}\n\n${marker(key)}`;
  const present = async () => (await listCommentBodies(gh, repo, number)).some((b) => b.includes(marker(key)));
  if (await present()) return false;
  try {
    await createComment(gh, repo, number, tagged, { retry: false });
  } catch (err) {
    if (await present()) return true;
    await createComment(gh, repo, number, tagged, { retry: false }).catch(() => Promise.reject(err));
  }
  return true;
}
