import type { GitHub, RepoRef } from './types.js';

/** A review's body and author. */
export interface ReviewBody {
  body: string;
  author: string;
}

/** The reviews of a pull request, oldest first (paged through). https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request */
export async function listReviewBodies(gh: GitHub, repo: RepoRef, number: number): Promise<ReviewBody[]> {
  const reviews = await gh.paginate(gh.rest.pulls.listReviews, { ...repo, pull_number: number, per_page: 100 });
  return reviews.map((r) => ({ body: r.body ?? '', author: r.user?.login ?? '' }));
}
