/** Test helpers for the patch engine: inline YAML and independent checks of a patch result. */
import jsonpatch from 'fast-json-patch';
import { diffArrays } from 'diff';
import { parseAllDocuments } from 'yaml';
import type { Operation } from '../../src/model.js';

/** Strips the common leading indentation of a template literal and its first newline. */
export function dedent(s: string): string {
  const lines = s.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const min = Math.min(...indents);
  return lines.map((l) => l.slice(min)).join('\n');
}

/** Plain values of every document, or the first error message of a document that does not parse. */
export function docValues(text: string): unknown[] {
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  return (Array.isArray(docs) ? docs : []).map((d) =>
    d.errors.length > 0 ? { error: d.errors[0]?.message } : d.toJS({ maxAliasCount: 100 }),
  );
}

/** fast-json-patch's result of `ops` on a deep clone of `value`. */
export function patched(value: unknown, ops: Operation[]): unknown {
  return jsonpatch.applyPatch(jsonpatch.deepClone(value), ops, true, true).newDocument;
}

/** Lines of `before` that survive unchanged in `after`, in order (Myers diff over lines; a line is its text without its line break). */
export function keptLines(before: string, after: string): number {
  return diffArrays(before.split(/\r?\n/), after.split(/\r?\n/)).reduce(
    (n, part) => n + (part.added || part.removed ? 0 : part.count),
    0,
  );
}

/** Lines removed plus lines added going from `before` to `after`. */
export function changedLines(before: string, after: string): number {
  return diffArrays(before.split(/\r?\n/), after.split(/\r?\n/)).reduce(
    (n, part) => n + (part.added || part.removed ? part.count : 0),
    0,
  );
}
