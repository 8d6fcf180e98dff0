/**
 * One rendering of a chart for one release, from the current texts of its values layers: each rendered
 * template's text, traced segments and parsed documents. Two states are compared to verify a values edit
 * (./retarget-helm.ts): the only change allowed is the fix, in every document of the chart.
 */
import type { RepoFile } from './repo-file.js';
import jsonpatch from 'fast-json-patch';
import { HelmTemplateError } from '../locate/helm/errors.js';
import { type PreparedChart, type RenderedTemplate, mergedValues, renderChart } from '../locate/helm/render-chart.js';
import type { Release } from '../locate/helm/values-layers.js';
import { isObject } from '../locate/workloads.js';
import type { Operation } from '../model.js';
import { type ParsedDoc, parseYamlFile } from '../yaml.js';

export interface HelmState {
  texts: Map<string, string>;
  templates: Array<RenderedTemplate & { docs: ParsedDoc[] }>;
}

/** Renders the chart for `release` from `texts`, or says why it cannot be rendered. */
export function renderState(
  prepared: PreparedChart,
  release: Release,
  texts: Map<string, string>,
): HelmState | HelmTemplateError {
  let values: Record<string, unknown>;
  try {
    values = mergedValues(release.layers, texts, prepared.chart);
  } catch (err) {
    if (err instanceof HelmTemplateError) return err;
    throw err;
  }
  const templates = renderChart(prepared, values, release).map((t) => ({
    ...t,
    docs: t.error ? [] : parseYamlFile(t.text, { file: t.path }).docs,
  }));
  return { texts, templates };
}

export function textsOf(files: RepoFile[]): Map<string, string> {
  return new Map(files.map((f) => [f.path, f.text]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameValue(a[k], b[k]));
  }
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** The first pointer where two values differ. */
function firstDiff(a: unknown, b: unknown, at = ''): string | undefined {
  if (sameValue(a, b)) return undefined;
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDiff(a[k], b[k], `${at}/${k}`);
      if (d !== undefined) return d;
    }
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (const [i, x] of a.entries()) {
      const d = firstDiff(x, b[i], `${at}/${i}`);
      if (d !== undefined) return d;
    }
  }
  return at || '/';
}

/** The ops each rendered document is meant to receive: template path → doc index → ops. */
export type Intended = Map<string, Map<number, Operation[]>>;

/**
 * Why `after` is not `before` with exactly the intended ops applied (every template, every document), or
 * undefined when it is. A template that rendered before and fails after is a mismatch too.
 */
export function mismatch(before: HelmState, after: HelmState, intended: Intended): string | undefined {
  for (const b of before.templates) {
    const a = after.templates.find((t) => t.path === b.path);
    if (!a) return `${b.path} is no longer rendered`;
    if (!b.error && a.error) return `${b.path} no longer renders: ${a.error.message}`;
    if (b.docs.length !== a.docs.length)
      return `${b.path} renders ${a.docs.length} documents instead of ${b.docs.length}`;
    for (const [i, doc] of b.docs.entries()) {
      const ops = intended.get(b.path)?.get(i) ?? [];
      const want = ops.length
        ? jsonpatch.applyPatch(structuredClone(doc.value), structuredClone(ops), false, false).newDocument
        : doc.value;
      const diff = firstDiff(want, a.docs[i]?.value);
      if (diff !== undefined) return `${b.path} would render ${diff} differently${ops.length ? ' than the fix' : ''}`;
    }
  }
  return undefined;
}
