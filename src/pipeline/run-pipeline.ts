/**
 * The pipeline for one repository snapshot, shared by the CLI and the App: index → collect violations
 * (detection or findings) → patch each file → results. Pure: files in, results out, no I/O, so the App can
 * feed it files read through the GitHub API and the CLI files read from disk.
 */
import type { Config } from '../config/schema.js';
import { indexManifests } from '../locate/index-manifests.js';
import { isKustomizationPath } from '../locate/kustomize-inputs.js';
import { buildKustomizeModel, renderRoot } from '../locate/kustomize/index.js';
import type { RenderResult } from '../locate/kustomize/types.js';
import type { KustomizeView } from '../locate/locate-in-kustomize.js';
import { findWorkloads } from '../locate/workloads.js';
import { detect } from '../remediations/index.js';
import type { KustomizeLocated } from '../locate/step.js';
import { overlayPatch } from './overlay-patch.js';
import type { RunResult, Violation } from '../model.js';
import { type NotFailing, collectViolations } from './collect-violations.js';
import { partitionByRemediation } from './partition.js';
import { patchFile } from './patch-file.js';
import { verifyRendering } from './verify-rendering.js';
import { pathFilter } from './select-files.js';
import { createParseMemory } from '../yaml.js';
import { helmChanged, helmPartitions, helmReported, mergeHelm, mergePartitions, runHelm } from './retarget-helm.js';
import type { PipelineOptions } from './pipeline-options.js';
import type { RepoFile } from './repo-file.js';

export type { PipelineOptions } from './pipeline-options.js';

/** Rounds of fixes on rendered resources: each round renders the roots again from the files as patched. */
const KUSTOMIZE_ROUNDS = 4;

/** Runs detection or findings mapping, patches, verifies, and reports every file that holds manifests. */
export function runPipeline(files: RepoFile[], opts: PipelineOptions): RunResult {
  const first = runOnce(files, opts);
  if (!first.kustomize) return first.result;
  // Fixes on rendered resources are planned on a rendering: two that create the same parent overlap, and
  // the deferred one is planned again on the next rendering (as patch-file does for plain files).
  const rounds = [first.result];
  let current = files;
  for (let round = 2; round <= KUSTOMIZE_ROUNDS; round++) {
    const last = rounds.at(-1) as RunResult;
    if (
      !last.files.some((f) => f.changed) ||
      !last.files.some((f) => f.skipped.some((s) => s.code === 'not-converged'))
    )
      break;
    const created = last.files
      .filter((r) => r.created && r.changed && !current.some((f) => f.path === r.path))
      .map((r) => ({ path: r.path, text: r.after }));
    current = [
      ...current.map((f) => ({ path: f.path, text: last.files.find((r) => r.path === f.path)?.after ?? f.text })),
      ...created,
    ];
    rounds.push(runOnce(current, opts).result);
  }
  return mergeRounds(files, rounds);
}

/** One result from several rounds: the first text before, the latest after, every fix once, the last skips. */
function mergeRounds(files: RepoFile[], rounds: RunResult[]): RunResult {
  const latest = new Map<string, RunResult['files'][number]>();
  for (const r of rounds) for (const f of r.files) latest.set(f.path, f);
  // By document, not name: a rendered resource's name (with its root's prefix) is not its base's.
  const key = (x: { remediation: string; container: { name: string } | null }) =>
    `${x.remediation}|${x.container?.name ?? '-'}`;
  // Any file: a fix on a rendering can land in a patch while the finding's resource lives in the base.
  const fixed = new Set(rounds.flatMap((r) => r.files.flatMap((f) => f.fixes.map(key))));
  const merged = [...latest.values()].map((f) => {
    const fixes = rounds.flatMap((r) => r.files.find((x) => x.path === f.path)?.fixes ?? []);
    const original = files.find((x) => x.path === f.path);
    const before = original?.text ?? '';
    // A finding fixed in an earlier round is "already compliant" in the later ones: it is a fix, not a skip.
    const skipped = f.skipped.filter((s) => !(s.code === 'already-compliant' && fixed.has(key(s))));
    return { ...f, before, fixes, skipped, changed: f.after !== before, ...(original ? {} : { created: true }) };
  });
  const last = rounds.at(-1) as RunResult;
  const result: RunResult = { ...last, files: merged };
  result.summary = summarise(result);
  return result;
}

function runOnce(files: RepoFile[], opts: PipelineOptions): { result: RunResult; kustomize: boolean } {
  const isIncluded = includeFilter(opts.config);
  // One parse memory per run: the index parses each file once, the patch stage reuses it (src/yaml-documents.ts).
  const memory = createParseMemory();
  const index = indexManifests(
    files.filter((f) => isIncluded(f.path)),
    { memory },
  );
  // Findings on rendered resources are mapped through the roots; any edit of a file a root uses is verified.
  const kustomize = kustomizeOf(files);
  // Charts are rendered and fixed through values (src/pipeline/retarget-helm.ts); the findings they take are theirs.
  const helm = runHelm(files, { ...opts, isIncluded });
  const findings = helm && opts.findings ? { findings: opts.findings.filter((f) => !helm.taken.includes(f)) } : {};
  const collected = collectViolations(index, { ...opts, ...findings, isIncluded, ...(kustomize ? { kustomize } : {}) });
  const overlays = collected.violations.filter((v) => v.kustomize?.overlay && !v.skip);
  const violations = groupByFile(collected.violations.filter((v) => !overlays.includes(v)));
  const notFailing = groupByFile(collected.notFailing);
  const result: RunResult = {
    files: [],
    unmapped: collected.unmapped,
    diagnostics: collected.diagnostics,
    summary: emptySummary(),
  };
  const total = index.files.size;
  let done = 0;
  for (const file of index.files.values()) {
    const vs = violations.get(file.path) ?? [];
    const nf = notFailing.get(file.path) ?? [];
    const broken = file.error !== undefined || file.docs.some((d) => d.error);
    if (file.helmTemplate) {
      if (!helmReported(helm, file.path))
        result.diagnostics.push({
          code: 'helm-template',
          message: `${file.path}: Helm template, not patched`,
          file: file.path,
        });
    } else if (file.kubernetes || broken || vs.length || nf.length)
      result.files.push(patchFile(file, vs, nf, { ...opts, memory }));
    opts.onProgress?.(++done, total);
  }
  if (helm) mergeHelm(result, helm);
  if (opts.partition && !collected.violations.some((v) => v.kustomize)) {
    const plain = partitionByRemediation(
      index.files.values(),
      result.files.filter((f) => !helmChanged(helm, f.path)),
      violations,
      notFailing,
      opts,
    );
    result.partitions = helm ? mergePartitions(plain, helmPartitions(files, { ...opts, isIncluded }, helm)) : plain;
  }
  const written = kustomize && overlays.length ? writeOverlays(overlays, kustomize, result) : [];
  if (kustomize) {
    // Only the fixes that landed are checked (a deferred one is planned again next round).
    const landed = new Set(
      result.files.flatMap((f) =>
        f.fixes.map((x) => `${f.path}|${x.remediation}|${x.doc}|${x.container?.name ?? '-'}`),
      ),
    );
    const applied = [
      ...collected.violations.filter((v) =>
        landed.has(`${v.workload.file}|${v.remediation}|${v.workload.doc}|${v.container?.name ?? '-'}`),
      ),
      ...written,
    ];
    const detectOn = (object: Record<string, unknown>, remediation: string) =>
      findWorkloads(object, 'rendered', 0).flatMap((w) =>
        detect(w, opts.catalog, opts.config, { only: [remediation] }),
      );
    verifyRendering(
      result.files,
      applied,
      kustomize.view.model,
      kustomize.texts,
      (model, dir, texts) => renderRoot(model, texts, dir),
      buildKustomizeModel,
      detectOn,
    );
  }
  result.summary = summarise(result);
  return { result, kustomize: collected.violations.some((v) => v.kustomize) };
}

/**
 * Fixes whose shared base is set differently by other roots, written as new strategic-merge patches in the
 * finding's overlays (src/pipeline/overlay-patch.ts); returns them as violations of the new files.
 */
function writeOverlays(
  overlays: Violation[],
  kustomize: { view: KustomizeView; texts: Map<string, string> },
  result: RunResult,
): Violation[] {
  const groups = new Map<string, Violation[]>();
  for (const v of overlays) {
    const k = v.kustomize?.overlay?.located as KustomizeLocated;
    for (const root of k.roots)
      groups.set(`${root}\u0000${k.rendered.origin.file}#${k.rendered.origin.doc}`, [
        ...(groups.get(`${root}\u0000${k.rendered.origin.file}#${k.rendered.origin.doc}`) ?? []),
        v,
      ]);
  }
  const texts = new Map(kustomize.texts);
  const written: Violation[] = [];
  for (const [key, vs] of groups) {
    const root = key.split('\u0000')[0] as string;
    const k = vs[0]?.kustomize?.overlay?.located as KustomizeLocated;
    const kfile = kustomize.view.model.kustomizations.get(root)?.file ?? `${root}/kustomization.yaml`;
    const made = overlayPatch(root, k, vs, texts, kfile);
    const origin = result.files.find((f) => f.path === k.rendered.origin.file);
    if (typeof made === 'string') {
      origin?.skipped.push(
        ...vs.map((v) => ({
          remediation: v.remediation,
          resource: v.workload.id,
          container: v.container,
          code: 'kustomize-unplaced' as const,
          reason: made,
          doc: v.workload.doc,
          sources: v.sources,
        })),
      );
      continue;
    }
    texts.set(kfile, made.kustomization.after);
    texts.set(made.file, made.text);
    const because = vs[0]?.kustomize?.overlay?.because ?? [];
    const fixes = vs.map((v) => ({
      remediation: v.remediation,
      resource: v.workload.id,
      container: v.container,
      reason: v.reason,
      ops: v.kustomize?.rendered.map((r) => ({ op: 'add' as const, path: r.path, value: r.value })) ?? [],
      doc: 0,
      behaviourChange: v.behaviourChange ?? false,
      sources: v.sources,
      kustomizeRoots: k.roots,
      evidence: [
        ...(v.evidence ?? []),
        `written as a patch of ${root || '.'} only: ${k.rendered.origin.file} is shared with ${because.join(', ')}, whose own patches set these fields`,
      ],
    }));
    result.files.push({
      path: made.file,
      before: '',
      after: made.text,
      changed: true,
      created: true,
      fixes,
      skipped: [],
    });
    const existing = result.files.find((f) => f.path === kfile);
    if (existing) Object.assign(existing, { after: made.kustomization.after, changed: true });
    else
      result.files.push({
        path: kfile,
        before: made.kustomization.before,
        after: made.kustomization.after,
        changed: true,
        fixes: [],
        skipped: [],
      });
    written.push(
      ...vs.map((v) => ({
        ...v,
        workload: { ...v.workload, file: made.file, doc: 0 },
        target: { file: made.file, doc: 0, pointer: '', format: 'kustomize-patch' as const },
      })),
    );
  }
  return written;
}

/** The repository's Kustomize model with each root rendered once, when it has a kustomization. */
function kustomizeOf(files: RepoFile[]): { view: KustomizeView; texts: Map<string, string> } | undefined {
  if (!files.some((f) => isKustomizationPath(f.path))) return undefined;
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const model = buildKustomizeModel(texts);
  const rendered = new Map<string, RenderResult>();
  const render = (dir: string): RenderResult =>
    rendered.get(dir) ?? (rendered.set(dir, renderRoot(model, texts, dir)).get(dir) as RenderResult);
  return { view: { model, render }, texts };
}

/** The config's include/exclude globs as a predicate over repo-relative paths: the selection rule's (select-files.ts). */
export function includeFilter(config: Config): (path: string) => boolean {
  return pathFilter(config);
}

/** Items by the file their fix is written in: the target's (issue 11), else the workload's own. */
function groupByFile<T extends Pick<Violation | NotFailing, 'workload'> & { target?: Violation['target'] }>(
  items: T[],
): Map<string, T[]> {
  const map = new Map<string, T[]>();
  // push, not a spread copy per item: a 1 MB bundle has ~8,000 violations in one file.
  for (const item of items) {
    const file = item.target?.file ?? item.workload.file;
    const list = map.get(file);
    if (list) list.push(item);
    else map.set(file, [item]);
  }
  return map;
}

function emptySummary(): RunResult['summary'] {
  return { files: 0, filesChanged: 0, fixes: 0, skipped: 0, errors: 0, unmapped: 0 };
}

function summarise(r: RunResult): RunResult['summary'] {
  return {
    files: r.files.length,
    filesChanged: r.files.filter((f) => f.changed).length,
    fixes: r.files.reduce((n, f) => n + f.fixes.length, 0),
    skipped: r.files.reduce((n, f) => n + f.skipped.length, 0),
    errors: r.files.filter((f) => f.error).length,
    unmapped: r.unmapped.length,
  };
}
