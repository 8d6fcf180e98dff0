/**
 * Rendered text as segments that remember where they came from: the template line that wrote them, and,
 * for what a value produced, the `.Values` path (`from`) or the object `toYaml` printed (`yamlOf`). A
 * rendered field is traced back to the value that sets it by finding the segment it lies in. `nindent`,
 * `indent` and trimming transform segments in place of plain strings, so the trace survives helpers.
 */
import type { Where } from './template-parse.js';

export type ValuesPath = string[];

/** A branch the template did not take, with the value that decided it (kept as an empty segment). */
export interface Guard {
  kind: 'if' | 'with';
  path: ValuesPath;
  value: unknown;
  at: Where;
}

export interface Segment {
  text: string;
  at: Where;
  /** The values path of the scalar printed here. */
  from?: ValuesPath;
  /** The object (or list) `toYaml` printed here. */
  yamlOf?: unknown;
  guard?: Guard;
  /** Output kubemend cannot trace to values (`tpl` of a value holding template actions). */
  opaque?: string;
  /** For output of a helper: the action of the rendered template that included it (outermost call). */
  call?: Where;
}

export function joinSegments(segs: Segment[]): string {
  return segs.map((s) => s.text).join('');
}

/** Go's `indent`/`nindent` (sprig): a pad before the text and after every newline. */
export function indentSegments(segs: Segment[], n: number, newline: boolean): Segment[] {
  const pad = ' '.repeat(Math.max(0, n));
  const out = segs.map((s) => ({ ...s, text: s.text.replace(/\n/g, `\n${pad}`) }));
  const lead = { text: newline ? `\n${pad}` : pad, at: segs[0]?.at ?? { file: '', line: 0 } };
  return [lead, ...out];
}

/** Trims leading and/or trailing whitespace across segments. */
export function trimSegments(segs: Segment[], left: boolean, right: boolean): Segment[] {
  const out = segs.map((s) => ({ ...s }));
  if (left)
    for (const s of out) {
      s.text = s.text.replace(/^\s+/, '');
      if (s.text) break;
    }
  if (right)
    for (const s of [...out].reverse()) {
      s.text = s.text.replace(/\s+$/, '');
      if (s.text) break;
    }
  return out;
}

/** A segment list with every offset: segment i spans [starts[i], starts[i] + text.length). */
export function offsetsOf(segs: Segment[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const s of segs) {
    starts.push(at);
    at += s.text.length;
  }
  return starts;
}
