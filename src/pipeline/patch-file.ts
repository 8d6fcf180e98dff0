/**
 * Applies the violations of one file and turns the outcome into a FileResult. Changes in the same
 * container can collide (two fixes that each create `securityContext`): the patch engine then applies
 * the first and refuses the second, so the refused ones are re-detected on the new text, where the
 * parent now exists, and applied again; at most MAX_ROUNDS times.
 */
import type { Config } from '../config/schema.js';
import { type IndexedFile, indexFile } from '../locate/index-manifests.js';
import type { AppliedFix, FileResult, SkippedFix, Violation } from '../model.js';
import { applyChanges } from '../patch/index.js';
import { type Catalog, detect } from '../remediations/index.js';
import { ALREADY_COMPLIANT } from '../report/failures.js';
import type { NotFailing } from './collect-violations.js';
import { sameContainer, violationKey } from './violation-key.js';

/** Rounds of apply → re-detect; one collision per container level needs two, nested ones three. */
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
    const changes = pending.map((v) => ({ id: violationKey(v), doc: v.workload.doc, ops: v.ops }));
    const out = applyChanges(text, changes, { format: file.format, file: file.path });
    const applied = new Set(out.applied);
    result.fixes.push(...pending.filter((v) => applied.has(violationKey(v))).map(toApplied));
    text = out.text;
    const refused = new Map(out.refused.map((r) => [r.id, r]));
    const again = pending.filter((v) => refused.has(violationKey(v)));
    if (applied.size === 0 || round === MAX_ROUNDS) {
      skipped.push(...again.map((v) => toSkipped(v, refusalReason(refused.get(violationKey(v))))));
      break;
    }
    pending = redetect(file, text, again, opts, skipped);
  }
  result.after = text;
  result.changed = text !== file.text;
  return result;
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
