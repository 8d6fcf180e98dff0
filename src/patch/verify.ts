/**
 * Verification: what the document must equal (fast-json-patch on a deep clone of the old value), deep
 * equality, and re-parsing a document's text with the same options and limits as `parseYamlFile`.
 */
import jsonpatch from 'fast-json-patch';
import type { Document } from 'yaml';
import type { Operation } from '../model.js';
import { YAML_LIMITS, YAML_PARSE_OPTIONS } from '../yaml.js';
import { parseAt } from '../yaml-documents.js';
import type { PatchCode } from './types.js';

/** fast-json-patch error names that mean "the path is not in this document". */
const PATH_ERRORS = new Set([
  'OPERATION_PATH_UNRESOLVABLE',
  'OPERATION_PATH_CANNOT_ADD',
  'OPERATION_PATH_ILLEGAL_ARRAY_INDEX',
  'OPERATION_VALUE_OUT_OF_BOUNDS',
]);

/** The value a document must have after the ops, or why the ops do not apply. */
export type Expected = { value: unknown } | { code: PatchCode; message: string };

/** The old value with `ops` applied by fast-json-patch, or why the ops do not apply. */
export function expectedValue(value: unknown, ops: Operation[]): Expected {
  try {
    const clone = jsonClone(value);
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
  const arr = Array.isArray(a);
  if (arr !== Array.isArray(b)) return false;
  if (arr) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!deepEqual(x[i], y[i])) return false;
    return true;
  }
  const oa = a as Record<string, unknown>;
  const ob = b as Record<string, unknown>;
  const ka = Object.keys(oa);
  if (ka.length !== Object.keys(ob).length) return false;
  for (const k of ka) if (!Object.hasOwn(ob, k) || !deepEqual(oa[k], ob[k])) return false;
  return true;
}

/** Returned by plainCopy when a value is not plain JSON data: the caller falls back to the JSON round trip. */
const NOT_PLAIN = Symbol('not plain');

/** Past this depth plainCopy gives up (a cycle, or very deep data) and the JSON round trip decides. */
const MAX_COPY_DEPTH = 200;

/**
 * A copy of `v` equal to `JSON.parse(JSON.stringify(v))` when `v` is plain JSON data: strings, booleans,
 * null, finite numbers, dense arrays and objects with Object.prototype whose own enumerable keys are
 * strings other than `__proto__` and whose values are themselves plain. Anything else (NaN, Infinity,
 * undefined, Dates and other objects with `toJSON`, Maps, Sets, typed arrays, cycles) gives NOT_PLAIN.
 */
function plainCopy(v: unknown, depth: number): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      // JSON writes -0 as 0 and non-finite numbers as null.
      return Number.isFinite(v) ? v + 0 : NOT_PLAIN;
    case 'object': {
      if (v === null) return null;
      if (depth > MAX_COPY_DEPTH) return NOT_PLAIN;
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
      if (Array.isArray(v)) {
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) {
          if (!(i in v)) return NOT_PLAIN;
          const c = plainCopy(v[i], depth + 1);
          if (c === NOT_PLAIN) return NOT_PLAIN;
          out[i] = c;
        }
        return out;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return NOT_PLAIN;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        if (k === '__proto__') return NOT_PLAIN;
        const c = plainCopy((v as Record<string, unknown>)[k], depth + 1);
        if (c === NOT_PLAIN) return NOT_PLAIN;
        out[k] = c;
      }
      return out;
    }
    default:
      return NOT_PLAIN;
  }
}

/**
 * fast-json-patch's deepClone (`JSON.parse(JSON.stringify(v))`), with the same result computed directly,
 * without the intermediate string, when the value is plain JSON data (toJS values always are, unless the
 * document has `.nan`/`.inf`, `!!timestamp`/`!!set`-like tags or aliases forming a cycle, which take the
 * JSON route and keep its exact behavior, including throwing on a cycle).
 */
export function jsonClone(v: unknown): unknown {
  // deepClone returns primitives as they are (NaN, -0 included); only objects take the JSON route.
  if (typeof v !== 'object' || v === null) return jsonpatch.deepClone(v) as unknown;
  const c = plainCopy(v, 0);
  return c === NOT_PLAIN ? (jsonpatch.deepClone(v) as unknown) : c;
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

/** Parses all documents of `text` with the project's options, as if `text` started at file offset `offset`. */
export function parseDocsAt(text: string, offset: number): Document.Parsed[] {
  return parseAt(text, offset, YAML_PARSE_OPTIONS);
}
