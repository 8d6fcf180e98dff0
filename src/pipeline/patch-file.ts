/**
 * Applies the violations of one file and turns the outcome into a FileResult. Fixes interact: two fixes
 * that each create `securityContext` in one container overlap (applied together, the second `add` would
 * replace the first), and a fix can unblock another (dropping `privileged: true` makes
 * `allowPrivilegeEscalation: false` valid). So fixes are applied in rounds: each round applies a batch of
 * non-overlapping changes, then re-detects the file's violations on the new text, at most MAX_ROUNDS times.
 * What still fails at the end is reported as skipped with its reason.
 */
import type { Config } from '../config/schema.js';
import { type IndexedFile, indexFile } from '../locate/index-manifests.js';
import { skipPositions } from '../locate/field-position.js';
import type { AppliedFix, FileResult, FindingSource, Skip, SkippedFix, Violation } from '../model.js';
import { applyChanges, partitionOverlaps } from '../patch/index.js';
import { type Catalog, detect } from '../remediations/index.js';
import type { ParseMemory } from '../yaml.js';
import type { NotFailing } from './collect-violations.js';
import { violationKey } from './violation-key.js';

/** Rounds of apply → re-detect: a new parent takes one round, its fields the next, an unblocked fix one more. */
const MAX_ROUNDS = 4;

export interface PatchFileOptions {
  catalog: Catalog;
  config: Config;
  /**
   * The run's parse memory: the file's documents as the index parsed them, so they are patched without a
   * second parse, and only the documents an edit changed are parsed again. Default: none (parsed here).
   */
  memory?: ParseMemory;
}

/** The result for one indexed file: fixes applied and verified, everything else skipped with a reason. */
export function patchFile(
  file: IndexedFile,
  violations: Violation[],
  notFailing: NotFailing[],
  opts: PatchFileOptions,
): FileResult {
  const skipped: SkippedFix[] = notFailing.map((n) => toSkipped(n, n.skip));
  const result: FileResult = {
    path: file.path,
    before: file.text,
    after: file.text,
    changed: false,
    fixes: [],
    skipped,
  };
  const error = file.error ?? file.docs.find((d) => d.error)?.error;
  if (error) {
    // A file that does not parse is never touched, even in its valid documents: the reviewer fixes it first.
    result.error = error;
    skipped.push(
      ...violations.map((v) =>
        toSkipped(
          v,
          v.skip ?? { code: 'file-error', reason: `not patched: the file has a YAML error (${error.code})` },
        ),
      ),
    );
    return result;
  }
  const sources = new Map(violations.map((v) => [violationKey(v), v.sources] as const));
  const refusals = new Map<string, Skip>();
  const explicitFixes: Array<[AppliedFix, string[]]> = [];
  let current = violations;
  let text = file.text;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const { batch, deferred } = partitionOverlaps(derivedFirst(current.filter(isFixable), opts.catalog), toChange);
    if (!batch.length) break;
    const out = applyChanges(text, batch.map(toChange), {
      format: file.format,
      file: file.path,
      ...(opts.memory ? { memory: opts.memory } : {}),
    });
    const applied = new Set(out.applied);
    for (const v of batch.filter((x) => applied.has(violationKey(x)))) {
      const fix = toApplied(v, sources);
      result.fixes.push(fix);
      if (v.explicit?.length) explicitFixes.push([fix, v.explicit]);
    }
    for (const r of out.refused) refusals.set(r.id, { code: 'patch-refused', reason: `${r.code}: ${r.message}` });
    for (const v of deferred)
      refusals.set(violationKey(v), {
        code: 'not-converged',
        reason: 'not applied: it overlaps another change that was not applied',
      });
    if (!applied.size) break;
    text = out.text;
    current = redetect(file.path, text, violations, opts);
  }
  // Fixes on a rendered resource are planned once, on the rendering; they are not re-detected in this file.
  const rendered = violations.filter((v) => v.kustomize);
  current = current.filter((v) => !v.kustomize);
  const heldRendered = rendered.filter((v) => !isFixable(v));
  const kept = [...current, ...heldRendered].flatMap((v) =>
    v.skip?.pointer !== undefined ? [{ doc: v.workload.doc, pointer: v.skip.pointer }] : [],
  );
  const changedExplicit = explicitFixes.flatMap(([fix, pointers]) =>
    pointers.map((pointer) => ({ doc: fix.doc, pointer })),
  );
  const positions = skipPositions(file.text, [...kept, ...changedExplicit], opts.memory, file.path);
  noteComments(explicitFixes, positions);
  // Fixes on a rendered resource are applied once (round 1) and checked by rendering, not re-detected here.
  const appliedKeys = new Set(result.fixes.map((f) => `${f.remediation}|${f.doc}|${f.container?.name ?? '-'}`));
  for (const v of rendered.filter(
    (x) => isFixable(x) && !appliedKeys.has(`${x.remediation}|${x.workload.doc}|${x.container?.name ?? '-'}`),
  )) {
    skipped.push(
      toSkipped(
        v,
        refusals.get(violationKey(v)) ?? {
          code: 'not-converged',
          reason: 'not applied: it overlaps another change that was not applied',
        },
      ),
    );
  }
  for (const v of [...current, ...heldRendered]) {
    const fallback: Skip = {
      code: 'not-converged',
      reason: `not applied within ${MAX_ROUNDS} rounds of fixes; run kubemend again`,
    };
    const skip = isFixable(v)
      ? (refusals.get(violationKey(v)) ?? fallback)
      : (v.skip ?? { code: 'report-only', reason: 'no automatic fix' });
    const at = skip.pointer !== undefined ? positions.get(`${v.workload.doc}|${skip.pointer}`) : undefined;
    skipped.push(
      toSkipped({ ...v, sources: sources.get(violationKey(v)) ?? v.sources }, at ? { ...skip, ...at } : skip),
    );
  }
  result.after = text;
  result.changed = text !== file.text;
  return result;
}

/**
 * A comment beside an explicit value that an opted-in fix changed described the old value (`privileged:
 * true  # needs net admin`): it stays in the file, and the reviewer is told to update or remove it.
 */
function noteComments(changed: Array<[AppliedFix, string[]]>, positions: ReturnType<typeof skipPositions>): void {
  for (const [fix, pointers] of changed) {
    for (const pointer of pointers) {
      const at = positions.get(`${fix.doc}|${pointer}`);
      if (at?.comment)
        fix.evidence.push(
          `line ${at.line} keeps its comment \`# ${at.comment.replace(/`/g, "'")}\`, written for the old value: update or remove it`,
        );
    }
  }
}

/**
 * Fixes whose value is derived from an existing field (a memory limit copies the memory request) go first,
 * so that they derive it from what the author wrote, not from a default another fix added a round earlier.
 */
function derivedFirst(violations: Violation[], catalog: Catalog): Violation[] {
  const derives = (v: Violation): boolean =>
    catalog.byId.get(v.remediation)?.checks.some((c) => c.fix.value_strategy?.prefer !== undefined) ?? false;
  return [...violations.filter(derives), ...violations.filter((v) => !derives(v))];
}

function isFixable(v: Violation): boolean {
  return v.ops.length > 0 && v.skip === undefined;
}

function toChange(v: Violation): { id: string; doc: number; ops: Violation['ops'] } {
  return { id: violationKey(v), doc: v.workload.doc, ops: v.ops };
}

/**
 * The file's violations on the patched text, limited to those found before patching (same remediation,
 * workload and container): fixes never widen the scope of a run, and what no longer fails drops out.
 */
function redetect(path: string, text: string, all: Violation[], opts: PatchFileOptions): Violation[] {
  const scope = all.filter((v) => !v.kustomize);
  const keys = new Set(scope.map(violationKey));
  const fresh = indexFile({ path, text }, opts.memory ? { memory: opts.memory } : {});
  const byPlace = new Map(fresh.workloads.map((w) => [`${w.doc}|${w.pointer}`, w] as const));
  const pairs = new Map(scope.map((v) => [`${v.workload.doc}|${v.workload.pointer}|${v.remediation}`, v] as const));
  return [...pairs.values()].flatMap((old) => {
    const w = byPlace.get(`${old.workload.doc}|${old.workload.pointer}`);
    // What the whole index knew of the workload (a Kustomize patch) holds on the patched text too.
    if (w && old.workload.partial) w.partial = old.workload.partial;
    return w
      ? detect(w, opts.catalog, opts.config, { only: [old.remediation] }).filter((v) => keys.has(violationKey(v)))
      : [];
  });
}

function toApplied(v: Violation, sources: Map<string, FindingSource[]>): AppliedFix {
  return {
    remediation: v.remediation,
    resource: v.workload.id,
    container: v.container,
    reason: v.reason,
    ops: v.ops,
    doc: v.workload.doc,
    behaviourChange: v.behaviourChange ?? false,
    evidence: [
      ...(v.evidence ?? []),
      ...(v.kustomize
        ? [
            `found on ${v.workload.id.kind}/${v.kustomize.renderedName} as Kustomize renders it (${v.kustomize.roots.map((r) => r || '.').join(', ')}); fixed where it is defined`,
          ]
        : []),
    ],
    sources: sources.get(violationKey(v)) ?? v.sources,
    ...(v.kustomize ? { kustomizeRoots: v.kustomize.roots } : {}),
  };
}

function toSkipped(v: Pick<Violation, 'remediation' | 'workload' | 'container' | 'sources'>, skip: Skip): SkippedFix {
  const { pointer: _pointer, ...rest } = skip;
  return {
    remediation: v.remediation,
    resource: v.workload.id,
    container: v.container,
    ...rest,
    doc: v.workload.doc,
    sources: v.sources,
  };
}
