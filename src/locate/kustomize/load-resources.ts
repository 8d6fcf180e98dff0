/**
 * The resources of one manifest file listed in `resources`: every non-empty document, and the items of a
 * `*List` document, each tracked back to its file, document and pointer.
 */
import { parseYamlFile } from '../../yaml.js';
import type { Res } from './resource.js';
import { fromPlain, type TMap, type Writer } from './tracked.js';

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** kustomize writes label and annotation values as strings (`port: 8080` becomes `port: "8080"`). */
function stringifyMeta(node: TMap): TMap {
  const meta = node.entries.get('metadata');
  for (const field of ['labels', 'annotations']) {
    const map = meta?.t === 'map' ? meta.entries.get(field) : undefined;
    if (map?.t === 'map')
      for (const v of map.entries.values())
        if (v.t === 'scalar' && v.value !== null && typeof v.value !== 'string') v.value = String(v.value);
  }
  return node;
}

function named(v: Record<string, unknown>): boolean {
  return isMap(v.metadata) && typeof v.metadata.name === 'string' && v.metadata.name !== '';
}

/** Loads `file`; returns its resources or an error message. `writer(doc)` gives the writer of each document. */
export function loadResources(file: string, text: string, writer: (doc: number) => Writer): Res[] | string {
  const parsed = parseYamlFile(text, { file });
  const problem = parsed.diagnostics[0] ?? parsed.docs.find((d) => d.error)?.error;
  if (problem) return `${file}: ${problem.message}`;
  const out: Res[] = [];
  for (const doc of parsed.docs) {
    const v = doc.value;
    if (v === null || v === undefined) continue;
    if (!isMap(v)) return `${file}: document ${doc.index} is not a mapping`;
    const w = writer(doc.index);
    const origin = { file, doc: doc.index };
    const items = typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items) ? v.items : undefined;
    if (items) {
      items.forEach((item, i) => {
        if (isMap(item))
          out.push({
            node: stringifyMeta(fromPlain(item, w, `/items/${i}`) as TMap),
            origin,
            prevIds: [],
            patchedBy: [],
          });
      });
      continue;
    }
    if (!named(v)) return `${file}: document ${doc.index} has no metadata.name`;
    out.push({ node: stringifyMeta(fromPlain(v, w, '') as TMap), origin, prevIds: [], patchedBy: [] });
  }
  return out;
}
