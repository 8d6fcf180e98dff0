/**
 * The lifecycle state the App keeps in its own pull requests, in a hidden comment of its own next to the
 * report's `kubemend:meta` (which carries what the PR is about): the commit the App made, the config and
 * manifest versions it was made from, whether the "stale" comment was posted. Only pull requests the App
 * authored (a bot, from a branch of the same repository) are read, so nobody else can steer the lifecycle.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { fingerprintSetHash } from '../../report/fingerprint.js';
import { parseHiddenComment, renderHiddenComment } from '../../report/hidden-comment.js';

const TargetSchema = z.object({
  path: z.string(),
  remediation: z.string(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
  container: z
    .object({ type: z.enum(['containers', 'initContainers', 'ephemeralContainers']), name: z.string() })
    .optional(),
  /** Scanner rules that reported it (empty for kubemend's own detection). */
  sources: z.array(z.object({ tool: z.string(), ruleId: z.string() })),
});

/**
 * Version 2: the set of fixes and the manifest versions are hashes (`set`, `filesHash`), always present and
 * of fixed size; the lists behind them are kept only while they fit (see fitAppMeta), so the body stays
 * under GitHub's limit however many fixes the pull request carries.
 */
export const AppMetaSchema = z.object({
  v: z.literal(2),
  /** Grouping key. */
  key: z.string(),
  /** fingerprintSetHash of the fixes in the pull request (src/report fingerprintFix): equal sets, equal hashes. */
  set: z.string(),
  /**
   * The sorted fingerprints behind `set`, so that a run proposing only some of a closed pull request's
   * fixes does not propose them again. Absent when they did not fit: then only the same set is suppressed.
   */
  fingerprints: z.array(z.string()).optional(),
  /** Remediation ids the pull request applies. */
  remediations: z.array(z.string()),
  /**
   * What each fix targets, so a later findings-driven run (which names only its own findings) keeps the
   * pull request's earlier fixes instead of dropping them. Empty when they did not fit.
   */
  targets: z.array(TargetSchema),
  /** The commit the App created: a branch head that differs means someone else pushed. */
  commit: z.string(),
  /** Hash of the effective configuration when the pull request was made. */
  config: z.string(),
  /** filesHash of `files`. */
  filesHash: z.string(),
  /**
   * Blob sha on the base branch of each patched file when the pull request was made. Absent when it did
   * not fit: then `filesHash` alone tells whether the manifests changed, and a pull request whose fixes
   * were made by hand is not closed automatically (its files are unknown).
   */
  files: z.record(z.string(), z.string()).optional(),
  /** Fingerprint-set hash the "stale" comment was posted for (posted once per change). */
  staleNotified: z.string().optional(),
});

/** Version 1 (lists only), as pull requests opened before version 2 carry it; read as version 2. */
const AppMetaV1Schema = z
  .object({
    v: z.literal(1),
    key: z.string(),
    fingerprints: z.array(z.string()),
    remediations: z.array(z.string()),
    targets: z.array(TargetSchema),
    commit: z.string(),
    config: z.string(),
    files: z.record(z.string(), z.string()),
    staleNotified: z.string().optional(),
  })
  .transform(({ v: _v, ...m }): AppMeta => ({
    ...m,
    v: 2,
    set: fingerprintSetHash(m.fingerprints),
    filesHash: filesHash(m.files),
  }));

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
 * them (the rest is the report, which fits itself into what is left).
 */
export const BODY_LIMIT = 65_000;
export const META_BUDGET = 20_000;

/** One short hash of a path → blob sha map (order does not matter). */
export function filesHash(files: Record<string, string>): string {
  const entries = Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16);
}

/**
 * The metadata as it is stored: whole when it fits `META_BUDGET`, else without what can be spared, in this
 * order: the fix targets (a later findings-driven run then re-proposes only what its own findings name),
 * the fingerprint list (only the same set of fixes is then suppressed after a close), the file versions
 * (their hash stays). What is left is a few hundred characters whatever the number of fixes.
 */
export function fitAppMeta(meta: AppMeta): AppMeta {
  const { fingerprints, files, ...hashes } = meta;
  const tiers: AppMeta[] = [
    meta,
    { ...meta, targets: [] },
    { ...hashes, ...(files ? { files } : {}), targets: [] },
    { ...hashes, targets: [] },
  ];
  return tiers.find((m) => renderAppMeta(m).length <= META_BUDGET) ?? { ...hashes, targets: [] };
}

/** The metadata comment, as fitAppMeta stores it. */
export function fittedAppMeta(meta: AppMeta): string {
  return renderAppMeta(fitAppMeta(meta));
}

/** `body` with its App metadata comment replaced by (or appended as) `meta`'s. */
export function withAppMeta(body: string, meta: AppMeta): string {
  return `${body.replace(COMMENT, '\n').trimEnd()}\n\n${fittedAppMeta(meta)}\n`;
}

/** The App metadata of a body, or undefined when absent or malformed (then the PR is treated as not the App's). */
export function parseAppMeta(body: string): AppMeta | undefined {
  return parseHiddenComment(body, MARKER, z.union([AppMetaSchema, AppMetaV1Schema]));
}
