/**
 * Verification: what the document must equal (fast-json-patch on a deep clone of the old value), deep
 * equality, and re-parsing a document's text with the same options and limits as `parseYamlFile`.
 */
import jsonpatch from 'fast-json-patch';
import { type Document, parseAllDocuments } from 'yaml';
import type { Operation } from '../model.js';
import { YAML_LIMITS, YAML_PARSE_OPTIONS } from '../yaml.js';
import type { PatchCode } from './types.js';

/** fast-json-patch error names that mean "the path is not in this document". */
const PATH_ERRORS = new Set(['OPERATION_PATH_UNRESOLVABLE', 'OPERATION_PATH_CANNOT_ADD', 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX', 'OPERATION_VALUE_OUT_OF_BOUNDS']);

/** The value a document must have after the ops, or why the ops do not apply. */
export type Expected = { value: unknown } | { code: PatchCode; message: string };

/** The old value with `ops` applied by fast-json-patch, or why the ops do not apply. */
export function expectedValue(value: unknown, ops: Operation[]): Expected {
  try {
    const clone = jsonpatch.deepClone(value) as unknown;
    return { value: jsonpatch.applyPatch(clone, ops, true, true).newDocument };
  } catch (err) {
    // fast-json-patch reports with a JsonPatchError whose `name` is a stable code, not the message.
    const name = (err as { name?: string }).name ?? '';
    const code: PatchCode = PATH_ERRORS.has(name) ? 'patch-path-missing' : 'patch-invalid-op';
    return { code, message: `${name}: ${(err as Error).message.split('\n')[0]}` };
  }
}

/** Structural equality of plain JSON-like values (NaN equals NaN, as toJS may produce it). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => deepEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const ob = b as Record<string, unknown>;
  if (ka.length !== Object.keys(ob).length) return false;
  return ka.every((k) => Object.hasOwn(ob, k) && deepEqual((a as Record<string, unknown>)[k], ob[k]));
}

/** A document's plain value with the alias limit applied, or the reason it has none. */
export function valueOf(doc: Document.Parsed): { value: unknown } | { message: string } {
  const first = doc.errors[0];
  if (first) return { message: first.message.split('\n')[0] as string };
  try {
    return { value: doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount }) };
  } catch (err) {
    // `yaml` throws once alias expansion passes maxAliasCount: a YAML bomb.
    return { message: `alias expansion exceeds ${YAML_LIMITS.maxAliasCount} (${(err as Error).name})` };
  }
}

/** Parses all documents of `text` with the project's options; `yaml` returns a non-array for empty input. */
export function parseDocs(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text, YAML_PARSE_OPTIONS);
  return Array.isArray(docs) ? docs : [];
}
