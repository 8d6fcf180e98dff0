/**
 * Applies the violations of one file and turns the outcome into a FileResult. Changes in the same
 * container can collide (two fixes that each create `securityContext`): the patch engine then applies
 * the first and refuses or would overwrite with the second. So changes whose paths overlap wait: after
 * each round they are re-detected on the new text, where the parent now exists; at most MAX_ROUNDS rounds.
 */
import type { Config } from '../config/schema.js';
import { type IndexedFile, indexFile } from '../locate/index-manifests.js';
import type { AppliedFix, FileResult, SkippedFix, Violation } from '../model.js';
import { applyChanges } from '../patch/index.js';
import { type Catalog, detect } from '../remediations/index.js';
import { ALREADY_COMPLIANT } from '../report/failures.js';
import type { NotFailing } from './collect-violations.js';
import { sameContainer, violationKey } from './violation-key.js';

/** Rounds of apply → re-detect: a new parent takes one round, its fields the next, a nested parent one more. */
const MAX_ROUNDS = 3;

export interface PatchFileOptions {
  catalog: Catalog;
  config: Config;
}

/** The result for one indexed file: fixes applied and verified, everything else skipped with a reason. */
export function patchFile(file: IndexedFile, violations: Violation[], notFailing: NotFailing[], opts: PatchFileOptions): FileResult {
  const skipped: SkippedFix[] = notFailing.map((n) => toSkipped(n, n.reason));
  const result: FileResult = { path: file.path, before: file.text, after: file.text, changed: false, fixes: [], skipped };
  const error = file.error ?? file.docs.find((d) => d.error)?.error;
  if (error) {
    // A file that does not parse is never touched, even in its valid documents: the reviewer fixes it first.
    result.error = error;
    skipped.push(...violations.map((v) => toSkipped(v, v.skipReason ?? `not patched: the file has a YAML error (${error.code})`)));
    return result;
  }
  skipped.push(...violations.filter((v) => !isFixable(v)).map((v) => toSkipped(v, v.skipReason ?? 'no automatic fix')));
  let pending = violations.filter(isFixable);
  let text = file.text;
  for (let round = 1; pending.length > 0; round++) {
    const { batch, deferred } = partitionOverlaps(pending);
    const out = applyChanges(text, batch.map(toChange), { format: file.format, file: file.path });
    const applied = new Set(out.applied);
    result.fixes.push(...batch.filter((v) => applied.has(violationKey(v))).map(toApplied));
    text = out.text;
    const refusals = new Map(out.refused.map((r) => [r.id, r]));
    const refused = batch.filter((v) => refusals.has(violationKey(v)));
    const last = round === MAX_ROUNDS;
    if (last || applied.size === 0) skipped.push(...refused.map((v) => toSkipped(v, refusalReason(refusals.get(violationKey(v))))));
    if (last) {
      skipped.push(...deferred.map((v) => toSkipped(v, `not applied: other fixes in the same place took ${MAX_ROUNDS} rounds; run kubemend again`)));
      break;
    }
    pending = redetect(file, text, applied.size === 0 ? deferred : [...refused, ...deferred], opts, skipped);
  }
  result.after = text;
  result.changed = text !== file.text;
  return result;
}

function toChange(v: Violation): { id: string; doc: number; ops: Violation['ops'] } {
  return { id: violationKey(v), doc: v.workload.doc, ops: v.ops };
}

/**
 * Splits the changes into a batch whose op paths do not overlap and the rest. Two RFC 6902 `add`s of the
 * same new parent (`securityContext` with one field each) are each valid alone, but applied together the
 * second replaces the first: overlapping changes wait for the next round, re-planned on the new text.
 */
function partitionOverlaps(pending: Violation[]): { batch: Violation[]; deferred: Violation[] } {
  const batch: Violation[] = [];
  const deferred: Violation[] = [];
  const taken: string[] = [];
  for (const v of pending) {
    const paths = v.ops.map((op) => `${v.workload.doc}:${op.path}`);
    const overlaps = paths.some((p) => taken.some((t) => p === t || p.startsWith(`${t}/`) || t.startsWith(`${p}/`)));
    if (overlaps) deferred.push(v);
    else {
      batch.push(v);
      taken.push(...paths);
    }
  }
  return { batch, deferred };
}

function isFixable(v: Violation): boolean {
  return v.ops.length > 0 && v.skipReason === undefined;
}

function refusalReason(r: { code: string; message: string } | undefined): string {
  return r ? `${r.code}: ${r.message}` : 'refused by the patch engine';
}

/** The refused violations, planned again on the patched text; those that no longer fail are reported. */
function redetect(file: IndexedFile, text: string, refused: Violation[], opts: PatchFileOptions, skipped: SkippedFix[]): Violation[] {
  const fresh = indexFile({ path: file.path, text });
  return refused.flatMap((old) => {
    const w = fresh.workloads.find((x) => x.doc === old.workload.doc && x.pointer === old.workload.pointer);
    const now = w ? detect(w, opts.catalog, opts.config, { only: [old.remediation] }).filter((v) => sameContainer(v.container, old.container)) : [];
    if (!now.length) skipped.push(toSkipped(old, ALREADY_COMPLIANT));
    return now.map((v) => (isFixable(v) ? { ...v, sources: old.sources } : (skipped.push(toSkipped(v, v.skipReason ?? 'no automatic fix')), undefined))).filter((v): v is Violation => v !== undefined);
  });
}

function toApplied(v: Violation): AppliedFix {
  return {
    remediation: v.remediation,
    resource: v.workload.id,
    container: v.container,
    reason: v.reason,
    ops: v.ops,
    doc: v.workload.doc,
    behaviourChange: v.behaviourChange ?? false,
    sources: v.sources,
  };
}

function toSkipped(v: Pick<Violation, 'remediation' | 'workload' | 'container' | 'sources'>, reason: string): SkippedFix {
  return { remediation: v.remediation, resource: v.workload.id, container: v.container, reason, doc: v.workload.doc, sources: v.sources };
}
