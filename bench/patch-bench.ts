/**
 * The patch engine against the alternatives, over the real corpus (../shared/corpus/files, or
 * $KUBEMEND_CORPUS): documents per second of plan + patch + verify, against `yaml`'s bare
 * `parseAllDocuments` on the same files in the same run, a `yaml` Document round-trip
 * (parse → set → toString) and `yaml-diff-patch`; and how many lines each changes outside the fix.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { diffArrays } from 'diff';
import { type Document, parseAllDocuments } from 'yaml';
import type { Operation } from '../src/model.js';
import { applyChanges, type Change } from '../src/patch/index.js';
import { createParseMemory, type ParseMemory, parseYamlFile } from '../src/yaml.js';
import { planHardening } from './corpus-plan.js';

const require = createRequire(import.meta.url);
const { yamlPatch } = require('yaml-diff-patch') as { yamlPatch(yaml: string, ops: Operation[]): string };

interface Corpus {
  files: Array<{ path: string; text: string }>;
  docs: number;
}

/** Lines a hardening fix may change (the same rule as the corpus test); every other line is "outside the fix". */
const FIX_LINE =
  /^\s*(?:(- )?(securityContext|capabilities|drop|resources|limits|privileged|hostNetwork|allowPrivilegeEscalation|runAsNonRoot|cpu|memory)\s*:|(\{\}|\[\])\s*$)/;

function loadCorpus(): Corpus {
  const root = process.env.KUBEMEND_CORPUS ?? resolve(process.cwd(), '../shared/corpus/files');
  const files = readdirSync(root)
    .flatMap((d) => readdirSync(join(root, d)).map((f) => join(d, f)))
    .sort()
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
  const docs = files.reduce((n, f) => n + (parseAllDocuments(f.text) as Document[]).length, 0);
  return { files, docs };
}

/** The plan for a file, as the pipeline would make it (parse through the project wrapper and the run's memory, then plan). */
function plan(text: string, path: string, memory: ParseMemory): Change[] {
  return parseYamlFile(text, { file: path, memory }).docs.flatMap((d) =>
    d.error ? [] : planHardening(d.value, path, d.index),
  );
}

function tokensOf(pointer: string): Array<string | number> {
  return pointer
    .slice(1)
    .split('/')
    .map((t) => (/^\d+$/.test(t) ? Number(t) : t.replace(/~1/g, '/').replace(/~0/g, '~')));
}

/** The same plan through the `yaml` Document model: parse, setIn/deleteIn/addIn, toString. */
function documentRoundTrip(text: string, changes: Change[]): string {
  const docs = parseAllDocuments(text) as Document.Parsed[];
  for (const c of changes) {
    const doc = docs[c.doc];
    if (!doc) continue;
    for (const op of c.ops) {
      const path = tokensOf(op.path);
      if (op.op === 'remove') doc.deleteIn(path);
      else if (path[path.length - 1] === '-') doc.addIn(path.slice(0, -1), (op as { value: unknown }).value);
      else if (op.op === 'add' || op.op === 'replace')
        doc.setIn(path, doc.createNode((op as { value: unknown }).value));
    }
  }
  return docs.map((d) => d.toString()).join('');
}

/** yaml-diff-patch takes one document: files with several are applied per document and fail if it throws. */
function yamlDiffPatch(text: string, changes: Change[]): string {
  const ops = changes.flatMap((c) => c.ops);
  return ops.length === 0 ? text : yamlPatch(text, ops);
}

function outsideLines(before: string, after: string): { changed: number; outside: number } {
  const parts = diffArrays(before.split(/\r?\n/), after.split(/\r?\n/));
  let changed = 0;
  let outside = 0;
  for (const p of parts) {
    if (!p.added && !p.removed) continue;
    changed += p.count;
    if (p.removed) outside += p.value.filter((l) => !FIX_LINE.test(l)).length;
  }
  return { changed, outside };
}

interface Row {
  method: string;
  ms: number;
  ratio: number;
  ok: number;
  failed: number;
  changed: number;
  outside: number;
}

/** Wall times of each method over every file, per round, for `rounds` rounds after one warm-up round. */
function time(corpus: Corpus, methods: Array<(text: string, path: string) => void>, rounds: number): number[][] {
  const runs = methods.map(() => [] as number[]);
  for (let r = 0; r <= rounds; r++) {
    // Methods take turns within a round, so that load from other processes weighs on all of them alike.
    methods.forEach((fn, i) => {
      (globalThis as { gc?: () => void }).gc?.();
      const t0 = performance.now();
      for (const f of corpus.files) fn(f.text, f.path);
      if (r > 0) runs[i]?.push(performance.now() - t0);
    });
  }
  return runs;
}

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function quality(
  corpus: Corpus,
  method: string,
  edit: (text: string, changes: Change[]) => string,
): Omit<Row, 'ms' | 'ratio'> {
  const row = { method, ok: 0, failed: 0, changed: 0, outside: 0 };
  for (const f of corpus.files) {
    const changes = plan(f.text, f.path, createParseMemory());
    try {
      const after = edit(f.text, changes);
      const d = outsideLines(f.text, after);
      row.ok++;
      row.changed += d.changed;
      row.outside += d.outside;
    } catch {
      // The alternatives throw on inputs they cannot handle; that is what this column counts.
      row.failed++;
    }
  }
  return row;
}

function guarded(fn: (text: string, changes: Change[]) => string): (text: string, path: string) => void {
  return (text, path) => {
    try {
      fn(text, plan(text, path, createParseMemory()));
    } catch {
      // Counted in the quality pass.
    }
  };
}

export async function run(): Promise<void> {
  const corpus = loadCorpus();
  const rounds = Number(process.env.BENCH_ROUNDS ?? 9);
  console.log(
    `corpus: ${corpus.files.length} files, ${corpus.docs} documents; ${rounds} rounds after a warm-up; docs/s of the best round, ratio = median per-round parse time / method time`,
  );
  const kubemend = (text: string, changes: Change[]) => applyChanges(text, changes).text;
  const runs = time(
    corpus,
    [
      (text) => void parseAllDocuments(text),
      (text, path) => {
        // The pipeline's way: the patch engine reads the documents the plan's parse left in the run's memory
        // under the file's path.
        const memory = createParseMemory();
        void applyChanges(text, plan(text, path, memory), { memory, file: path });
      },
      guarded(documentRoundTrip),
      guarded(yamlDiffPatch),
    ],
    rounds,
  );
  const parseRuns = runs[0] as number[];
  // docs/s from each method's best round; the ratio is the median over rounds of parse time / method time
  // in the same round, which load from other processes disturbs least.
  const speed = (i: number) => ({
    ms: Math.min(...(runs[i] as number[])),
    ratio: median((runs[i] as number[]).map((ms, r) => (parseRuns[r] as number) / ms)),
  });
  const rows = [
    {
      method: 'yaml parseAllDocuments (parse only)',
      ...speed(0),
      ok: corpus.files.length,
      failed: 0,
      changed: 0,
      outside: 0,
    },
    { ...quality(corpus, 'kubemend plan+patch+verify', kubemend), ...speed(1) },
    { ...quality(corpus, 'yaml Document round-trip (plan+set+toString)', documentRoundTrip), ...speed(2) },
    { ...quality(corpus, 'yaml-diff-patch (plan+yamlPatch)', yamlDiffPatch), ...speed(3) },
  ];
  const header = [
    'method',
    'docs/s',
    'vs parse',
    'files ok',
    'files failed',
    'lines changed',
    'lines changed outside the fix',
  ];
  const table = rows.map((r) => [
    r.method,
    Math.round((corpus.docs / r.ms) * 1000).toString(),
    r.ratio.toFixed(2),
    String(r.ok),
    String(r.failed),
    String(r.changed),
    String(r.outside),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...table.map(line)].join('\n'));
}
