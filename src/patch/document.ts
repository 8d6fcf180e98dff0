/**
 * Patches the changes of one document: all together first, verified once; if that fails, one by one,
 * refusing those that fail. Edits of one batch come from one AST; a re-parse happens only when an op
 * touches a collection (or a range) that an earlier op of the batch already edited.
 */
import type { Document } from 'yaml';
import type { Operation } from '../model.js';
import { type Edit, editsFor } from './edits.js';
import type { Change, PatchCode, Refusal } from './types.js';
import { deepEqual, expectedValue, parseDocsAt, valueOf } from './verify.js';
import type { Work } from './work.js';

/**
 * Where a document sits in its file, and what it is re-parsed with: `before + segment text + after`, parsed
 * as if it started at file offset `origin`, so the new AST's offsets are file offsets (the segment starts at
 * `start` in them). `before`/`after` are the rest of the document's piece of the file (its `---` line, the
 * comments around it), or nothing when the segment parses alone, or the whole rest of the file.
 */
export interface Segment {
  start: number;
  end: number;
  before: string;
  after: string;
  origin: number;
  /** Index of the document in the file. */
  index: number;
  /** The re-parse holds this one document (else the whole file, and the document is taken by index). */
  standalone: boolean;
}

/** A document being patched: its working text and AST, and its current plain value. */
export interface DocState {
  work: Work;
  value: unknown;
}

type Failure = { code: PatchCode; message: string };

/** Re-parses a document's new text; fails when it no longer parses to exactly one clean document. */
function reparse(text: string, seg: Segment, prev: Work): DocState | Failure {
  const docs = parseDocsAt(seg.before + text + seg.after, seg.origin);
  const doc: Document.Parsed | undefined = docs[seg.standalone ? 0 : seg.index];
  if (!doc || (seg.standalone && docs.length !== 1))
    return { code: 'patch-verify-failed', message: 'the edit changed the document structure of the file' };
  const v = valueOf(doc);
  if ('message' in v)
    return { code: 'patch-verify-failed', message: `the edited document does not parse: ${v.message}` };
  return { work: { ...prev, text, doc, shift: seg.start }, value: v.value };
}

function overlaps(a: Edit, b: Edit): boolean {
  return (
    (a.container === b.container && (a.kind === 'structural' || b.kind === 'structural')) ||
    (a.start < b.end && b.start < a.end)
  );
}

/**
 * Applies non-overlapping edits. Insertions at one offset go before a removal starting there, the innermost
 * collection's first (a nested map's new keys end before its parent's), then in op order.
 */
export function splice(text: string, edits: Edit[]): string {
  const sorted = edits
    .map((e, order) => ({ e, order }))
    .sort(
      (x, y) =>
        x.e.start - y.e.start ||
        Number(x.e.end > x.e.start) - Number(y.e.end > y.e.start) ||
        (y.e.depth ?? 0) - (x.e.depth ?? 0) ||
        x.order - y.order,
    );
  let out = '';
  let cursor = 0;
  for (const { e } of sorted) {
    out += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return out + text.slice(cursor);
}

/** Applies `ops` to the document as text edits, then verifies the result against fast-json-patch. */
function tryOps(state: DocState, seg: Segment, ops: Operation[]): DocState | Failure {
  const expected = expectedValue(state.value, ops);
  if ('code' in expected) return expected;
  let cur = state;
  let pending: Edit[] = [];
  const flush = (): Failure | undefined => {
    const next = reparse(splice(cur.work.text, pending), seg, cur.work);
    pending = [];
    if ('code' in next) return next;
    cur = next;
    return undefined;
  };
  for (const op of ops) {
    let r = editsFor(cur.work, op);
    const conflict =
      'code' in r ? r.code === 'patch-path-missing' : r.edits.some((e) => pending.some((p) => overlaps(e, p)));
    if (pending.length > 0 && conflict) {
      const failed = flush();
      if (failed) return failed;
      r = editsFor(cur.work, op);
    }
    if ('code' in r) return r;
    pending.push(...r.edits);
  }
  if (pending.length > 0) {
    const failed = flush();
    if (failed) return failed;
  }
  if (!deepEqual(cur.value, expected.value))
    return {
      code: 'patch-verify-failed',
      message: 'the edited document does not equal the old one with the ops applied',
    };
  return cur;
}

/** Patches one document's changes; returns its new state and what was applied or refused. */
export function patchDocument(
  state: DocState,
  seg: Segment,
  changes: Change[],
): { state: DocState; applied: Set<string>; refused: Refusal[] } {
  const together = guardedOps(
    state,
    seg,
    changes.flatMap((c) => c.ops),
  );
  if (!('code' in together)) return { state: together, applied: new Set(changes.map((c) => c.id)), refused: [] };
  // One by one, so that one bad change does not block the others.
  const refused: Refusal[] = [];
  const applied = new Set<string>();
  let cur = state;
  for (const c of changes) {
    const next = changes.length === 1 ? together : guardedOps(cur, seg, c.ops);
    if ('code' in next) {
      refused.push({ id: c.id, code: next.code, message: next.message });
      continue;
    }
    cur = next;
    applied.add(c.id);
  }
  return { state: cur, applied, refused };
}

/**
 * tryOps, with an unexpected exception (a broken invariant, e.g. an AST that a caller modified after
 * parsing) reported as a refusal of those ops rather than a crash of the whole file.
 */
function guardedOps(state: DocState, seg: Segment, ops: Operation[]): DocState | Failure {
  try {
    return tryOps(state, seg, ops);
  } catch (err) {
    return { code: 'patch-internal-error', message: `${(err as Error).name}: ${(err as Error).message}` };
  }
}
