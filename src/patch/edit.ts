/** The shape of a text edit, and helpers shared by the add and remove edits. */
import type { Pair } from 'yaml';
import type { Step } from './resolve.js';
import type { PatchCode } from './types.js';

/** Replace `[start, end)` of the document text with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
  /** The collection the edit changes: two edits of one collection in a batch need a re-parse between them. */
  container: unknown;
  /**
   * How the edit changes `container`: `append` inserts after its last entry, `local` rewrites one scalar in
   * place, `structural` anything else. Appends and local edits of one collection may share a batch; a
   * structural edit needs a re-parse before the next edit of that collection.
   */
  kind: 'append' | 'local' | 'structural';
  /** Nesting depth of `container`: insertions at one offset go innermost first (set by `editsFor`). */
  depth?: number;
}

/** The edits for one op, or why the op is refused. */
export type EditResult = { edits: Edit[] } | { code: PatchCode; message: string };

/** A `patch-unsupported` refusal. */
export function unsupported(message: string): EditResult {
  return { code: 'patch-unsupported', message };
}

/** How the collection at `steps[k]` sits in its parent: as a block map value, a block item, a root, or in flow. */
export function placeOf(
  steps: Step[],
  k: number,
): { kind: 'pair'; pair: Pair } | { kind: 'compact' } | { kind: 'flow' } {
  const parent = steps[k - 1];
  if (!parent) return { kind: 'compact' };
  if (parent.node.flow) return { kind: 'flow' };
  return parent.pair ? { kind: 'pair', pair: parent.pair } : { kind: 'compact' };
}

/** A `patch-path-missing` refusal for `path`. */
export function missing(path: string): EditResult {
  return { code: 'patch-path-missing', message: `${path} does not exist` };
}
