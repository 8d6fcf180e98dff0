/**
 * kubemend's detection on a chart as one release renders it: every workload of every rendered template,
 * each violation traced to the values that set its field (src/locate/helm/trace-field.ts) and marked with
 * where its fix is written (the release's most specific values layer). What has no knob is held with a
 * typed reason at its template line; nothing here edits a file.
 */
import type { Candidate, Trace } from '../locate/helm/trace-field.js';
import { traceField } from '../locate/helm/trace-field.js';
import type { Release } from '../locate/helm/values-layers.js';
import { skipPositions } from '../locate/field-position.js';
import { findWorkloads, toPointer } from '../locate/workloads.js';
import type { Skip, Violation } from '../model.js';
import { type Catalog, detect } from '../remediations/index.js';
import type { Config } from '../config/schema.js';
import type { HelmState } from './helm-state.js';

/** A violation on a rendered workload, with the values edits that may fix it (one list per op). */
export interface HelmViolation extends Violation {
  /** `source`: where the field is written, for reasons ("templates/_helpers.tpl line 9, included at …"). */
  helm: NonNullable<Violation['helm']> & { source: string };
  candidates: Candidate[][];
  /** For a fix held back by a value the release's values write (an explicit value kept): that value's path. */
  keptValue?: ReadonlyArray<string | number>;
}

export interface DetectHelmOptions {
  catalog: Catalog;
  config: Config;
  only?: string[];
  skip?: string[];
  chart: string;
  release: Release;
}

function fieldName(path: string): string {
  return path.split('/').slice(-2).join('.');
}

function where(trace: Trace, template: string): string {
  const own = `${template} line ${trace.line}`;
  return trace.source.file && trace.source.file !== template
    ? `${trace.source.file} line ${trace.source.line}, included at ${own}`
    : own;
}

/** Why a traced op has no values edit, as a typed skip; undefined when it has candidates. */
function heldBy(trace: Trace, template: string, path: string): Skip | undefined {
  switch (trace.kind) {
    case 'values':
      return undefined;
    case 'none':
      return {
        code: 'helm-no-value',
        reason: `the chart offers no value for \`${fieldName(path)}\` (${where(trace, template)}); the template must change`,
      };
    case 'opaque':
      return {
        code: 'helm-not-verifiable',
        reason: `\`${fieldName(path)}\` comes from output kubemend cannot trace to values (${trace.reason}; ${where(trace, template)})`,
      };
    case 'disabled':
      return {
        code: 'helm-disabled',
        reason: `the chart renders this only when \`${trace.flag.join('.')}\` is true (${trace.at.file} line ${trace.at.line}); it is off: turn it on yourself (it renders every field of that context) and run again`,
      };
  }
}

/** Where a values file writes a value: the file, its document, and the value's line and comment. */
export interface ValueAt {
  file: string;
  doc: number;
  line: number;
  comment?: string;
}

/**
 * Where the release's values write each of `paths` in `texts`: the most specific layer that sets it (later
 * layers override earlier ones), with the line and comment of the value there; undefined for a path no layer
 * sets. Each layer file is read once for all the paths.
 */
export function valuesWrittenAt(
  release: Release,
  texts: Map<string, string>,
  paths: ReadonlyArray<ReadonlyArray<string | number>>,
): Array<ValueAt | undefined> {
  const out: Array<ValueAt | undefined> = paths.map(() => undefined);
  for (const layer of [...release.layers].reverse()) {
    const text = texts.get(layer.file);
    const open = paths.flatMap((path, i) =>
      out[i] ? [] : [{ i, pointer: `${layer.pointer}${toPointer([...path])}` }],
    );
    if (text === undefined || open.length === 0) continue;
    const found = skipPositions(
      text,
      open.map((o) => ({ doc: layer.doc, pointer: o.pointer })),
      undefined,
      layer.file,
    );
    for (const o of open) {
      const at = found.get(`${layer.doc}|${o.pointer}`);
      if (at) out[o.i] = { file: layer.file, doc: layer.doc, ...at };
    }
  }
  return out;
}

/** Every violation kubemend detects on the rendered workloads, traced to values. */
export function detectHelm(state: HelmState, opts: DetectHelmOptions): HelmViolation[] {
  const select = { ...(opts.only ? { only: opts.only } : {}), ...(opts.skip ? { skip: opts.skip } : {}) };
  const target = opts.release.layers.at(-1);
  const out: HelmViolation[] = [];
  for (const t of state.templates) {
    for (const doc of t.docs) {
      if (doc.value === undefined || doc.error) continue;
      for (const w of findWorkloads(doc.value, t.path, doc.index)) {
        for (const v of detect(w, opts.catalog, opts.config, select)) {
          // A held fix has no ops: its line is the kept value's, else its container's (or the pod's).
          const at =
            v.skip?.pointer ??
            (v.container ? `${w.podSpecPointer}/${v.container.type}/${v.container.index}` : w.podSpecPointer);
          const traces = v.ops.length
            ? v.ops.map((op) => traceField(t, doc.ast.contents, op))
            : [traceField(t, doc.ast.contents, { op: 'replace', path: at, value: null })];
          const line = traces[0]?.line ?? doc.lines.start;
          const source = traces[0] ? where(traces[0], t.path) : `${t.path} line ${line}`;
          const helm = { chart: opts.chart, release: opts.release.name, template: t.path, line, source };
          const base = { ...v, helm, candidates: traces.map((x) => (x.kind === 'values' ? x.candidates : [])) };
          const held = v.skip ? undefined : traces.map((x, i) => heldBy(x, t.path, v.ops[i]?.path ?? '')).find(Boolean);
          // A kept value set in values is named (and reported where it is written: retarget-helm.ts).
          const kept = v.skip && traces[0]?.kind === 'values' ? traces[0].candidates[0]?.path : undefined;
          if (v.skip && kept) v.skip = { ...v.skip, reason: `${v.skip.reason} (the value \`${kept.join('.')}\`)` };
          const noTarget: Skip | undefined =
            !target && !v.skip
              ? { code: 'helm-no-value', reason: `${opts.release.via} has no values file kubemend can edit` }
              : undefined;
          const skip = v.skip ?? held ?? noTarget;
          out.push({
            ...base,
            ...(skip ? { skip } : {}),
            ...(kept && v.skip?.code === 'explicit-value' ? { keptValue: kept } : {}),
            ...(target ? { target: { ...target, format: 'helm-values' as const } } : {}),
          });
        }
      }
    }
  }
  return out;
}
