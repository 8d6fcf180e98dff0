/**
 * A JSON List (`kubectl get -o json`, an all-in-one bundle as JSON) holds its objects as the items of a
 * top-level array. jsonc-parser edits the whole text and each op is checked by parsing it again, so a file of
 * n bytes with k ops cost O(k × n). Changes that stay inside one item are independent of every other item:
 * each item is patched as its own JSON text (taken from the start of its line, so that jsonc-parser sees its
 * indentation), the new items are spliced back once, and the whole file is parsed once to verify it equals
 * the old value with exactly the applied changes' ops. Any doubt (a change outside the items, an item that
 * shares its line, a failed final check) leaves the file to the whole-text path.
 */
import { findNodeAtLocation, type FormattingOptions, parseTree } from 'jsonc-parser';
import type { Change, PatchResult, Refusal } from './types.js';
import { deepEqual, expectedValue } from './verify.js';

/** One item and the changes inside it, their paths relative to the item. */
interface ItemGroup {
  start: number;
  end: number;
  value: unknown;
  changes: Change[];
}

/** `/items/3/spec/x` → ['items', '3', '/spec/x'] (the rest keeps its escaping); undefined above an item's fields. */
function splitPath(path: string): [string, string, string] | undefined {
  const m = /^\/([^/]*)\/(0|[1-9]\d*)(\/.*)$/.exec(path);
  return m ? [m[1] as string, m[2] as string, m[3] as string] : undefined;
}

/** The changes grouped by the item they edit, or undefined when one does not stay inside one item. */
function groupByItem(text: string, value: unknown, changes: Change[]): ItemGroup[] | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const root = parseTree(text);
  const groups = new Map<string, ItemGroup>();
  for (const c of changes) {
    const parts = c.ops.map((op) => splitPath(op.path));
    const first = parts[0];
    if (!first || parts.some((p) => !p || p[0] !== first[0] || p[1] !== first[1])) return undefined;
    const key = first[0].replace(/~1/g, '/').replace(/~0/g, '~');
    const list = (value as Record<string, unknown>)[key];
    const index = Number(first[1]);
    if (!Array.isArray(list) || index >= list.length) return undefined;
    let g = groups.get(`${key}\u0000${index}`);
    if (!g) {
      const node = root && findNodeAtLocation(root, [key, index]);
      if (!node) return undefined;
      const start = text.lastIndexOf('\n', node.offset - 1) + 1;
      if (!/^[ \t]*$/.test(text.slice(start, node.offset))) return undefined;
      g = { start, end: node.offset + node.length, value: list[index], changes: [] };
      groups.set(`${key}\u0000${index}`, g);
    }
    g.changes.push({ ...c, ops: c.ops.map((op, i) => ({ ...op, path: (parts[i] as [string, string, string])[2] })) });
  }
  return [...groups.values()].sort((a, b) => a.start - b.start);
}

/** How one piece of JSON text is patched (json.ts: together, else one by one). */
export type PatchJson = (text: string, value: unknown, changes: Change[], fmt: FormattingOptions) => PatchResult;

/**
 * The changes applied item by item, or undefined when the file must be patched as one text. `parse` is
 * the file parse used to verify the result.
 */
export function patchByItem(
  text: string,
  value: unknown,
  changes: Change[],
  fmt: FormattingOptions,
  patch: PatchJson,
  parse: (text: string) => { value: unknown } | { code: string },
): PatchResult | undefined {
  const groups = groupByItem(text, value, changes);
  if (!groups) return undefined;
  const parts: string[] = [];
  const applied = new Set<string>();
  const refused = new Map<string, Refusal>();
  let cursor = 0;
  for (const g of groups) {
    const out = patch(text.slice(g.start, g.end), g.value, g.changes, fmt);
    for (const id of out.applied) applied.add(id);
    for (const r of out.refused) refused.set(r.id, r);
    parts.push(text.slice(cursor, g.start), out.text);
    cursor = g.end;
  }
  const next = parts.join('') + text.slice(cursor);
  // The whole file, parsed once, must be the old value with exactly the applied changes' ops.
  const expected = expectedValue(
    value,
    changes.filter((c) => applied.has(c.id)).flatMap((c) => c.ops),
  );
  const parsed = parse(next);
  if ('code' in expected || 'code' in parsed || !deepEqual(parsed.value, expected.value)) return undefined;
  return {
    text: next,
    applied: changes.filter((c) => applied.has(c.id)).map((c) => c.id),
    refused: changes.flatMap((c) => refused.get(c.id) ?? []),
  };
}
