/**
 * Renders JSON values as YAML text in a file's style. Scalars go through `yaml`'s own stringifier so
 * that they parse back to the exact value under the YAML 1.2 core schema ("true", "1", "null" get quoted).
 */
import { stringify } from 'yaml';

/** `yaml`'s scalar types that a replaced scalar may keep. */
export type QuoteStyle = 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'PLAIN';

/** How new strings are quoted (see quote-style.ts); undefined means plain. */
export interface Quoting {
  /** New string values. Default: plain. */
  quote?: QuoteStyle;
  /** New keys. Default: plain. */
  keyQuote?: QuoteStyle;
}

/** How a document lays out block collections, and how new strings are quoted where they go. */
export interface BlockStyle extends Quoting {
  /** Spaces per nesting level of maps. Default: 2. */
  unit: number;
  /** Column offset of a sequence's `- ` from its parent key (0 = indentless). Default: `unit`. */
  seqOffset: number;
}

const FLOW_UNSAFE = /[,[\]{}]/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-empty object or array: rendered as a block, never inline. */
export function isBlockValue(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : isPlainObject(v) && Object.keys(v).length > 0;
}

/** `yaml`'s stringify builds a Document per call; manifests repeat the same few scalars, so results are kept. */
const rendered = new Map<string, string>();
const MAX_RENDERED = 10_000;

/** One scalar on one line. `quote` is the style a string takes when the value allows it (else what it needs). */
export function renderScalar(value: unknown, opts: { flow?: boolean; quote?: QuoteStyle | undefined } = {}): string {
  const key = `${opts.flow ? 'f' : 'b'}${opts.quote ?? 'PLAIN'}${typeof value}:${String(value)}`;
  const hit = rendered.get(key);
  if (hit !== undefined) return hit;
  if (rendered.size >= MAX_RENDERED) rendered.clear();
  const out = stringifyScalar(value, opts);
  rendered.set(key, out);
  return out;
}

function stringifyScalar(value: unknown, opts: { flow?: boolean; quote?: QuoteStyle | undefined }): string {
  if (typeof value !== 'string') return value === null ? 'null' : stringify(value).trimEnd();
  const defaultStringType = opts.quote ?? 'PLAIN';
  let out = stringify(value, { lineWidth: 0, minContentWidth: 0, defaultStringType }).replace(/\n$/, '');
  // Kubernetes tooling built on go-yaml v2 reads YAML 1.1, where `yes`, `on`, `y`, `1:20` are not strings:
  // a string that YAML 1.1 would read otherwise is quoted too (a quoted string is a string in both).
  if (!/^["']/.test(out)) {
    const v11 = stringify(value, { lineWidth: 0, minContentWidth: 0, version: '1.1' }).replace(/\n$/, '');
    if (/^["']/.test(v11)) out = v11;
  }
  // A multi-line result is a block scalar, which would need its own indentation; JSON is valid YAML.
  if (out.includes('\n')) return JSON.stringify(value);
  if (opts.flow && FLOW_UNSAFE.test(out) && !/^["']/.test(out)) return JSON.stringify(value);
  return out;
}

/** A value on one line, collections in flow style; strings quoted as `q` says when they need no quotes. */
export function renderFlow(value: unknown, q: Quoting = {}): string {
  if (Array.isArray(value)) return `[${value.map((v) => renderFlow(v, q)).join(', ')}]`;
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(
      ([k, v]) => `${renderScalar(k, { flow: true, quote: q.keyQuote })}: ${renderFlow(v, q)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  return renderScalar(value, { flow: true, quote: q.quote });
}

/** Block lines of a map's entries at column `col`. */
export function renderMapLines(obj: Record<string, unknown>, col: number, style: BlockStyle): string[] {
  const pad = ' '.repeat(col);
  return Object.entries(obj).flatMap(([k, v]) => {
    const key = renderScalar(k, { quote: style.keyQuote });
    if (!isBlockValue(v)) return [`${pad}${key}: ${renderFlow(v, style)}`];
    const nested = Array.isArray(v)
      ? renderSeqLines(v, col + style.seqOffset, style)
      : renderMapLines(v as Record<string, unknown>, col + style.unit, style);
    return [`${pad}${key}:`, ...nested];
  });
}

/** Block lines of a sequence's items with their `- ` at column `col`; collections in items are compact. */
export function renderSeqLines(arr: unknown[], col: number, style: BlockStyle): string[] {
  const pad = ' '.repeat(col);
  return arr.flatMap((item) => {
    if (!isBlockValue(item)) return [`${pad}- ${renderFlow(item, style)}`];
    const inner = Array.isArray(item)
      ? renderSeqLines(item, col + 2, style)
      : renderMapLines(item as Record<string, unknown>, col + 2, style);
    return [`${pad}- ${(inner[0] as string).slice(col + 2)}`, ...inner.slice(1)];
  });
}

/** Block lines for a value starting at column `col`, the first line without its indentation (for `- ` or a root). */
export function renderCompact(value: unknown, col: number, style: BlockStyle): string[] {
  const lines = Array.isArray(value)
    ? renderSeqLines(value, col, style)
    : renderMapLines(value as Record<string, unknown>, col, style);
  return [(lines[0] as string).slice(col), ...lines.slice(1)];
}
