/**
 * A rendered value that remembers who wrote each part: every node carries the FieldSource of its last
 * writer and a write sequence number. Patches and transformers edit these trees, so provenance moves with
 * the values when list items are merged, reordered or inserted.
 */
import type { FieldSource } from './types.js';

interface NodeBase {
  src: FieldSource;
  /** Write order: higher is later. */
  seq: number;
}
export interface TScalar extends NodeBase {
  t: 'scalar';
  value: string | number | boolean | null;
}
export interface TMap extends NodeBase {
  t: 'map';
  entries: Map<string, TNode>;
}
export interface TSeq extends NodeBase {
  t: 'seq';
  items: TNode[];
}
export type TNode = TScalar | TMap | TSeq;

/** Who writes: a document of a file (or an inline patch) at one moment of the render. */
export interface Writer {
  file: string;
  doc: number;
  via: FieldSource['via'];
  seq: number;
  inline?: FieldSource['inline'];
}

/** RFC 6901 escaping of one reference token. */
export function escapeToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The reference tokens of an RFC 6901 pointer ('' is the whole document). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function sourceAt(w: Writer, pointer: string): FieldSource {
  return { file: w.file, doc: w.doc, pointer, via: w.via, ...(w.inline ? { inline: w.inline } : {}) };
}

/** A plain value as a tracked tree written by `w`; `pointer` is where `value` sits in the writer's document. */
export function fromPlain(value: unknown, w: Writer, pointer: string): TNode {
  const src = sourceAt(w, pointer);
  if (Array.isArray(value))
    return { t: 'seq', items: value.map((v, i) => fromPlain(v, w, `${pointer}/${i}`)), src, seq: w.seq };
  if (value !== null && typeof value === 'object') {
    const entries = new Map<string, TNode>();
    for (const [k, v] of Object.entries(value)) entries.set(k, fromPlain(v, w, `${pointer}/${escapeToken(k)}`));
    return { t: 'map', entries, src, seq: w.seq };
  }
  return { t: 'scalar', value: (value ?? null) as TScalar['value'], src, seq: w.seq };
}

export function toPlain(node: TNode): unknown {
  if (node.t === 'scalar') return node.value;
  if (node.t === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const [k, v] of node.entries) out[k] = toPlain(v);
  return out;
}

/** A deep copy that keeps every node's source. */
export function cloneNode(node: TNode): TNode {
  if (node.t === 'scalar') return { ...node };
  if (node.t === 'seq') return { ...node, items: node.items.map(cloneNode) };
  return { ...node, entries: new Map([...node.entries].map(([k, v]) => [k, cloneNode(v)])) };
}

/** The node at `tokens` under `node`, or undefined. */
export function nodeAt(node: TNode | undefined, tokens: string[]): TNode | undefined {
  let cur = node;
  for (const t of tokens) {
    if (!cur) return undefined;
    if (cur.t === 'map') cur = cur.entries.get(t);
    else if (cur.t === 'seq' && /^(0|[1-9]\d*)$/.test(t)) cur = cur.items[Number(t)];
    else return undefined;
  }
  return cur;
}

/** The latest-written node of a subtree (the node itself for a scalar). */
export function lastWriter(node: TNode): NodeBase {
  let best: NodeBase = node;
  const children = node.t === 'map' ? [...node.entries.values()] : node.t === 'seq' ? node.items : [];
  for (const c of children) {
    const w = lastWriter(c);
    if (w.seq > best.seq) best = w;
  }
  return best;
}

export function mapGet(node: TNode | undefined, key: string): TNode | undefined {
  return node?.t === 'map' ? node.entries.get(key) : undefined;
}

export function scalarString(node: TNode | undefined): string | undefined {
  return node?.t === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

/** A new empty map written by `w` at `pointer`. */
export function emptyMap(w: Writer, pointer: string): TMap {
  return { t: 'map', entries: new Map(), src: sourceAt(w, pointer), seq: w.seq };
}
