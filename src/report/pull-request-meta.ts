/**
 * The hidden metadata at the end of kubemend's pull-request bodies: which remediations the PR applies,
 * how many fixes in how many files, and one hash of the set of fixes (their fingerprints). Compact on
 * purpose: GitHub refuses bodies over 65,536 characters, and a list of fingerprints grows with the fixes
 * (a 2,700-fix body spent 85,320 characters on it). Everything else can be recomputed from the PR's diff.
 * Anyone can write such a comment in their own PR or comment, so callers trust it only in bodies authored
 * by kubemend itself.
 */
import { z } from 'zod';
import { parseHiddenComment, renderHiddenComment } from './hidden-comment.js';

const MetaSchema = z.object({
  v: z.literal(2),
  remediations: z.array(z.string()),
  /** Number of fixes. */
  fixes: z.number().int().nonnegative(),
  /** Number of files the fixes change. */
  files: z.number().int().nonnegative(),
  /** fingerprintSetHash of the fixes' fingerprints: equal sets, equal hashes. */
  set: z.string().regex(/^[0-9a-f]{16}$/),
});

export type PullRequestMeta = z.output<typeof MetaSchema>;

const MARKER = '<!-- kubemend:meta ';

/** The comment line, at the end of the body. */
export function renderMetaComment(meta: PullRequestMeta): string {
  return renderHiddenComment(MARKER, meta);
}

/** The metadata of a body written by renderPullRequest; undefined when absent or malformed (the last marker wins). */
export function parsePullRequestMeta(body: string): PullRequestMeta | undefined {
  return parseHiddenComment(body, MARKER, MetaSchema);
}
