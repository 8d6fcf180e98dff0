/** A render's resource as the plain RenderedResource the rest of kubemend reads. */
import { identityOf, type Res } from './resource.js';
import { lastWriter, nodeAt, parsePointer, toPlain } from './tracked.js';
import type { FieldSource, RenderedResource } from './types.js';

export function toRendered(res: Res): RenderedResource {
  const node = res.node;
  return {
    id: identityOf(node),
    object: toPlain(node) as Record<string, unknown>,
    origin: res.origin,
    patchedBy: res.patchedBy.map((p) => ({ ...p })),
    sourceOf(pointer: string): FieldSource | undefined {
      const found = nodeAt(node, parsePointer(pointer));
      return found ? lastWriter(found).src : undefined;
    },
  };
}
