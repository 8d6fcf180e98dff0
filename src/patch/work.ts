/**
 * The working state of one document being edited: its text, its AST, and how AST offsets map onto the
 * text. Position helpers that every edit uses live here.
 */
import { type Document, isCollection, isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { quoteStyles } from './quote-style.js';
import type { BlockStyle } from './render.js';
import { column, lineStart, onlySpaceBefore, trimEnd } from './text.js';

/** One document's working state for computing edits. */
export interface Work {
  /** The document's segment of the file (or the whole file, see `shift`). */
  text: string;
  doc: Document.Parsed;
  /** AST offset minus text offset: the segment's start when the AST came from a parse of the whole file. */
  shift: number;
  eol: string;
  style: BlockStyle;
  /** More of the file follows the document (comments at its end then head the next one). */
  followed: boolean;
}

/** Start of a node in `w.text`. */
export function startOf(w: Work, node: Node): number {
  return (node.range as [number, number, number])[0] - w.shift;
}

/** A node that has no text: an empty value (`key:`) is a null scalar with an empty range. */
export function isEmptyNode(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.range?.[0] === node.range?.[1]);
}

/** Offset just after the last character that belongs to `node` (trailing spaces and comments excluded). */
export function contentEnd(w: Work, node: Node): number {
  const [s, e] = node.range as [number, number, number];
  if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) return e - w.shift;
  if (isCollection(node) && !node.flow && node.items.length > 0) {
    const last = node.items[node.items.length - 1];
    return isPair(last) ? pairEnd(w, last) : contentEnd(w, last as Node);
  }
  return trimEnd(w.text, s - w.shift, e - w.shift);
}

/** Column where a block map entry starts: its key, or the key's anchor or tag before it. */
export function keyColumn(w: Work, pair: Pair): number {
  const s = startOf(w, pair.key as Node);
  const before = w.text.slice(lineStart(w.text, s), s);
  const props = /(?:(?:[&!]\S*|\?)[ \t]+)+$/.exec(before);
  return column(w.text, s - (props ? props[0].length : 0));
}

/** Offset of the `:` of a block or flow pair with an implicit key, or undefined. */
export function colonOf(w: Work, pair: Pair): number | undefined {
  const key = pair.key as Node | null;
  if (!key || !key.range) return undefined;
  let i = key.range[1] - w.shift;
  while (w.text[i] === ' ' || w.text[i] === '\t') i++;
  return w.text[i] === ':' ? i : undefined;
}

/** Offset just after the last character of a pair: its value, or its `:` when the value is empty. */
export function pairEnd(w: Work, pair: Pair): number {
  if (!isEmptyNode(pair.value)) return contentEnd(w, pair.value as Node);
  const colon = colonOf(w, pair);
  return colon === undefined ? contentEnd(w, pair.key as Node) : colon + 1;
}

/** Offset of the `- ` of a block sequence item, or undefined when the item is not laid out simply. */
export function dashOf(w: Work, item: Node): number | undefined {
  let i = startOf(w, item);
  const props = /(?:[&!]\S*[ \t]+)+$/.exec(w.text.slice(lineStart(w.text, i), i));
  if (props) i -= props[0].length;
  while (i > 0 && ' \t\r\n'.includes(w.text[i - 1] as string)) i--;
  return w.text[i - 1] === '-' ? i - 1 : undefined;
}

/** The document's indentation unit and sequence style, from the first nested block map and block sequence. */
export function detectStyle(doc: Document.Parsed, text: string, shift: number): BlockStyle {
  let unit: number | undefined;
  let seqOffset: number | undefined;
  // Breadth first, in document order: the outermost collections set the style.
  const queue: unknown[] = [doc.contents];
  for (let i = 0; i < queue.length && (unit === undefined || seqOffset === undefined); i++) {
    const node = queue[i];
    if (!isMap(node) || node.flow) {
      if (isSeq(node)) queue.push(...node.items);
      continue;
    }
    for (const pair of node.items) {
      const v = pair.value as Node | null;
      const k = pair.key as Node | null;
      if (!k?.range || !v?.range || !isCollection(v) || v.flow || v.items.length === 0) continue;
      const kc = column(text, k.range[0] - shift);
      const first = v.items[0] as Node | Pair;
      const fr = (isPair(first) ? (first.key as Node | null)?.range : first.range) ?? undefined;
      if (!fr) continue;
      const fc = column(text, fr[0] - shift);
      if (isMap(v) && unit === undefined && fc > kc) unit = fc - kc;
      if (isSeq(v) && seqOffset === undefined) {
        const dash = text.slice(0, fr[0] - shift).trimEnd();
        if (dash.endsWith('-')) seqOffset = Math.max(0, column(text, dash.length - 1) - kc);
      }
      queue.push(v);
    }
  }
  const u = unit ?? 2;
  return { unit: u, seqOffset: seqOffset ?? u };
}

/**
 * The style for new text under the collection at the end of `steps`: the document's block style, with the
 * sequence indentation of the nearest enclosing map that has a block sequence (files often mix styles,
 * e.g. indentless `containers:` but indented `args:`; the closest sibling is the better guide), and the
 * quoting of the strings already in that collection (quote-style.ts).
 */
export function localStyle(w: Work, steps: Array<{ node: unknown }>): BlockStyle {
  const quoting = quoteStyles(steps[steps.length - 1]?.node);
  for (let k = steps.length - 1; k >= 0; k--) {
    const node = steps[k]?.node;
    if (!isMap(node) || node.flow) continue;
    for (const pair of node.items) {
      const v = pair.value;
      if (!isSeq(v) || v.flow || v.items.length === 0) continue;
      const dash = dashOf(w, v.items[0] as Node);
      if (dash !== undefined && onlySpaceBefore(w.text, dash))
        return { ...w.style, ...quoting, seqOffset: Math.max(0, column(w.text, dash) - keyColumn(w, pair)) };
    }
  }
  return { ...w.style, ...quoting };
}
