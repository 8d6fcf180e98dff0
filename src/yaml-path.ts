/**
 * The line a key path sits on in a document parsed by src/yaml.ts, so a validation problem found on the
 * plain value (a zod issue's path) can name its line. Beside yaml.ts so stages that validate YAML (the
 * configuration) read positions without importing the `yaml` package themselves (issue 11).
 */
import { isMap, isSeq, type Node } from 'yaml';
import type { ParsedDoc, ParsedFile } from './yaml.js';

/** Where `key` leads from `node`: the child node and the offset of its key (or item), if it exists. */
function step(node: unknown, key: PropertyKey): { node: unknown; offset: number | undefined } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
    return pair ? { node: pair.value, offset: (pair.key as Node | null)?.range?.[0] } : undefined;
  }
  if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key] as Node | undefined;
    return item ? { node: item, offset: item.range?.[0] } : undefined;
  }
  return undefined;
}

/**
 * The 1-based line of the deepest node on `path` that exists in `doc` (a missing key points at its parent),
 * or undefined when the document has no content.
 */
export function lineOfPath(file: ParsedFile, doc: ParsedDoc, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.ast.contents;
  let offset = doc.ast.contents?.range[0];
  for (const key of path) {
    const next = step(node, key);
    if (!next) break;
    node = next.node;
    offset = next.offset ?? offset;
  }
  return offset === undefined ? undefined : file.lineCounter.linePos(offset).line;
}
