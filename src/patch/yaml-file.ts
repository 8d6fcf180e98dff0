/**
 * applyChanges for a YAML file: its documents come from src/yaml.ts (remembered from the planner's parse
 * when it just parsed this text), each changed document is patched and verified on its own segment, and the
 * new segments are spliced in once, in file order. Cost is linear in the file: nothing scans the whole text
 * per document, and only the changed documents are parsed again.
 */
import { documentsOf, type FileDocument, type ParseMemory, rememberDocument } from '../yaml.js';
import { type DocState, patchDocument, type Segment } from './document.js';
import { sizeBudget } from './size-budget.js';
import { detectEol, lineStart } from './text.js';
import type { Change, PatchResult, Refusal } from './types.js';
import { valueOf } from './verify.js';
import { detectStyle } from './work.js';

/** Only `---`, blank lines and comments between a document's start and its content's line. */
const PLAIN_HEAD = /^(?:---)?(?:[ \t]*(?:#[^\n]*)?\n)*$/;

/** What holds for every document of the file, found once per file (each is a scan of the whole text). */
interface FileFacts {
  /** A `%` directive changes how documents parse; such files are re-parsed whole (see README.md). */
  directives: boolean;
  eol: '\n' | '\r\n';
  /** The run's parse memory the verified documents are kept in, when the caller passed one. */
  memory?: ParseMemory;
  /** The path the file's documents are remembered under in `memory`. */
  file?: string;
}

/** What patching one document gave: its new text when it changed, and its new piece to remember. */
interface DocOutcome {
  refused: Refusal[];
  applied: Set<string>;
  changed?: { start: number; end: number; text: string; remember?: () => void };
}

function refuseAll(changes: Change[], code: Refusal['code'], message: string): Refusal[] {
  return changes.map((c) => ({ id: c.id, code, message }));
}

/**
 * The document's segment and how it is re-parsed: within its piece of the file when the file was split by
 * document (the piece holds its `---` line, so `--- !!set` keeps its meaning); alone when only `---`,
 * comments and blank lines precede its content; else with the whole file.
 */
function segmentOf(text: string, d: FileDocument, index: number, facts: FileFacts): Segment {
  const { ast, delta, piece } = d;
  const start = lineStart(text, (ast.contents?.range[0] ?? ast.range[0]) - delta);
  const end = ast.range[2] - delta;
  if (piece)
    return {
      start,
      end,
      before: text.slice(piece[0], start),
      after: text.slice(end, piece[1]),
      origin: piece[0],
      index,
      standalone: true,
    };
  const head = text.slice(ast.range[0] - delta, start);
  if (!facts.directives && (head === '' || PLAIN_HEAD.test(head.replace(/\r/g, ''))))
    return { start, end, before: '', after: '', origin: start, index, standalone: true };
  return { start, end, before: text.slice(0, start), after: text.slice(end), origin: 0, index, standalone: false };
}

/** " (line N)" of a document's first error, for messages; empty when the error has no position. */
function lineOf(text: string, d: FileDocument): string {
  const pos = d.ast.errors[0]?.pos[0];
  if (pos === undefined) return '';
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos - d.delta; i = text.indexOf('\n', i + 1)) line++;
  return ` (line ${line})`;
}

function patchWith(
  text: string,
  d: FileDocument,
  index: number,
  changes: Change[],
  facts: FileFacts,
  value: unknown,
): DocOutcome {
  const seg = segmentOf(text, d, index, facts);
  const segText = text.slice(seg.start, seg.end);
  const followed = /\S/.test(text.slice(seg.end));
  // The style is measured on the segment (offsets shifted): never a scan of the file before the document.
  const shift = seg.start + d.delta;
  const state: DocState = {
    work: { text: segText, doc: d.ast, shift, eol: facts.eol, style: detectStyle(d.ast, segText, shift), followed },
    value,
  };
  const out = patchDocument(state, seg, changes);
  if (out.state.work.text === segText) return { refused: out.refused, applied: out.applied };
  const { work, value: verified } = out.state;
  // The verified AST is the parse of the document's new piece: the next parse of the file reuses it.
  const memory = facts.memory;
  const remember =
    memory && d.piece && seg.standalone
      ? () => rememberDocument(memory, seg.before + work.text + seg.after, work.doc, seg.origin, verified, facts.file)
      : undefined;
  return {
    refused: out.refused,
    applied: out.applied,
    changed: { start: seg.start, end: seg.end, text: work.text, ...(remember ? { remember } : {}) },
  };
}

/**
 * Patches the changes aimed at one document. The planner's value is used when there is one (no second
 * toJS); if anything is then refused, the document is done again from a value recomputed from the AST,
 * because a caller may have modified the value it was given. A modified value can only cause refusals,
 * never a wrong result: edits come from the AST and the re-parsed text must equal value + ops.
 */
function patchOne(text: string, docs: FileDocument[], index: number, changes: Change[], facts: FileFacts): DocOutcome {
  const d = docs[index];
  if (!d)
    return {
      refused: refuseAll(changes, 'patch-doc-missing', `the file has ${docs.length} document(s); no document ${index}`),
      applied: new Set<string>(),
    };
  if (d.value !== undefined) {
    const out = patchWith(text, d, index, changes, facts, d.value);
    if (out.refused.length === 0) return out;
  }
  const v = valueOf(d.ast);
  if ('message' in v)
    return {
      refused: refuseAll(
        changes,
        'patch-doc-unparseable',
        `document ${index}${lineOf(text, d)} is left as it is: ${v.message}`,
      ),
      applied: new Set<string>(),
    };
  return patchWith(text, d, index, changes, facts, v.value);
}

function byDocument(changes: Change[]): Array<[number, Change[]]> {
  const byDoc = new Map<number, Change[]>();
  for (const c of changes) {
    const list = byDoc.get(c.doc);
    if (list) list.push(c);
    else byDoc.set(c.doc, [c]);
  }
  return [...byDoc].sort((a, b) => a[0] - b[0]);
}

/** applyChanges for a YAML file (see README.md): documents in file order, each verified, within the size limit. */
export function applyYamlChanges(text: string, changes: Change[], memory?: ParseMemory, file?: string): PatchResult {
  if (changes.length === 0) return { text, applied: [], refused: [] };
  const docs = documentsOf(text, memory, file);
  const facts: FileFacts = {
    directives: /^%/m.test(text),
    eol: detectEol(text),
    ...(memory ? { memory } : {}),
    ...(file !== undefined ? { file } : {}),
  };
  const budget = sizeBudget(text);
  const refused: Refusal[] = [];
  const appliedIds = new Set<string>();
  // Document texts are spliced in once, in file order: one join, not one copy of the file per document.
  const parts: string[] = [];
  let cursor = 0;
  for (const [index, list] of byDocument(changes)) {
    const r = patchOne(text, docs, index, list, facts);
    refused.push(...r.refused);
    if (r.changed && !budget.admit(text, r.changed)) {
      refused.push(
        ...list
          .filter((c) => r.applied.has(c.id))
          .map((c) => ({ id: c.id, code: 'patch-too-large' as const, message: budget.message(index) })),
      );
      continue;
    }
    for (const id of r.applied) appliedIds.add(id);
    if (!r.changed) continue;
    r.changed.remember?.();
    parts.push(text.slice(cursor, r.changed.start), r.changed.text);
    cursor = r.changed.end;
  }
  const out = parts.length === 0 ? text : parts.join('') + text.slice(cursor);
  return { text: out, applied: changes.filter((c) => appliedIds.has(c.id)).map((c) => c.id), refused };
}
