/**
 * The hidden metadata at the end of kubemend's pull-request bodies: which remediations and which fixes
 * (fingerprints) the PR carries, so re-runs find and compare their PRs. Anyone can write such a comment in
 * their own PR or comment, so callers trust it only in bodies authored by the App itself.
 */
import { z } from 'zod';
import { parseHiddenComment, renderHiddenComment } from './hidden-comment.js';

const MetaSchema = z.object({
  v: z.literal(1),
  remediations: z.array(z.string()),
  files: z.array(z.string()),
  fingerprints: z.array(z.string().regex(/^[0-9a-f]{16}$/)),
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
