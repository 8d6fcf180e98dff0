/**
 * Line numbers for fixes and skips, recovered from the file text: the results carry the document index,
 * resource and container, and SARIF and the PR table want the line a reviewer should look at.
 */
import type { ContainerRef, ResourceId } from '../model.js';
import { findWorkloads } from '../locate/workloads.js';
import { pointerTokens } from '../locate/field-position.js';
import { parseYamlFile } from '../yaml.js';

export interface LineItem {
  doc?: number;
  resource: ResourceId;
  container: ContainerRef | null;
}

/**
 * A function returning the 1-based line of an item: the container's list entry when there is one, else
 * the workload's object, else its document; 1 when nothing matches (SARIF needs a line).
 */
export function lineFinder(path: string, text: string): (item: LineItem) => number {
  const parsed = parseYamlFile(text, { file: path });
  return (item) => {
    const doc = parsed.docs[item.doc ?? 0];
    if (!doc || doc.value === undefined) return doc?.lines.start ?? 1;
    const workload = findWorkloads(doc.value, path, doc.index).find((w) => sameResource(w.id, item.resource));
    if (!workload) return doc.lines.start;
    const tokens = pointerTokens(workload.podSpecPointer);
    const path2 = item.container
      ? [...tokens, item.container.type, item.container.index]
      : pointerTokens(workload.pointer);
    const node = doc.ast.getIn(path2, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0];
    return offset === undefined ? doc.lines.start : parsed.lineCounter.linePos(offset).line;
  };
}

function sameResource(a: ResourceId, b: ResourceId): boolean {
  return a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}
