/**
 * Helm charts fixed through values, never through templates (issue 15). For each chart and each release
 * of it (./../locate/helm/values-layers.ts), the chart is rendered, kubemend's detection (or the findings
 * on it) runs on the rendered workloads, and each fix is written as a values edit in the release's most
 * specific values layer with the minimal edit engine. Each edit is verified by rendering again: every
 * document of the chart must equal the one before with exactly the fix applied, else the edit is not
 * written and the finding is reported at its template line with why. Fixes landed in one round can make
 * another's planned op stale (a parent added): rounds re-detect on the new rendering.
 */
import { type Chart, findCharts } from '../locate/helm/charts.js';
import { type PreparedChart, prepareChart } from '../locate/helm/render-chart.js';
import { type Release, releasesOf } from '../locate/helm/values-layers.js';
import type { AppliedFix, Diagnostic, FileResult, Finding, Skip, SkippedFix, UnmappedFinding } from '../model.js';
import { type HelmState, renderState } from './helm-state.js';
import { type Landed, tryFix } from './helm-try-fix.js';
import { type HelmTarget, findingNames, helmTargetOf } from './helm-findings.js';
import {
  type DetectHelmOptions,
  type HelmViolation,
  type ValueAt,
  detectHelm,
  valuesWrittenAt,
} from './helm-violations.js';
import type { PipelineOptions } from './pipeline-options.js';
import type { RepoFile } from './repo-file.js';

const ROUNDS = 3;

export interface HelmRun {
  /** Values files written and templates with findings held (templates themselves never change). */
  files: FileResult[];
  /** Templates that could not be rendered, as `helm-template` (not scanned) with why. */
  diagnostics: Diagnostic[];
  /** Templates rendered and scanned, and the charts' other files (values, schema): no longer "not scanned". */
  rendered: Set<string>;
  /** The findings the charts took; the others go to the plain mapping. */
  taken: Finding[];
  /** Findings the charts took but could not answer (their template does not render), with why. */
  unmapped: UnmappedFinding[];
}

type Options = Pick<PipelineOptions, 'catalog' | 'config' | 'only' | 'skip' | 'findings' | 'pathPrefix'> & {
  isIncluded: (path: string) => boolean;
};

const keyOf = (v: HelmViolation) =>
  `${v.helm.template}|${v.workload.doc}|${v.workload.pointer}|${v.remediation}|${v.container?.name ?? '-'}`;

function toApplied(l: Landed, release: Release): AppliedFix {
  const { v } = l;
  const target = v.target as NonNullable<HelmViolation['target']>;
  return {
    remediation: v.remediation,
    resource: v.workload.id,
    container: v.container,
    reason: v.reason,
    ops: l.ops,
    doc: target.doc,
    behaviourChange: v.behaviourChange ?? false,
    sources: v.sources,
    evidence: [
      ...(v.evidence ?? []),
      `found at ${v.helm.source} on ${v.workload.id.kind}/${v.workload.id.name} as ${release.via} renders it; fixed through the value \`${l.combo.map((c) => c.path.join('.')).join('`, `')}\` in ${target.file} (templates are not edited)`,
    ],
  };
}

/**
 * A held fix as the report lists it: at the explicit value it keeps in a values file (`kept`), else at its
 * template line.
 */
function toSkipped(v: HelmViolation, skip: Skip, kept?: ValueAt): SkippedFix {
  const { pointer: _p, ...rest } = skip;
  return {
    remediation: v.remediation,
    resource: v.workload.id,
    container: v.container,
    ...rest,
    ...(kept
      ? { line: kept.line, doc: kept.doc, ...(kept.comment !== undefined ? { comment: kept.comment } : {}) }
      : { line: v.helm.line, doc: v.workload.doc }),
    sources: v.sources,
  };
}

/** Keeps the violations the findings name (with their sources); the findings naming none are already compliant. */
function named(
  vs: HelmViolation[],
  findings: Array<[Finding, HelmTarget]>,
  release: Release,
  state: HelmState,
  answered: Set<Finding>,
): { kept: HelmViolation[]; compliant: Finding[] } {
  const kept = new Map<HelmViolation, HelmViolation>();
  const compliant: Finding[] = [];
  const rendered = (t: HelmTarget) =>
    t.template
      ? state.templates.some((x) => x.path === t.template && !x.error)
      : state.templates.every((x) => !x.error);
  for (const [f, t] of findings) {
    const hits = vs.filter((v) => findingNames(f, t, v, release));
    if (hits.length || rendered(t)) answered.add(f);
    if (!hits.length && rendered(t)) compliant.push(f);
    for (const v of hits) {
      const prior = kept.get(v) ?? { ...v, sources: [] };
      if (!prior.sources.some((s) => s.tool === f.tool && s.ruleId === f.ruleId))
        prior.sources.push({ tool: f.tool, ruleId: f.ruleId });
      kept.set(v, prior);
    }
  }
  return { kept: [...kept.values()], compliant };
}

interface Acc {
  /** The files as they were: reports give lines in them. */
  original: Map<string, string>;
  texts: Map<string, string>;
  fixes: Map<string, AppliedFix[]>;
  skipped: Map<string, SkippedFix[]>;
  diagnostics: Diagnostic[];
  rendered: Set<string>;
  answered: Set<Finding>;
}

function runRelease(
  prepared: PreparedChart,
  release: Release,
  acc: Acc,
  opts: Options,
  findings?: Array<[Finding, HelmTarget]>,
): void {
  const first = renderState(prepared, release, acc.texts);
  if (!('templates' in first)) {
    for (const t of prepared.chart.templates)
      acc.diagnostics.push({
        code: 'helm-template',
        message: `${t.path}: ${first.message}`,
        file: t.path,
        detail: first.message,
      });
    return;
  }
  for (const t of first.templates) {
    if (t.error)
      acc.diagnostics.push({
        code: 'helm-template',
        message: `${t.path}: not rendered (${t.error.code}: ${t.error.message})`,
        file: t.path,
        detail: `not rendered (${t.error.code}: ${t.error.message})`,
      });
    else acc.rendered.add(t.path);
  }
  const detectOpts: DetectHelmOptions = {
    catalog: opts.catalog,
    config: opts.config,
    ...(opts.only ? { only: opts.only } : {}),
    ...(opts.skip ? { skip: opts.skip } : {}),
    chart: prepared.chart.dir,
    release,
  };
  let state = first;
  const done = new Set<string>();
  let held: Array<[HelmViolation, Skip]> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    let found = detectHelm(state, detectOpts).filter((v) => !done.has(keyOf(v)));
    if (findings) {
      const n = named(found, findings, release, state, acc.answered);
      found = n.kept;
      if (round === 1)
        for (const f of n.compliant)
          acc.skipped.set(f.location?.path ?? prepared.chart.dir, [
            ...(acc.skipped.get(f.location?.path ?? prepared.chart.dir) ?? []),
            {
              remediation: f.remediation ?? '',
              resource: { kind: f.resource?.kind ?? '', name: f.resource?.name ?? '' },
              container: null,
              code: 'already-compliant',
              reason: 'already compliant as the chart renders now',
              sources: [{ tool: f.tool, ruleId: f.ruleId }],
            },
          ]);
    }
    held = found.filter((v) => v.skip).map((v) => [v, v.skip as Skip]);
    const pending = found.filter((v) => !v.skip);
    let landedAny = false;
    for (const v of pending) {
      if (done.has(keyOf(v))) continue;
      const out = tryFix(
        v,
        pending.filter((x) => !done.has(keyOf(x))),
        state,
        prepared,
        release,
      );
      if ('code' in out) {
        held.push([v, out]);
        continue;
      }
      state = out.state;
      landedAny = true;
      for (const l of out.landed) {
        done.add(keyOf(l.v));
        const file = (l.v.target as NonNullable<HelmViolation['target']>).file;
        acc.fixes.set(file, [...(acc.fixes.get(file) ?? []), toApplied(l, release)]);
      }
    }
    acc.texts = state.texts;
    // A held fix may be unblocked by one that landed (a parent now exists): detect again.
    if (!landedAny || !held.some(([, s]) => s.code === 'helm-no-value')) break;
  }
  // An explicit value kept is reported where the release's values write it, with its line and comment.
  const keeping = held.flatMap(([v, skip]) => (skip.code === 'explicit-value' && v.keptValue ? [v] : []));
  const found = valuesWrittenAt(
    release,
    acc.original,
    keeping.map((v) => v.keptValue ?? []),
  );
  const keptAt = new Map(keeping.map((v, i) => [v, found[i]]));
  for (const [v, skip] of held) {
    const kept = keptAt.get(v);
    const file = kept?.file ?? v.helm.template;
    acc.skipped.set(file, [...(acc.skipped.get(file) ?? []), toSkipped(v, skip, kept)]);
  }
}

/** Renders, detects and fixes every chart of the snapshot; undefined when it has none. */
export function runHelm(files: RepoFile[], opts: Options): HelmRun | undefined {
  const charts = findCharts(files).filter(
    (c) => opts.isIncluded(c.dir ? `${c.dir}/Chart.yaml` : 'Chart.yaml') && c.templates.length,
  );
  if (!charts.length) return undefined;
  const acc: Acc = {
    original: new Map(files.map((f) => [f.path, f.text])),
    texts: new Map(files.map((f) => [f.path, f.text])),
    fixes: new Map(),
    skipped: new Map(),
    diagnostics: [],
    rendered: new Set(),
    answered: new Set(),
  };
  const targets = (opts.findings ?? []).flatMap((f) => {
    const t = helmTargetOf(f, charts, opts.pathPrefix);
    return t && f.remediation ? [[f, t] as [Finding, HelmTarget]] : [];
  });
  for (const chart of charts) {
    const prepared = prepareChart(chart);
    for (const [path, err] of prepared.errors)
      acc.diagnostics.push({ code: 'helm-template', message: `${path}: ${err.message}`, file: path });
    const mine = opts.findings ? targets.filter(([, t]) => t.chart === chart) : undefined;
    if (mine && !mine.length) continue;
    for (const release of releasesOf(chart, files)) runRelease(prepared, release, acc, opts, mine);
  }
  // A chart's own files outside templates/ (values, values.schema.json) are read as the chart's, not as manifests.
  for (const f of files)
    if (charts.some((c) => (!c.dir || f.path.startsWith(`${c.dir}/`)) && !c.templates.some((t) => t.path === f.path)))
      acc.rendered.add(f.path);
  const unmapped = targets
    .filter(([f]) => !acc.answered.has(f))
    .map(([finding, t]) => {
      const why =
        acc.diagnostics.find((d) => d.file === t.template)?.message ??
        `the chart ${t.chart.dir || '.'} could not be rendered`;
      return { finding, code: 'helm-template' as const, reason: `not rendered, so not mapped: ${why}` };
    });
  return {
    files: results(files, acc, charts),
    diagnostics: acc.diagnostics,
    rendered: acc.rendered,
    taken: targets.map(([f]) => f),
    unmapped,
  };
}

function results(files: RepoFile[], acc: Acc, charts: Chart[]): FileResult[] {
  const paths = [...new Set([...acc.fixes.keys(), ...acc.skipped.keys()])].sort();
  return paths.map((path) => {
    const before = files.find((f) => f.path === path)?.text ?? '';
    const isTemplate = charts.some((c) => c.templates.some((t) => t.path === path));
    // Templates are never edited: whatever the texts hold, a template's result keeps its bytes.
    const after = isTemplate ? before : (acc.texts.get(path) ?? before);
    return {
      path,
      before,
      after,
      changed: after !== before,
      fixes: acc.fixes.get(path) ?? [],
      skipped: acc.skipped.get(path) ?? [],
    };
  });
}

/** Adds the Helm run's files and diagnostics to the pipeline's result (a values file may already be there). */
export function mergeHelm(
  result: { files: FileResult[]; diagnostics: Diagnostic[]; unmapped: UnmappedFinding[] },
  helm: HelmRun,
): void {
  result.unmapped.push(...helm.unmapped);
  for (const hf of helm.files) {
    const existing = result.files.find((f) => f.path === hf.path);
    if (!existing) {
      result.files.push(hf);
      continue;
    }
    if (hf.changed && !existing.changed) Object.assign(existing, { after: hf.after, changed: true });
    existing.fixes.push(...hf.fixes);
    existing.skipped.push(...hf.skipped);
  }
  result.diagnostics.push(...helm.diagnostics);
}

/** Whether a Helm template is reported by the Helm run (rendered, or not rendered with its reason). */
export function helmReported(helm: HelmRun | undefined, path: string): boolean {
  return !!helm && (helm.rendered.has(path) || helm.diagnostics.some((d) => d.file === path));
}

/**
 * The Helm run's changes split by remediation (one pull request per remediation): each chart fixed again
 * with that remediation alone, so a values file changed by several carries only its own edit on each branch.
 */
export function helmPartitions(
  files: RepoFile[],
  opts: Options,
  helm: HelmRun,
): Array<{ key: string; files: FileResult[] }> {
  const ids = [
    ...new Set(helm.files.filter((f) => f.changed).flatMap((f) => f.fixes.map((x) => x.remediation))),
  ].sort();
  return ids.map((id) => ({
    key: id,
    files: (runHelm(files, { ...opts, only: [id] })?.files ?? []).filter((f) => f.changed && f.fixes.length > 0),
  }));
}

/** Partitions of the plain files and of the charts, by remediation, in id order. */
export function mergePartitions(
  plain: Array<{ key: string; files: FileResult[] }>,
  charts: Array<{ key: string; files: FileResult[] }>,
): Array<{ key: string; files: FileResult[] }> {
  const out = new Map(plain.map((p) => [p.key, [...p.files]]));
  for (const p of charts) out.set(p.key, [...(out.get(p.key) ?? []), ...p.files]);
  return [...out.keys()].sort().map((key) => ({ key, files: out.get(key) as FileResult[] }));
}

/** Whether the Helm run changed this file (its partitions come from helmPartitions, not from re-patching). */
export function helmChanged(helm: HelmRun | undefined, path: string): boolean {
  return !!helm && helm.files.some((f) => f.path === path && f.changed);
}
