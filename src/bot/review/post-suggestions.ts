/**
 * Posts the suggestions as one review, leaving out every suggestion an earlier kubemend review on this
 * pull request already made (their fingerprints sit hidden in its body): a new push adds only what is
 * new, and a re-run on the same head posts nothing.
 */
import { z } from 'zod';
import { type GitHub, type RepoRef, createReview, listReviewBodies } from '../../github/index.js';
import { parseHiddenComment, renderHiddenComment } from '../../report/hidden-comment.js';
import type { SuggestionPlan } from './suggestions.js';

const MARKER = '<!-- kubemend:review ';
const ReviewMetaSchema = z.object({ suggestions: z.array(z.string()) });

/** Suggestions made by earlier reviews that kubemend wrote. */
async function alreadySuggested(gh: GitHub, repo: RepoRef, pull: number, botLogin: string): Promise<Set<string>> {
  const reviews = await listReviewBodies(gh, repo, pull);
  const own = reviews.filter((r) => r.author === botLogin);
  return new Set(own.flatMap((r) => parseHiddenComment(r.body, MARKER, ReviewMetaSchema)?.suggestions ?? []));
}

/** Posts the new suggestions (one request to read, at most one to write); returns how many were posted. */
export async function postSuggestions(
  gh: GitHub,
  repo: RepoRef,
  pull: number,
  headSha: string,
  plan: SuggestionPlan,
  botLogin: string,
): Promise<number> {
  if (plan.comments.length === 0) return 0;
  const seen = await alreadySuggested(gh, repo, pull, botLogin);
  const fresh = plan.comments.filter((c) => !seen.has(c.fingerprint));
  if (fresh.length === 0) return 0;
  const n = fresh.length;
  const body = [
    `kubemend has ${n} suggestion${n === 1 ? '' : 's'} for the manifests this pull request changes. Each was applied to the file and verified by re-parsing it; commit them from here, or comment \`/kubemend fix\`.`,
    '',
    renderHiddenComment(MARKER, { suggestions: fresh.map((c) => c.fingerprint) }),
  ].join('\n');
  await createReview(gh, repo, pull, { commitId: headSha, body, comments: fresh.map(({ fingerprint: _, ...c }) => c) });
  return n;
}
