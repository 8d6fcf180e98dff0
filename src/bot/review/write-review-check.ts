/**
 * Writes kubemend's check run on a head commit: the first request creates it (or updates the one already
 * there, so a re-run on the same commit never adds a second), further requests append 50 annotations
 * each, and the last one completes it with the conclusion and the buttons.
 */
import {
  type CheckAction,
  type CheckAnnotation,
  CHECK_LIMITS,
  type GitHub,
  type RepoRef,
  startCheckRun,
  updateCheckRun,
} from '../../github/index.js';
import { batches } from './annotations.js';

export const REVIEW_CHECK_NAME = 'kubemend';

export interface ReviewCheck {
  headSha: string;
  /** A check run named `kubemend` already on the commit: updated rather than duplicated. */
  existingId?: number;
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
  conclusion: 'success' | 'neutral' | 'failure';
  actions: CheckAction[];
  externalId: string;
}

/** Writes the run in ceil(annotations / 50) requests (at least one); returns its id and the request count. */
export async function writeReviewCheck(
  gh: GitHub,
  repo: RepoRef,
  check: ReviewCheck,
): Promise<{ id: number; requests: number }> {
  const parts = batches(check.annotations, CHECK_LIMITS.annotationsPerRequest);
  let id = check.existingId;
  for (const [i, annotations] of parts.entries()) {
    const last = i === parts.length - 1;
    const write = {
      title: check.title,
      summary: check.summary,
      annotations,
      externalId: check.externalId,
      ...(last ? { conclusion: check.conclusion, actions: check.actions } : {}),
    };
    if (id === undefined) id = await startCheckRun(gh, repo, REVIEW_CHECK_NAME, check.headSha, write);
    else await updateCheckRun(gh, repo, id, write);
  }
  return { id: id ?? 0, requests: parts.length };
}
