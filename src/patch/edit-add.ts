/**
 * Edits that write a value: add a key or an item, replace a value. New text is rendered for the new value
 * only, in the surrounding style; empty flow collections and empty values in block context become blocks.
 */
import { isScalar, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { type Edit, type EditResult, placeOf, unsupported } from './edit.js';
import {
  isBlockValue,
  type QuoteStyle,
  renderCompact,
  renderFlow,
  renderMapLines,
  renderScalar,
  renderSeqLines,
} from './render.js';
import { holdsAnchor, type Step } from './resolve.js';
import { asLines, column, insertionPoint, lineStart, nextLineStart, onlySpaceBefore, trimEnd } from './text.js';
import { colonOf, contentEnd, dashOf, isEmptyNode, keyColumn, pairEnd, startOf, type Work } from './work.js';

function scalarEdit(w: Work, node: Scalar, value: unknown, flow: boolean, container: unknown): Edit {
  const quote: QuoteStyle | undefined =
    node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? node.type : 'PLAIN';
  return {
    start: startOf(w, node),
    end: contentEnd(w, node),
    text: renderScalar(value, { flow, quote }),
    container,
    kind: 'local',
  };
}

function isInlineScalar(node: unknown): node is Scalar {
  return isScalar(node) && !isEmptyNode(node) && node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED';
}

/** Block lines for `value` under `pair`, replacing whatever value the pair had. */
function blockUnderPair(w: Work, pair: Pair, value: unknown, container: unknown): EditResult {
  const colon = colonOf(w, pair);
  if (colon === undefined) return unsupported('explicit or complex key');
  const kc = keyColumn(w, pair);
  const old = pair.value as Node | null;
  // A block scalar's range ends after its line break; the break stays.
  const oldEnd = isEmptyNode(old) ? colon + 1 : trimEnd(w.text, colon + 1, contentEnd(w, old as Node));
  if (!isBlockValue(value))
    return {
      edits: [{ start: colon + 1, end: oldEnd, text: ` ${renderFlow(value, w.style)}`, container, kind: 'structural' }],
    };
  const lines = Array.isArray(value)
    ? renderSeqLines(value, kc + w.style.seqOffset, w.style)
    : renderMapLines(value as Record<string, unknown>, kc + w.style.unit, w.style);
  const at = nextLineStart(w.text, Math.max(colon, oldEnd - 1));
  return {
    edits: [
      { start: colon + 1, end: oldEnd, text: '', container, kind: 'structural' },
      { start: at, end: at, text: asLines(w.text, at, lines, w.eol), container, kind: 'structural' },
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
  const text =
    place.kind === 'flow'
      ? renderFlow(whole, w.style)
      : renderCompact(whole, column(w.text, start), w.style).join(w.eol);
  return { edits: [{ start, end, text, container: node, kind: 'structural' }] };
}

/** Sets the value of an existing key (RFC 6902 `replace`, or `add` on an existing member). */
export function setPair(w: Work, map: YAMLMap, pair: Pair, value: unknown): EditResult {
  const old = pair.value;
  if (holdsAnchor(old)) return { code: 'patch-alias', message: 'replaced value holds an anchor' };
  if (isInlineScalar(old) && !isBlockValue(value))
    return { edits: [scalarEdit(w, old, value, Boolean(map.flow), map)] };
  if (!map.flow) return blockUnderPair(w, pair, value, map);
  const colon = colonOf(w, pair);
  if (colon === undefined) return unsupported('explicit or complex key');
  const end = isEmptyNode(old) ? colon + 1 : contentEnd(w, old as Node);
  return {
    edits: [{ start: colon + 1, end, text: ` ${renderFlow(value, w.style)}`, container: map, kind: 'structural' }],
  };
}

/** Adds a new key to the map at `steps[k]`: after its last entry, in flow if the map is flow. */
export function addToMap(w: Work, steps: Step[], k: number, key: string, value: unknown): EditResult {
  const map = steps[k]?.node as YAMLMap;
  const last = map.items[map.items.length - 1];
  if (!last) return fillEmpty(w, steps, k, { [key]: value });
  if (map.flow) {
    const at = pairEnd(w, last);
    return {
      edits: [
        {
          start: at,
          end: at,
          text: `, ${renderScalar(key, { flow: true, quote: w.style.keyQuote })}: ${renderFlow(value, w.style)}`,
          container: map,
          kind: 'append',
        },
      ],
    };
  }
  const col = keyColumn(w, map.items[0] as Pair);
  const at = insertionPoint(w.text, pairEnd(w, last), col, w.followed);
  return {
    edits: [
      {
        start: at,
        end: at,
        text: asLines(w.text, at, renderMapLines({ [key]: value }, col, w.style), w.eol),
        container: map,
        kind: 'append',
      },
    ],
  };
}

/** Adds an item to the sequence at `steps[k]` at `index` (its length for `-`). */
export function addToSeq(w: Work, steps: Step[], k: number, index: number, value: unknown): EditResult {
  const seq = steps[k]?.node as YAMLSeq;
  const n = seq.items.length;
  if (n === 0) return fillEmpty(w, steps, k, [value]);
  if (seq.flow) {
    const at = index === n ? contentEnd(w, seq.items[n - 1] as Node) : startOf(w, seq.items[index] as Node);
    const text = index === n ? `, ${renderFlow(value, w.style)}` : `${renderFlow(value, w.style)}, `;
    return { edits: [{ start: at, end: at, text, container: seq, kind: index === n ? 'append' : 'structural' }] };
  }
  const dash0 = dashOf(w, seq.items[0] as Node);
  if (dash0 === undefined) return unsupported('sequence item without a plain "- " indicator');
  const lines = renderSeqLines([value], column(w.text, dash0), w.style);
  if (index === n) {
    const at = insertionPoint(w.text, contentEnd(w, seq.items[n - 1] as Node), column(w.text, dash0), w.followed);
    return { edits: [{ start: at, end: at, text: asLines(w.text, at, lines, w.eol), container: seq, kind: 'append' }] };
  }
  const dash = dashOf(w, seq.items[index] as Node);
  if (dash === undefined || !onlySpaceBefore(w.text, dash)) return unsupported('insert before a compact sequence item');
  const at = lineStart(w.text, dash);
  return {
    edits: [{ start: at, end: at, text: asLines(w.text, at, lines, w.eol), container: seq, kind: 'structural' }],
  };
}

/** Replaces sequence item `index`: a scalar in place, a collection as compact block or flow. */
export function replaceItem(w: Work, seq: YAMLSeq, index: number, value: unknown): EditResult {
  const old = seq.items[index] as Node;
  if (holdsAnchor(old)) return { code: 'patch-alias', message: 'replaced value holds an anchor' };
  if (isInlineScalar(old) && !isBlockValue(value))
    return { edits: [scalarEdit(w, old, value, Boolean(seq.flow), seq)] };
  const start = startOf(w, old);
  const text =
    seq.flow || !isBlockValue(value)
      ? renderFlow(value, w.style)
      : renderCompact(value, column(w.text, start), w.style).join(w.eol);
  return {
    edits: [{ start, end: trimEnd(w.text, start, contentEnd(w, old)), text, container: seq, kind: 'structural' }],
  };
}
