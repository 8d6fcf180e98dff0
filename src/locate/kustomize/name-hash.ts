/**
 * The name suffix hash kustomize appends to generated ConfigMaps and Secrets (api/hasher/hasher.go): the
 * SHA-256 of Go's json.Marshal of `{"kind", "name", "data"[, "binaryData"]}` for a ConfigMap and
 * `{"kind", "type", "name", "data"[, "stringData"]}` for a Secret, its first 10 hex digits with
 * 0→g 1→h 3→k a→m e→t (kubectl's hash.go: no vowels, no digits easily misread).
 *
 * The name hashed is always "": hasher.go looks up the path "metadata/name" as one field name, which no
 * resource has, so two generated objects with the same data get the same suffix whatever their names
 * (krusty TestPrefixSuffix: a-example-configmap-6ct58987ht and b-example-configmap-6ct58987ht).
 * An absent `data` (or `type`) is hashed as "", and binaryData/stringData only when they are maps.
 */
import { createHash } from 'node:crypto';

const SUBSTITUTE: Record<string, string> = { 0: 'g', 1: 'h', 3: 'k', a: 'm', e: 't' };

/** hasher.encode: the first ten hex digits with the substitutions. */
export function encodeHash(hex: string): string {
  return hex.slice(0, 10).replace(/[013ae]/g, (c) => SUBSTITUTE[c] ?? c);
}

/** A string as Go's encoding/json writes it (HTML-safe: <, >, & and U+2028/9 escaped). */
function goString(s: string): string {
  return `"${s.replace(
    /[\u0000-\u001f"\\<>&\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => {
      const short: Record<string, string> = {
        '"': '\\"',
        '\\': '\\\\',
        '\n': '\\n',
        '\r': '\\r',
        '\t': '\\t',
        '\b': '\\b',
        '\f': '\\f',
      };
      if (short[c]) return short[c];
      // A lone surrogate is invalid UTF-8: Go writes the replacement character.
      if (c >= '\ud800' && c <= '\udfff') return '\\ufffd';
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    },
  )}"`;
}

/** Go's byte-wise (UTF-8) order of map keys. */
function goKeyOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Go's json.Marshal of a JSON-like value: map keys sorted, no spaces. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => goKeyOrder(a, b));
  return `{${entries.map(([k, v]) => `${goString(k)}:${goJson(v)}`).join(',')}}`;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** getNodeValues: a map field as a map, a scalar as its text, an absent field as "". */
function fieldValue(v: unknown): unknown {
  if (v === undefined) return '';
  if (isMap(v) || Array.isArray(v)) return v;
  return v === null ? 'null' : String(v);
}

/** The suffix kustomize's HashTransformer appends to a generated ConfigMap or Secret (plain object). */
export function nameSuffixHash(object: Record<string, unknown>): string {
  const kind = object.kind === 'Secret' ? 'Secret' : 'ConfigMap';
  const m: Record<string, unknown> = { kind, name: '', data: fieldValue(object.data) };
  if (kind === 'Secret') {
    m.type = fieldValue(object.type);
    if (isMap(object.stringData)) m.stringData = object.stringData;
  } else if (isMap(object.binaryData)) m.binaryData = object.binaryData;
  return encodeHash(createHash('sha256').update(goJson(m), 'utf8').digest('hex'));
}
