/**
 * One Helm fix tried for real: each candidate values edit of a violation (src/locate/helm/trace-field.ts)
 * is applied to the release's most specific layer with the minimal edit engine, the chart is rendered again
 * from the new text, and the edit stands only when every document equals the one before with exactly the
 * intended ops applied (those of every pending violation the same edit fixes, e.g. one context shared by
 * two containers). The first candidate that verifies wins; none, and why the last one failed is reported.
 */
import type { PreparedChart } from '../locate/helm/render-chart.js';
import type { Candidate } from '../locate/helm/trace-field.js';
import { valuesOps } from '../locate/helm/values-edit.js';
import type { Release } from '../locate/helm/values-layers.js';
import type { Operation, Skip } from '../model.js';
import { applyChanges } from '../patch/index.js';
import { parseYamlFile } from '../yaml.js';
import { type HelmState, type Intended, mismatch, renderState } from './helm-state.js';
import type { HelmViolation } from './helm-violations.js';

const sameCombo = (a: Candidate[], b: Candidate[]) => JSON.stringify(a) === JSON.stringify(b);

function combos(lists: Candidate[][]): Candidate[][] {
  return lists.reduce<Candidate[][]>((acc, list) => acc.flatMap((c) => list.map((x) => [...c, x])), [[]]).slice(0, 8);
}

function intendedOf(group: HelmViolation[]): Intended {
  const out: Intended = new Map();
  for (const v of group) {
    const docs = out.get(v.helm.template) ?? new Map<number, Operation[]>();
    docs.set(v.workload.doc, [...(docs.get(v.workload.doc) ?? []), ...v.ops]);
    out.set(v.helm.template, docs);
  }
  return out;
}

export interface Landed {
  v: HelmViolation;
  ops: Operation[];
  combo: Candidate[];
}

/** Tries each candidate edit of `v` (with every pending violation the same edit fixes); the first verified wins. */
export function tryFix(
  v: HelmViolation,
  pending: HelmViolation[],
  state: HelmState,
  prepared: PreparedChart,
  release: Release,
): { state: HelmState; landed: Landed[] } | Skip {
  const target = v.target as NonNullable<HelmViolation['target']>;
  let why = 'no candidate value';
  for (const combo of combos(v.candidates)) {
    const text = state.texts.get(target.file) ?? '';
    const doc = parseYamlFile(text, { file: target.file }).docs[target.doc]?.value;
    const ops = combo.map((c) => valuesOps(doc, target.pointer, c));
    if (ops.some((o) => o === undefined)) continue;
    const flat = ops.flat() as Operation[];
    const out = applyChanges(text, [{ id: 'helm', doc: target.doc, ops: flat }], { file: target.file });
    if (!out.applied.length) {
      why = `the edit of ${target.file} was refused (${out.refused.map((r) => r.code).join(', ')})`;
      continue;
    }
    const next = renderState(prepared, release, new Map(state.texts).set(target.file, out.text));
    const label = combo.map((c) => `\`${c.path.join('.')}\``).join(', ');
    if (!('templates' in next)) {
      why = `with ${label} set, the chart does not render (${next.message})`;
      continue;
    }
    const group = pending.filter((x) => x === v || combos(x.candidates).some((c) => sameCombo(c, combo)));
    const bad = mismatch(state, next, intendedOf(group));
    if (bad) {
      why = `setting ${label}: ${bad}`;
      continue;
    }
    return { state: next, landed: group.map((g) => ({ v: g, ops: flat, combo })) };
  }
  const field = v.ops[0]?.path.split('/').slice(-2).join('.') ?? v.remediation;
  return {
    code: 'helm-no-value',
    reason: `the chart offers no value for \`${field}\` that renders only this fix (${v.helm.source}): ${why}`,
  };
}
