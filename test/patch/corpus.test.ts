import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffArrays } from 'diff';
import { parseAllDocuments } from 'yaml';
import { describe, expect, test } from 'vitest';
import { planHardening } from '../../bench/corpus-plan.js';
import type { Operation } from '../../src/model.js';
import { applyChanges, type Change } from '../../src/patch/index.js';
import { parseYamlFile } from '../../src/yaml.js';
import { docValues, patched } from './helpers.js';
import { SHARED } from '../shared-dir.js';

/** Changes the hardening plan makes over the corpus (all of them apply). */
const APPLIED = 1007;
const CORPUS = SHARED + '/corpus';
const rows = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t'))
  .filter((r) => r[0]?.startsWith('files/'));
const header = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n')[0]?.split('\t') ?? [];
const errCol = header.indexOf('parse_error_docs');
const badDocsOf = new Map(rows.map((r) => [r[0] as string, Number(r[errCol])]));

/** Keys an op of the hardening plan may change on an existing line (a replaced scalar, a filled {} or flow list, a removed key). */
const EDITABLE_LINE =
  /^\s*(?:(- )?(securityContext|capabilities|drop|resources|limits|privileged|hostNetwork|allowPrivilegeEscalation|runAsNonRoot|cpu|memory)\s*:|(\{\}|\[\])\s*$)/;

function corpusFiles(): string[] {
  return readdirSync(join(CORPUS, 'files'))
    .flatMap((d) => readdirSync(join(CORPUS, 'files', d)).map((f) => `files/${d}/${f}`))
    .sort();
}

interface Outcome {
  file: string;
  untouched: number;
  kept: number;
  corrupted: string[];
  badDocs: number;
  badRefused: number;
  applied: number;
  refused: Array<[string, string]>;
}

function runFile(file: string): Outcome {
  const before = readFileSync(join(CORPUS, file), 'utf8');
  const parsed = parseYamlFile(before, { file });
  const changes: Change[] = [];
  const bad: number[] = [];
  for (const d of parsed.docs) {
    if (d.error) {
      bad.push(d.index);
      // A change aimed at the bad document: it must be refused, and the document left alone.
      changes.push({ id: `bad${d.index}`, doc: d.index, ops: [{ op: 'add', path: '/metadata/labels/x', value: 'y' }] });
    } else changes.push(...planHardening(d.value, file, d.index));
  }
  const r = applyChanges(before, changes, { file });
  const corrupted: string[] = [];
  // Independent verification: every document equals its old value with exactly the applied ops.
  const appliedOps = new Map<number, Operation[]>();
  for (const c of changes)
    if (r.applied.includes(c.id)) appliedOps.set(c.doc, [...(appliedOps.get(c.doc) ?? []), ...c.ops]);
  const oldValues = docValues(before);
  const newValues = docValues(r.text);
  if (oldValues.length !== newValues.length) corrupted.push('document count changed');
  oldValues.forEach((v, i) => {
    const want = bad.includes(i) ? v : patched(v, appliedOps.get(i) ?? []);
    if (JSON.stringify(newValues[i]) !== JSON.stringify(want)) corrupted.push(`document ${i} differs`);
  });
  const oldDocs = parseAllDocuments(before);
  for (const i of bad) {
    const d = Array.isArray(oldDocs) ? oldDocs[i] : undefined;
    if (d && !r.text.includes(before.slice(d.range[0], d.range[2]))) corrupted.push(`bad document ${i} changed`);
  }
  // Untouched lines: every line no op could have edited must be in the result, in order.
  const untouchedLines = before.split(/\r?\n/).filter((l) => !EDITABLE_LINE.test(l));
  const kept = diffArrays(untouchedLines, r.text.split(/\r?\n/)).reduce(
    (n, p) => n + (p.added || p.removed ? 0 : p.count),
    0,
  );
  return {
    file,
    untouched: untouchedLines.length,
    kept,
    corrupted,
    badDocs: badDocsOf.get(file) ?? -1,
    badRefused: r.refused.filter((x) => x.code === 'patch-doc-unparseable').length,
    applied: r.applied.length,
    refused: r.refused.filter((x) => !x.id.startsWith('bad')).map((x) => [x.id, `${x.code}: ${x.message}`]),
  };
}

describe('corpus: every real file patched with the hardening plan', () => {
  const files = corpusFiles();
  const outcomes = files.map(runFile);

  test('the corpus is all there', () => {
    expect(files.length).toBe(rows.length);
    expect(files.length).toBeGreaterThan(400);
  });

  test('0 corrupted files', () => {
    expect(outcomes.filter((o) => o.corrupted.length > 0).map((o) => [o.file, o.corrupted])).toEqual([]);
  });

  test('100% of untouched lines kept', () => {
    const untouched = outcomes.reduce((n, o) => n + o.untouched, 0);
    const kept = outcomes.reduce((n, o) => n + o.kept, 0);
    expect(outcomes.filter((o) => o.kept !== o.untouched).map((o) => o.file)).toEqual([]);
    expect(kept).toBe(untouched);
    expect(untouched).toBe(22_857);
  });

  test('every file with invalid documents has them reported and left alone', () => {
    const withBad = outcomes.filter((o) => o.badDocs > 0);
    expect(withBad.length).toBeGreaterThan(0);
    expect(withBad.map((o) => [o.file, o.badRefused])).toEqual(withBad.map((o) => [o.file, o.badDocs]));
  });

  test('every planned change applies (no refusals on valid documents)', () => {
    expect(outcomes.flatMap((o) => o.refused.map((x) => [o.file, ...x]))).toEqual([]);
    expect(outcomes.reduce((n, o) => n + o.applied, 0)).toBe(APPLIED);
  });
});
