/**
 * Turns one RFC 6902 operation into text edits on a document, using the AST's source ranges. Nothing is
 * re-stringified: new text is rendered for the new value only, in the surrounding style.
 */
import { isMap, isScalar, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Operation } from '../model.js';
import { isBlockValue, type QuoteStyle, renderCompact, renderFlow, renderMapLines, renderScalar, renderSeqLines } from './render.js';
import { holdsAnchor, pointerTokens, resolvePath, type Step } from './resolve.js';
import { asLines, column, insertionPoint, lineStart, nextLineStart, onlySpaceBefore, trimEnd } from './text.js';
import type { PatchCode } from './types.js';
import { colonOf, contentEnd, dashOf, isEmptyNode, keyColumn, pairEnd, startOf, type Work } from './work.js';

/** Replace `[start, end)` of the document text with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
  /** The collection the edit changes: two edits of one collection in a batch need a re-parse between them. */
  container: unknown;
  /** An insertion after the last entry: several of these into one collection may share a batch. */
  append: boolean;
  /** Nesting depth of `container`: insertions at one offset go innermost first (set by `editsFor`). */
  depth?: number;
}

export type EditResult = { edits: Edit[] } | { code: PatchCode; message: string };

function unsupported(message: string): EditResult {
  return { code: 'patch-unsupported', message };
}

/** End of the line holding `pos`, before its line break: removals take trailing comments with them. */
function lineBodyEnd(w: Work, pos: number): number {
  const next = nextLineStart(w.text, Math.max(0, pos - 1));
  return next > 0 && w.text[next - 1] === '\n' ? next - (w.text[next - 2] === '\r' ? 2 : 1) : next;
}

function scalarEdit(w: Work, node: Scalar, value: unknown, flow: boolean, container: unknown): Edit {
  const quote: QuoteStyle | undefined = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? node.type : 'PLAIN';
  return { start: startOf(w, node), end: contentEnd(w, node), text: renderScalar(value, { flow, quote }), container, append: false };
}

function isInlineScalar(node: unknown): node is Scalar {
  return isScalar(node) && !isEmptyNode(node) && node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED';
}

/** How the collection at `steps[k]` sits in its parent: as a block map value, a block item, a root, or in flow. */
function placeOf(steps: Step[], k: number): { kind: 'pair'; pair: Pair } | { kind: 'compact' } | { kind: 'flow' } {
  const parent = steps[k - 1];
  if (!parent) return { kind: 'compact' };
  if (parent.node.flow) return { kind: 'flow' };
  return parent.pair ? { kind: 'pair', pair: parent.pair } : { kind: 'compact' };
}

/** Block lines for `value` under `pair`, replacing whatever value the pair had. */
function blockUnderPair(w: Work, pair: Pair, value: unknown, container: unknown): EditResult {
  const colon = colonOf(w, pair);
  if (colon === undefined) return unsupported('explicit or complex key');
  const kc = keyColumn(w, pair);
  const old = pair.value as Node | null;
  // A block scalar's range ends after its line break; the break stays.
  const oldEnd = isEmptyNode(old) ? colon + 1 : trimEnd(w.text, colon + 1, contentEnd(w, old as Node));
  if (!isBlockValue(value)) return { edits: [{ start: colon + 1, end: oldEnd, text: ` ${renderFlow(value)}`, container, append: false }] };
  const lines = Array.isArray(value) ? renderSeqLines(value, kc + w.style.seqOffset, w.style) : renderMapLines(value as Record<string, unknown>, kc + w.style.unit, w.style);
  const at = nextLineStart(w.text, Math.max(colon, oldEnd - 1));
  return {
    edits: [
      { start: colon + 1, end: oldEnd, text: '', container, append: false },
      { start: at, end: at, text: asLines(w.text, at, lines, w.eol), container, append: false },
    ],
  };
}

/** Turns an empty flow collection (`{}`, `[]`) in block context into a block holding `whole`. */
function fillEmpty(w: Work, steps: Step[], k: number, whole: unknown): EditResult {
  const node = steps[k]?.node as YAMLMap | YAMLSeq;
  const place = placeOf(steps, k);
  if (place.kind === 'pair') return blockUnderPair(w, place.pair, whole, node);
  const start = startOf(w, node);
  const end = contentEnd(w, node);
  const text = place.kind === 'flow' ? renderFlow(whole) : renderCompact(whole, column(w.text, start), w.style).join(w.eol);
  return { edits: [{ start, end, text, container: node, append: false }] };
}

function setPair(w: Work, map: YAMLMap, pair: Pair, value: unknown): EditResult {
  const old = pair.value;
  if (holdsAnchor(old)) return { code: 'patch-alias', message: 'replaced value holds an anchor' };
  if (isInlineScalar(old) && !isBlockValue(value)) return { edits: [scalarEdit(w, old, value, Boolean(map.flow), map)] };
  if (!map.flow) return blockUnderPair(w, pair, value, map);
  const colon = colonOf(w, pair);
  if (colon === undefined) return unsupported('explicit or complex key');
  const end = isEmptyNode(old) ? colon + 1 : contentEnd(w, old as Node);
  return { edits: [{ start: colon + 1, end, text: ` ${renderFlow(value)}`, container: map, append: false }] };
}

function addToMap(w: Work, steps: Step[], k: number, key: string, value: unknown): EditResult {
  const map = steps[k]?.node as YAMLMap;
  const last = map.items[map.items.length - 1];
  if (!last) return fillEmpty(w, steps, k, { [key]: value });
  if (map.flow) {
    const at = pairEnd(w, last);
    return { edits: [{ start: at, end: at, text: `, ${renderScalar(key, { flow: true })}: ${renderFlow(value)}`, container: map, append: false }] };
  }
  const col = keyColumn(w, map.items[0] as Pair);
  const at = insertionPoint(w.text, pairEnd(w, last), col, w.followed);
  return { edits: [{ start: at, end: at, text: asLines(w.text, at, renderMapLines({ [key]: value }, col, w.style), w.eol), container: map, append: true }] };
}

function addToSeq(w: Work, steps: Step[], k: number, index: number, value: unknown): EditResult {
  const seq = steps[k]?.node as YAMLSeq;
  const n = seq.items.length;
  if (n === 0) return fillEmpty(w, steps, k, [value]);
  if (seq.flow) {
    const at = index === n ? contentEnd(w, seq.items[n - 1] as Node) : startOf(w, seq.items[index] as Node);
    const text = index === n ? `, ${renderFlow(value)}` : `${renderFlow(value)}, `;
    return { edits: [{ start: at, end: at, text, container: seq, append: false }] };
  }
  const dash0 = dashOf(w, seq.items[0] as Node);
  if (dash0 === undefined) return unsupported('sequence item without a plain "- " indicator');
  const lines = renderSeqLines([value], column(w.text, dash0), w.style);
  if (index === n) {
    const at = insertionPoint(w.text, contentEnd(w, seq.items[n - 1] as Node), column(w.text, dash0), w.followed);
    return { edits: [{ start: at, end: at, text: asLines(w.text, at, lines, w.eol), container: seq, append: true }] };
  }
  const dash = dashOf(w, seq.items[index] as Node);
  if (dash === undefined || !onlySpaceBefore(w.text, dash)) return unsupported('insert before a compact sequence item');
  const at = lineStart(w.text, dash);
  return { edits: [{ start: at, end: at, text: asLines(w.text, at, lines, w.eol), container: seq, append: false }] };
}

/** Removes entry `i` of a collection whose entries start at `starts[i]` and end at `ends[i]`. */
function removeEntry(w: Work, steps: Step[], k: number, i: number, starts: number[], ends: number[]): EditResult {
  const node = steps[k]?.node as YAMLMap | YAMLSeq;
  const n = starts.length;
  if (n === 1) {
    const start = node.flow ? startOf(w, node) : starts[0] as number;
    const end = node.flow ? contentEnd(w, node) : lineBodyEnd(w, ends[0] as number);
    const place = placeOf(steps, k);
    const colon = place.kind === 'pair' ? colonOf(w, place.pair) : undefined;
    const simple = !node.flow && colon !== undefined && /^[ \t]*\r?\n[ \t]*$/.test(w.text.slice(colon + 1, start));
    const text = isMap(node) ? '{}' : '[]';
    return { edits: [{ start: simple ? (colon as number) + 1 : start, end, text: simple ? ` ${text}` : text, container: node, append: false }] };
  }
  const s = starts[i] as number;
  const e = ends[i] as number;
  if (node.flow) {
    const edit = i < n - 1 ? { start: s, end: starts[i + 1] as number } : { start: ends[i - 1] as number, end: e };
    return { edits: [{ ...edit, text: '', container: node, append: false }] };
  }
  if (onlySpaceBefore(w.text, s)) return { edits: [{ start: lineStart(w.text, s), end: nextLineStart(w.text, e - 1), text: '', container: node, append: false }] };
  if (i < n - 1) return { edits: [{ start: s, end: starts[i + 1] as number, text: '', container: node, append: false }] };
  return unsupported('removal of the last entry of a compact collection');
}

function removeFrom(w: Work, steps: Step[], k: number): EditResult {
  const step = steps[k] as Step;
  if (isMap(step.node)) {
    const map = step.node;
    if (holdsAnchor(step.pair)) return { code: 'patch-alias', message: 'removed value holds an anchor' };
    const starts = map.items.map((p) => startOf(w, p.key as Node));
    return removeEntry(w, steps, k, map.items.indexOf(step.pair as Pair), starts, map.items.map((p) => pairEnd(w, p)));
  }
  const seq = step.node as YAMLSeq;
  if (holdsAnchor(seq.items[step.index as number])) return { code: 'patch-alias', message: 'removed value holds an anchor' };
  const starts: number[] = [];
  for (const item of seq.items) {
    const d = seq.flow ? startOf(w, item as Node) : dashOf(w, item as Node);
    if (d === undefined) return unsupported('sequence item without a plain "- " indicator');
    starts.push(d);
  }
  return removeEntry(w, steps, k, step.index as number, starts, seq.items.map((it) => contentEnd(w, it as Node)));
}

function replaceItem(w: Work, seq: YAMLSeq, index: number, value: unknown): EditResult {
  const old = seq.items[index] as Node;
  if (holdsAnchor(old)) return { code: 'patch-alias', message: 'replaced value holds an anchor' };
  if (isInlineScalar(old) && !isBlockValue(value)) return { edits: [scalarEdit(w, old, value, Boolean(seq.flow), seq)] };
  const start = startOf(w, old);
  const text = seq.flow || !isBlockValue(value) ? renderFlow(value) : renderCompact(value, column(w.text, start), w.style).join(w.eol);
  return { edits: [{ start, end: trimEnd(w.text, start, contentEnd(w, old)), text, container: seq, append: false }] };
}

/** The text edits for one operation against the document's current AST, or why it cannot be done. */
export function editsFor(w: Work, op: Operation): EditResult {
  if (op.op === 'test') return { edits: [] };
  if (op.op !== 'add' && op.op !== 'remove' && op.op !== 'replace') return unsupported(`op "${op.op}" is not supported`);
  const tokens = pointerTokens(op.path);
  if (tokens.length === 0) return unsupported('replacing a whole document is not supported');
  const resolved = resolvePath(w.doc, tokens);
  if ('code' in resolved) return resolved;
  const k = resolved.steps.length - 1;
  const r = editsAt(w, op, resolved.steps, tokens);
  if ('edits' in r) for (const e of r.edits) e.depth = k;
  return r;
}

function editsAt(w: Work, op: Operation, steps: Step[], tokens: string[]): EditResult {
  const k = steps.length - 1;
  const step = steps[k] as Step;
  const value = 'value' in op ? (op.value as unknown) : undefined;
  if (op.op === 'remove') return step.pair || step.index !== undefined && step.index < step.node.items.length ? removeFrom(w, steps, k) : missing(op.path);
  if (isMap(step.node)) {
    if (step.pair) return setPair(w, step.node, step.pair, value);
    return op.op === 'add' ? addToMap(w, steps, k, tokens[k] as string, value) : missing(op.path);
  }
  const seq = step.node as YAMLSeq;
  const index = step.index as number;
  if (op.op === 'add') return addToSeq(w, steps, k, index, value);
  return index < seq.items.length ? replaceItem(w, seq, index, value) : missing(op.path);
}

function missing(path: string): EditResult {
  return { code: 'patch-path-missing', message: `${path} does not exist` };
}

