/**
 * The patch engine: RFC 6902 operations applied as minimal text edits to a manifest file, every change
 * verified by re-parsing. Pure, no I/O. Design, invariants and refusal codes: ./README.md.
 */
import type { Document } from 'yaml';
import { checkLimits, reuseParsed } from '../yaml.js';
import { type DocState, patchDocument, type Segment } from './document.js';
import { applyJsonChanges } from './json.js';
import { partitionOverlaps } from './overlaps.js';
import { detectEol, lineStart } from './text.js';
import type { Change, PatchOptions, PatchResult, Refusal } from './types.js';
import { parseDocs, valueOf } from './verify.js';
import { detectStyle } from './work.js';

export { partitionOverlaps } from './overlaps.js';
export type { Change, PatchCode, PatchOptions, PatchResult, Refusal } from './types.js';

/** Only `---`, blank lines and comments between a document's start and its content's line. */
const PLAIN_HEAD = /^(?:---)?(?:[ \t]*(?:#[^\n]*)?\n)*$/;

function segmentOf(text: string, doc: Document.Parsed, index: number, directives: boolean): Segment {
  const contentStart = doc.contents?.range[0] ?? doc.range[0];
  const start = lineStart(text, contentStart);
  const end = doc.range[2];
  const head = text.slice(doc.range[0], start);
  const standalone = !directives && (head === '' || PLAIN_HEAD.test(head.replace(/\r/g, '')));
  return { start, end, prefix: text.slice(0, start), suffix: text.slice(end), index, standalone };
}

/** " (line N)" of a document's first error, for messages; empty when the error has no position. */
function lineOf(text: string, doc: Document.Parsed): string {
  const pos = doc.errors[0]?.pos[0];
  if (pos === undefined) return '';
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return ` (line ${line})`;
}

function refuseAll(changes: Change[], code: Refusal['code'], message: string): Refusal[] {
  return changes.map((c) => ({ id: c.id, code, message }));
}

/** What patching one document gave: its new text when it changed. */
interface DocOutcome {
  refused: Refusal[];
  applied: Set<string>;
  changed?: { start: number; end: number; text: string };
}

/** The file's ASTs, and the values the planner computed from them when yaml.ts still holds its parse of this text. */
interface ParsedText {
  asts: Document.Parsed[];
  values?: unknown[];
}

/** What holds for every document of the file, computed once per file (each is a scan of the whole text). */
interface FileFacts {
  /** A `%` directive changes how documents parse; such files are re-parsed whole (see README.md). */
  directives: boolean;
  eol: '\n' | '\r\n';
}

function parseFile(text: string): ParsedText {
  const reused = reuseParsed(text);
  return reused ? { asts: reused.map((d) => d.ast), values: reused.map((d) => d.value) } : { asts: parseDocs(text) };
}

/**
 * Patches the changes aimed at one document. The planner's value is used when there is one (no second
 * toJS); if anything is then refused, the document is done again from a value recomputed from the AST,
 * because a caller may have modified the value it was given. A modified value can only cause refusals,
 * never a wrong result: edits come from the AST and the re-parsed text must equal value + ops.
 */
function patchOne(text: string, file: ParsedText, index: number, changes: Change[], facts: FileFacts): DocOutcome {
  const doc = file.asts[index];
  if (!doc) return { refused: refuseAll(changes, 'patch-doc-missing', `the file has ${file.asts.length} document(s); no document ${index}`), applied: new Set<string>() };
  const planned = file.values?.[index];
  if (planned !== undefined) {
    const out = patchWith(text, doc, index, changes, facts, planned);
    if (out.refused.length === 0) return out;
  }
  const v = valueOf(doc);
  if ('message' in v) return { refused: refuseAll(changes, 'patch-doc-unparseable', `document ${index}${lineOf(text, doc)} is left as it is: ${v.message}`), applied: new Set<string>() };
  return patchWith(text, doc, index, changes, facts, v.value);
}

function patchWith(text: string, doc: Document.Parsed, index: number, changes: Change[], file: FileFacts, value: unknown): DocOutcome {
  const seg = segmentOf(text, doc, index, file.directives);
  const segText = text.slice(seg.start, seg.end);
  const followed = /\S/.test(seg.suffix);
  // The style is measured on the segment (offsets shifted): never a scan of the file before the document.
  const state: DocState = { work: { text: segText, doc, shift: seg.start, eol: file.eol, style: detectStyle(doc, segText, seg.start), followed }, value };
  const out = patchDocument(state, seg, changes);
  const changed = out.state.work.text !== segText ? { start: seg.start, end: seg.end, text: out.state.work.text } : undefined;
  return { refused: out.refused, applied: out.applied, changed };
}

/**
 * Applies each change as minimal text edits; every applied change is verified; refused ones change nothing.
 * Documents that do not parse are left alone (their changes refused); other documents are still patched.
 * Changes whose paths overlap an earlier change's are refused (`patch-conflict`), never silently merged.
 */
export function applyChanges(text: string, changes: Change[], opts: PatchOptions = {}): PatchResult {
  // The same size and nesting limits for JSON: jsonc-parser recurses too.
  const limit = checkLimits(text);
  if (limit) return { text, applied: [], refused: refuseAll(changes, limit.code === 'yaml-too-deep' ? 'patch-too-deep' : 'patch-too-large', limit.message) };
  const { batch, deferred } = partitionOverlaps(changes, (c) => c);
  const conflicts: Refusal[] = deferred.map((c) => ({ id: c.id, code: 'patch-conflict', message: 'its paths overlap an earlier change of this call; re-plan it on the patched text' }));
  const out = opts.format === 'json' ? applyJsonChanges(text, batch) : applyYamlChanges(text, batch);
  return { text: out.text, applied: out.applied, refused: [...out.refused, ...conflicts] };
}

function applyYamlChanges(text: string, changes: Change[]): PatchResult {
  if (changes.length === 0) return { text, applied: [], refused: [] };
  const docs = parseFile(text);
  const facts: FileFacts = { directives: /^%/m.test(text), eol: detectEol(text) };
  const byDoc = new Map<number, Change[]>();
  for (const c of changes) {
    const list = byDoc.get(c.doc);
    if (list) list.push(c);
    else byDoc.set(c.doc, [c]);
  }
  const refused: Refusal[] = [];
  const appliedIds = new Set<string>();
  // Document texts are spliced in once, in file order: one join, not one copy of the file per document.
  const parts: string[] = [];
  let cursor = 0;
  for (const [index, list] of [...byDoc].sort((a, b) => a[0] - b[0])) {
    const r = patchOne(text, docs, index, list, facts);
    refused.push(...r.refused);
    for (const id of r.applied) appliedIds.add(id);
    if (!r.changed) continue;
    parts.push(text.slice(cursor, r.changed.start), r.changed.text);
    cursor = r.changed.end;
  }
  const out = parts.length === 0 ? text : parts.join('') + text.slice(cursor);
  return { text: out, applied: changes.filter((c) => appliedIds.has(c.id)).map((c) => c.id), refused };
}
