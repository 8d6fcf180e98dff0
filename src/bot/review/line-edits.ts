/**
 * A file's fix as whole-line replacements on the head's text: what a ```suggestion block can say. A
 * suggestion replaces the lines it is anchored on, so an insertion (a `securityContext` block added after
 * a container's last field) is anchored on the line before it and repeats that line, followed by the new
 * lines: a multi-line suggestion where the fix inserts lines.
 */
import { diffArrays } from 'diff';

/** Replace head lines `start..end` (1-based, inclusive) with `lines`. */
export interface LineEdit {
  start: number;
  end: number;
  lines: string[];
}

function splitLines(text: string): string[] {
  return text.split('\n');
}

/** The line edits turning `before` into `after`, in order; [] when they are equal. */
export function lineEdits(before: string, after: string): LineEdit[] {
  if (before === after) return [];
  const old = splitLines(before);
  const edits: LineEdit[] = [];
  let line = 1;
  let pending: { start: number; removed: string[]; added: string[] } | undefined;
  const flush = () => {
    if (pending) edits.push(anchor(pending, old));
    pending = undefined;
  };
  for (const part of diffArrays(old, splitLines(after))) {
    if (!part.added && !part.removed) {
      flush();
      line += part.value.length;
      continue;
    }
    pending ??= { start: line, removed: [], added: [] };
    if (part.removed) {
      pending.removed.push(...part.value);
      line += part.value.length;
    } else pending.added.push(...part.value);
  }
  flush();
  return edits;
}

/** A pure insertion before head line `start` becomes a replacement of the line above it (or, at the top, of the first line). */
function anchor(p: { start: number; removed: string[]; added: string[] }, old: string[]): LineEdit {
  if (p.removed.length > 0) return { start: p.start, end: p.start + p.removed.length - 1, lines: p.added };
  if (p.start > 1) return { start: p.start - 1, end: p.start - 1, lines: [old[p.start - 2] ?? '', ...p.added] };
  return { start: 1, end: 1, lines: [...p.added, old[0] ?? ''] };
}
