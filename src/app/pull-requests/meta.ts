/**
 * The lifecycle state the App keeps in its own pull requests, in a hidden comment of its own next to the
 * report's `kubemend:meta` (which carries what the PR is about): the commit the App made, the config and
 * manifest versions it was made from, whether the "stale" comment was posted. Only pull requests the App
 * authored (a bot, from a branch of the same repository) are read, so nobody else can steer the lifecycle.
 */
import { z } from 'zod';
import { parseHiddenComment, renderHiddenComment } from '../../report/hidden-comment.js';

export const AppMetaSchema = z.object({
  v: z.literal(1),
  /** Grouping key. */
  key: z.string(),
  /** Sorted fingerprints of the fixes in the pull request (src/report fingerprintFix). */
  fingerprints: z.array(z.string()),
  /** Remediation ids the pull request applies. */
  remediations: z.array(z.string()),
  /**
   * What each fix targets, so a later findings-driven run (which names only its own findings) keeps the
   * pull request's earlier fixes instead of dropping them.
   */
  targets: z.array(
    z.object({
      path: z.string(),
      remediation: z.string(),
      kind: z.string(),
      name: z.string(),
      namespace: z.string().optional(),
      container: z.object({ type: z.enum(['containers', 'initContainers', 'ephemeralContainers']), name: z.string() }).optional(),
      /** Scanner rules that reported it (empty for kubemend's own detection). */
      sources: z.array(z.object({ tool: z.string(), ruleId: z.string() })),
    }),
  ),
  /** The commit the App created: a branch head that differs means someone else pushed. */
  commit: z.string(),
  /** Hash of the effective configuration when the pull request was made. */
  config: z.string(),
  /** Blob sha on the base branch of each patched file when the pull request was made. */
  files: z.record(z.string(), z.string()),
  /** Fingerprint-set hash the "stale" comment was posted for (posted once per change). */
  staleNotified: z.string().optional(),
});

export type AppMeta = z.output<typeof AppMetaSchema>;
export type FixTarget = AppMeta['targets'][number];

const MARKER = '<!-- kubemend:app ';
const COMMENT = /\n*<!-- kubemend:app [^\n]*? -->\n*/g;

/** The comment, with the report's hidden-comment encoding. */
export function renderAppMeta(meta: AppMeta): string {
  return renderHiddenComment(MARKER, meta);
}

/**
 * GitHub refuses pull request bodies over 65,536 characters. The metadata gets at most `META_BUDGET` of
 * them; beyond that the fix targets are dropped (a later findings-driven run then re-proposes only what its
 * own findings name, and the lifecycle still works from the fingerprints).
 */
export const BODY_LIMIT = 65_000;
export const META_BUDGET = 20_000;

/** The metadata comment, without targets when they would not fit the budget. */
export function fittedAppMeta(meta: AppMeta): string {
  const full = renderAppMeta(meta);
  return full.length <= META_BUDGET ? full : renderAppMeta({ ...meta, targets: [] });
}

/** `body` with its App metadata comment replaced by (or appended as) `meta`'s. */
export function withAppMeta(body: string, meta: AppMeta): string {
  return `${body.replace(COMMENT, '\n').trimEnd()}\n\n${fittedAppMeta(meta)}\n`;
}

/** The App metadata of a body, or undefined when absent or malformed (then the PR is treated as not the App's). */
export function parseAppMeta(body: string): AppMeta | undefined {
  return parseHiddenComment(body, MARKER, AppMetaSchema);
}
