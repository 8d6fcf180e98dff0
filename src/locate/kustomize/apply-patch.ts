/**
 * Applies one PatchRef of a kustomization to the accumulated resources: a JSON6902 patch to each resource
 * its target selects; a strategic-merge patch, document by document, to each resource its target selects
 * or, without a target, to the one resource with the patch's identity (any earlier identity counts, as in
 * kustomize's GetMatchingResourcesByAnyId). The patch cannot rename or re-kind a resource.
 */
import { parseYamlFile } from '../../yaml.js';
import { applyJson6902 } from './json6902.js';
import { anyIds, describeId, type Res, resIdOf, sameId, typeKey } from './resource.js';
import { selectResources } from './select.js';
import { mergeNode } from './strategic-merge.js';
import { fromPlain, type TMap, type Writer } from './tracked.js';
import type { Kustomization, PatchRef } from './types.js';

export interface PatchEnv {
  files: Map<string, string>;
  writer: (partial: Omit<Writer, 'seq'>) => Writer;
}

function describe(k: Kustomization, p: PatchRef): string {
  return p.inline ? `${k.file}${p.pointer ?? ''}` : (p.file ?? k.file);
}

function writerFor(env: PatchEnv, k: Kustomization, p: PatchRef, doc: number): Writer {
  if (p.inline) return env.writer({ file: k.file, doc: 0, via: p.kind, inline: { pointer: p.pointer ?? '', doc } });
  return env.writer({ file: p.file ?? '', doc, via: p.kind });
}

/** The patch with its identity removed: kustomize keeps the target's kind, name and namespace. */
function withoutIdentity(value: Record<string, unknown>): Record<string, unknown> {
  const { apiVersion: _a, kind: _k, ...rest } = value;
  const meta = value.metadata;
  if (meta && typeof meta === 'object' && !Array.isArray(meta)) {
    const { name: _n, namespace: _ns, ...m } = meta as Record<string, unknown>;
    rest.metadata = m;
  }
  return rest;
}

function record(res: Res, w: Writer, kind: PatchRef['kind']): void {
  res.patchedBy.push({ file: w.file, doc: w.doc, kind, ...(w.inline ? { inline: w.inline } : {}) });
}

/** Applies `p`; returns the resources (a strategic `$patch: delete` removes some) or an error message. */
export function applyPatch(resources: Res[], k: Kustomization, p: PatchRef, env: PatchEnv): Res[] | string {
  const text = p.inline ? (p.text ?? '') : env.files.get(p.file ?? '');
  if (text === undefined) return `${describe(k, p)}: patch file not found`;
  if (!p.inline && k.dir !== '' && !(p.file ?? '').startsWith(`${k.dir}/`))
    return `${k.file}: patch ${p.file} is not in or below ${k.dir} (load restriction)`;
  const parsed = parseYamlFile(text, { file: describe(k, p) });
  const problem = parsed.diagnostics[0] ?? parsed.docs.find((d) => d.error)?.error;
  if (problem) return `${describe(k, p)}: ${problem.message}`;
  if (p.kind === 'json6902') return applyJson(resources, k, p, env, parsed.docs[0]?.value);
  // kustomize refuses an empty patchesStrategicMerge file ("patch appears to be empty") and skips an empty `patches` one.
  const empty = !parsed.docs.some((d) => d.value !== null && d.value !== undefined);
  if (empty) return p.field === 'patchesStrategicMerge' ? `${describe(k, p)}: the patch is empty` : resources;
  let current = resources;
  for (const doc of parsed.docs) {
    if (doc.value === null || doc.value === undefined) continue;
    if (typeof doc.value !== 'object' || Array.isArray(doc.value))
      return `${describe(k, p)}: document ${doc.index} is not a mapping`;
    const next = applyStrategic(current, k, p, env, doc.value as Record<string, unknown>, doc.index);
    if (typeof next === 'string') return next;
    current = next;
  }
  return current;
}

function applyJson(resources: Res[], k: Kustomization, p: PatchRef, env: PatchEnv, ops: unknown): Res[] | string {
  if (!p.target) return `${describe(k, p)}: a JSON6902 patch needs a target`;
  for (const res of selectResources(resources, p.target)) {
    const w = writerFor(env, k, p, 0);
    const before = resIdOf(res.node);
    const root = applyJson6902(res.node, ops, w);
    if (typeof root === 'string') return `${describe(k, p)} on ${describeId(resIdOf(res.node))}: ${root}`;
    if (root.t !== 'map') return `${describe(k, p)}: the patched resource is not a mapping`;
    res.node = root;
    // A JSON patch may rename a resource: later patches may still name it as it was.
    if (!sameId(before, resIdOf(root))) res.prevIds.push(before);
    record(res, w, 'json6902');
  }
  return resources;
}

function applyStrategic(
  resources: Res[],
  k: Kustomization,
  p: PatchRef,
  env: PatchEnv,
  value: Record<string, unknown>,
  doc: number,
): Res[] | string {
  let targets: Res[];
  if (p.target) targets = selectResources(resources, p.target);
  else {
    const id = resIdOf(fromPlain(value, env.writer({ file: '', doc: 0, via: 'strategic-merge' }), '') as TMap);
    targets = resources.filter((r) => anyIds(r).some((x) => sameId(x, id)));
    if (targets.length !== 1)
      return `${describe(k, p)}: ${targets.length === 0 ? 'no resource matches' : 'several resources match'} ${describeId(id)}`;
  }
  const deleted = new Set<Res>();
  for (const res of targets) {
    const w = writerFor(env, k, p, doc);
    const merged = mergeNode(res.node, fromPlain(withoutIdentity(value), w, ''), [], typeKey(res));
    if (merged === undefined) deleted.add(res);
    else if (merged.t === 'map') res.node = merged;
    record(res, w, 'strategic-merge');
  }
  return deleted.size ? resources.filter((r) => !deleted.has(r)) : resources;
}
