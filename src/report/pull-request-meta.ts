/**
 * The hidden metadata at the end of kubemend's pull-request bodies: which remediations and which fixes
 * (fingerprints) the PR carries, so re-runs find and compare their PRs. Anyone can write such a comment in
 * their own PR or comment, so callers trust it only in bodies authored by the App itself.
 */
import { z } from 'zod';

const MetaSchema = z.object({
  v: z.literal(1),
  remediations: z.array(z.string()),
  files: z.array(z.string()),
  fingerprints: z.array(z.string().regex(/^[0-9a-f]{16}$/)),
});

export type PullRequestMeta = z.output<typeof MetaSchema>;

const MARKER = '<!-- kubemend:meta ';

/** The comment line; `<`, `>` and `&` are JSON-escaped so no string can end the comment early. */
export function renderMetaComment(meta: PullRequestMeta): string {
  const json = JSON.stringify(meta).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${MARKER}${json} -->`;
}

/** The metadata of a body written by renderPullRequest; undefined when absent or malformed (the last marker wins). */
export function parsePullRequestMeta(body: string): PullRequestMeta | undefined {
  const start = body.lastIndexOf(MARKER);
  if (start < 0) return undefined;
  const end = body.indexOf(' -->', start);
  if (end < 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body.slice(start + MARKER.length, end));
  } catch {
    // Not ours or edited by hand: treated as no metadata, which makes the caller regenerate the PR.
    return undefined;
  }
  const parsed = MetaSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
