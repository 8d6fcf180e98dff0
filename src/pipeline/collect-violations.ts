/**
 * What the pipeline should fix. Without findings, kubemend's own detection runs on every workload. With
 * findings, each mapped finding is re-checked on the manifest as it is now (`detect` with only that
 * remediation): the scan may be older than the branch, and a manifest fixed by hand since must not be
 * patched again, only reported as already compliant.
 */
import type { ManifestIndex } from '../locate/index-manifests.js';
import { mapFindings } from '../locate/index.js';
import type { KustomizeView } from '../locate/locate-in-kustomize.js';
import type { KustomizeLocated } from '../locate/step.js';
import type { ContainerRef, Diagnostic, FindingSource, Skip, UnmappedFinding, Violation, Workload } from '../model.js';
import { detect, isEnabled } from '../remediations/index.js';
import type { PipelineOptions } from './pipeline-options.js';
import { retargetKustomize } from './retarget-kustomize.js';
import { rootsOverriding } from './shared-base.js';
import { sameContainer, violationKey } from './violation-key.js';

/** A failure the findings named that the manifest no longer has, or that the run may not fix. */
export interface NotFailing {
  remediation: string;
  workload: Workload;
  container: ContainerRef | null;
  skip: Skip;
  sources: FindingSource[];
}

export interface Collected {
  violations: Violation[];
  notFailing: NotFailing[];
  unmapped: UnmappedFinding[];
  diagnostics: Diagnostic[];
}

/** The pipeline's options (less progress reporting), with the config's path filter resolved. */
export interface CollectOptions extends Omit<PipelineOptions, 'onProgress'> {
  isIncluded: (path: string) => boolean;
  /** The repository's Kustomize model and file texts, when it has kustomizations. Default: none. */
  kustomize?: { view: KustomizeView; texts: Map<string, string> };
}

/** Every violation to fix or report, deduplicated by remediation + resource + container, sources merged. */
export function collectViolations(index: ManifestIndex, opts: CollectOptions): Collected {
  const select = { ...(opts.only ? { only: opts.only } : {}), ...(opts.skip ? { skip: opts.skip } : {}) };
  if (!opts.findings) {
    const violations = index.workloads
      .filter((w) => opts.isIncluded(w.file))
      .flatMap((w) => detect(w, opts.catalog, opts.config, select));
    return { violations, notFailing: [], unmapped: [], diagnostics: [] };
  }
  const kustomize = opts.kustomize ? { kustomize: opts.kustomize.view } : {};
  const { mapped, unmapped } = mapFindings(opts.findings, index, {
    ...(opts.root ? { root: opts.root } : {}),
    ...(opts.pathPrefix ? { pathPrefix: opts.pathPrefix } : {}),
    isIncluded: opts.isIncluded,
    ...kustomize,
  });
  const byKey = new Map<string, Violation>();
  const notFailing = new Map<string, NotFailing>();
  for (const m of mapped) {
    const base = { remediation: m.remediation, workload: m.workload, container: m.container, sources: m.sources };
    // `only`/`skip` narrow the run on purpose: those findings are left out, as detection leaves them out.
    if (!isEnabled(m.remediation, opts.config, select) && isEnabled(m.remediation, opts.config)) continue;
    if (!isEnabled(m.remediation, opts.config)) {
      addNotFailing(notFailing, { ...base, skip: { code: 'disabled', reason: 'disabled in the configuration' } });
      continue;
    }
    const found = detect(m.workload, opts.catalog, opts.config, { only: [m.remediation] }).filter(
      (v) => m.container === null || v.container === null || sameContainer(v.container, m.container),
    );
    if (!found.length)
      addNotFailing(notFailing, { ...base, skip: { code: 'already-compliant', reason: 'already compliant' } });
    const k = m.kustomize;
    const texts = opts.kustomize?.texts;
    for (const rendered of found) {
      const v =
        k && texts && opts.kustomize
          ? rendered.skip
            ? heldAtSource(rendered, k, index)
            : retargeted(rendered, k, texts, index, opts.kustomize.view)
          : rendered;
      const key = violationKey(v);
      const prior = byKey.get(key) ?? { ...v, sources: [] };
      prior.sources = mergeSources(prior.sources, m.sources);
      // Two environments' findings fixed in one base: one fix, every root named.
      if (prior.kustomize && v.kustomize && prior !== v)
        prior.kustomize = {
          ...prior.kustomize,
          roots: [...new Set([...prior.kustomize.roots, ...v.kustomize.roots])].sort(),
        };
      byKey.set(key, prior);
    }
  }
  return { violations: [...byKey.values()], notFailing: [...notFailing.values()], unmapped, diagnostics: [] };
}

function workloadAt(index: ManifestIndex, file: string, doc: number, like: Workload): Workload {
  return (
    index.workloads.find((w) => w.file === file && w.doc === doc && w.pointer === '') ?? {
      ...like,
      file,
      doc,
      pointer: '',
      object: {},
      podSpec: {},
    }
  );
}

/**
 * A fix held back on a rendered resource, reported where the value that holds it is written (the patch
 * that sets `allowPrivilegeEscalation: true`, with its line and comment), else against the resource's own
 * document. It keeps its Kustomize context, so the file's re-detection leaves it as it is.
 */
function heldAtSource(v: Violation, k: KustomizeLocated, index: ManifestIndex): Violation {
  const context = { roots: k.roots, rendered: [], why: k.why, renderedName: k.rendered.id.name };
  const src = v.skip?.pointer !== undefined ? k.rendered.sourceOf(v.skip.pointer) : undefined;
  const { pointer: _pointer, ...skip } = v.skip ?? { code: 'report-only' as const, reason: '' };
  if (src && !src.inline && src.via !== 'transformer') {
    return {
      ...v,
      workload: workloadAt(index, src.file, src.doc, v.workload),
      skip: { ...skip, pointer: src.pointer },
      kustomize: context,
    };
  }
  return { ...v, skip, kustomize: context };
}

/** A fix planned on the rendered resource, rewritten for the file that must change (or held with why not). */
function retargeted(
  v: Violation,
  k: KustomizeLocated,
  texts: Map<string, string>,
  index: ManifestIndex,
  view: KustomizeView,
): Violation {
  const out = retargetKustomize(v, k, texts, (file, doc, like) => workloadAt(index, file, doc, like));
  if ('code' in out)
    return {
      ...v,
      ops: [],
      skip: out,
      kustomize: { roots: k.roots, rendered: [], why: k.why, renderedName: k.rendered.id.name },
    };
  // A base shared with roots that set the field themselves: the fix goes into this overlay instead.
  const overriding = out.workload.file === k.rendered.origin.file ? rootsOverriding(view, k, out) : [];
  if (overriding.length && out.kustomize) {
    // Written in a new patch per root (run-pipeline.ts writeOverlays), which names its target then.
    const { target: _inBase, ...rest } = out;
    return { ...rest, kustomize: { ...out.kustomize, overlay: { because: overriding, located: k } } };
  }
  return out;
}

function addNotFailing(map: Map<string, NotFailing>, item: NotFailing): void {
  const key = violationKey(item);
  const prior = map.get(key);
  if (prior) prior.sources = mergeSources(prior.sources, item.sources);
  else map.set(key, { ...item, sources: [...item.sources] });
}

export function mergeSources(a: FindingSource[], b: FindingSource[]): FindingSource[] {
  const seen = new Set(a.map((s) => `${s.tool}\u0000${s.ruleId}`));
  return [...a, ...b.filter((s) => !seen.has(`${s.tool}\u0000${s.ruleId}`) && seen.add(`${s.tool}\u0000${s.ruleId}`))];
}
