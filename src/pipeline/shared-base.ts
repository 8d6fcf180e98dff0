/**
 * Whether a base edit would give every environment the same value: the other roots that render the same
 * resource document, and set a field the fix adds (through their own patches), would keep their value.
 */
import type { KustomizeView } from '../locate/locate-in-kustomize.js';
import type { KustomizeLocated } from '../locate/step.js';
import type { Violation } from '../model.js';
import { leaves, relocate, valueAtPointer } from './merge-key.js';

function valueAtRelocated(path: string, from: unknown, object: unknown): unknown {
  const at = relocate(path, from, object);
  return at === undefined ? undefined : valueAtPointer(object, at);
}

/** Roots (besides the finding's) whose rendering of the same document already sets a field the fix adds. */
export function rootsOverriding(view: KustomizeView, k: KustomizeLocated, v: Violation): string[] {
  const adds = (v.kustomize?.rendered ?? [])
    .filter((op) => op.op === 'add')
    .flatMap((op) => leaves(op.value).map(([suffix]) => ({ path: op.path + suffix })));
  if (!adds.length) return [];
  return view.model.roots.filter((root) => {
    if (k.roots.includes(root)) return false;
    const r = view.render(root);
    if (!r.ok) return false;
    return r.resources.some(
      (res) =>
        res.origin.file === k.rendered.origin.file &&
        res.origin.doc === k.rendered.origin.doc &&
        adds.some((op) => valueAtRelocated(op.path, k.rendered.object, res.object) !== undefined),
    );
  });
}
