/** Edits that remove a map entry or a sequence item, with its lines and trailing comment. */
import { isMap, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { type EditResult, placeOf, unsupported } from './edit.js';
import { holdsAnchor, type Step } from './resolve.js';
import { lineStart, nextLineStart, onlySpaceBefore } from './text.js';
import { colonOf, contentEnd, dashOf, pairEnd, startOf, type Work } from './work.js';

/** End of the line holding `pos`, before its line break: removals take trailing comments with them. */
function lineBodyEnd(w: Work, pos: number): number {
  const next = nextLineStart(w.text, Math.max(0, pos - 1));
  return next > 0 && w.text[next - 1] === '\n' ? next - (w.text[next - 2] === '\r' ? 2 : 1) : next;
}

/** Removes entry `i` of a collection whose entries start at `starts[i]` and end at `ends[i]`. */
function removeEntry(w: Work, steps: Step[], k: number, i: number, starts: number[], ends: number[]): EditResult {
  const node = steps[k]?.node as YAMLMap | YAMLSeq;
  const n = starts.length;
  if (n === 1) {
    const start = node.flow ? startOf(w, node) : (starts[0] as number);
    const end = node.flow ? contentEnd(w, node) : lineBodyEnd(w, ends[0] as number);
    const place = placeOf(steps, k);
    const colon = place.kind === 'pair' ? colonOf(w, place.pair) : undefined;
    const simple = !node.flow && colon !== undefined && /^[ \t]*\r?\n[ \t]*$/.test(w.text.slice(colon + 1, start));
    const text = isMap(node) ? '{}' : '[]';
    return {
      edits: [
        {
          start: simple ? (colon as number) + 1 : start,
          end,
          text: simple ? ` ${text}` : text,
          container: node,
          kind: 'structural',
        },
      ],
    };
  }
  const s = starts[i] as number;
  const e = ends[i] as number;
  if (node.flow) {
    const edit = i < n - 1 ? { start: s, end: starts[i + 1] as number } : { start: ends[i - 1] as number, end: e };
    return { edits: [{ ...edit, text: '', container: node, kind: 'structural' }] };
  }
  if (onlySpaceBefore(w.text, s))
    return {
      edits: [
        {
          start: lineStart(w.text, s),
          end: nextLineStart(w.text, e - 1),
          text: '',
          container: node,
          kind: 'structural',
        },
      ],
    };
  if (i < n - 1)
    return { edits: [{ start: s, end: starts[i + 1] as number, text: '', container: node, kind: 'structural' }] };
  return unsupported('removal of the last entry of a compact collection');
}

/** Removes the entry that the last step selects (a map pair or a sequence item). */
export function removeFrom(w: Work, steps: Step[], k: number): EditResult {
  const step = steps[k] as Step;
  if (isMap(step.node)) {
    const map = step.node;
    if (holdsAnchor(step.pair)) return { code: 'patch-alias', message: 'removed value holds an anchor' };
    const starts = map.items.map((p) => startOf(w, p.key as Node));
    return removeEntry(
      w,
      steps,
      k,
      map.items.indexOf(step.pair as Pair),
      starts,
      map.items.map((p) => pairEnd(w, p)),
    );
  }
  const seq = step.node as YAMLSeq;
  if (holdsAnchor(seq.items[step.index as number]))
    return { code: 'patch-alias', message: 'removed value holds an anchor' };
  const starts: number[] = [];
  for (const item of seq.items) {
    const d = seq.flow ? startOf(w, item as Node) : dashOf(w, item as Node);
    if (d === undefined) return unsupported('sequence item without a plain "- " indicator');
    starts.push(d);
  }
  return removeEntry(
    w,
    steps,
    k,
    step.index as number,
    starts,
    seq.items.map((it) => contentEnd(w, it as Node)),
  );
}
