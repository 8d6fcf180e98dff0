/**
 * configMapGenerator and secretGenerator: each entry makes a ConfigMap or Secret (generators/configmap.go,
 * secret.go) that joins the accumulated resources as its behavior says (resmap appendReplaceOrMerge):
 * `create` appends, `merge` adds its data to the existing object's, `replace` swaps the data; both keep
 * the existing name, namespace, earlier identities, and merged labels and annotations. Generated values
 * are written by the generator entry (via 'transformer', pointer into the kustomization). The name suffix
 * hash is added once, at the end of the root's build (addHashes), when both the generator and every
 * generator it merged into asked for it.
 * https://github.com/kubernetes-sigs/kustomize/blob/master/api/resmap/reswrangler.go
 */
import { loadPairs, type ReadBytes, utf8Text } from './kv-pairs.js';
import { nameSuffixHash } from './name-hash.js';
import { anyIds, curId, describeId, rememberId, type Res, sameId } from './resource.js';
import { emptyMap, fromPlain, mapGet, type TMap, type TNode, toPlain, type Writer } from './tracked.js';
import type { GeneratorRule, Kustomization } from './types.js';

/** kyaml encodeBase64: standard base64 in lines of 70, each ended by a newline once there are two or more. */
export function base64Lines(bytes: Uint8Array): string {
  const enc = Buffer.from(bytes).toString('base64');
  if (enc.length < 70) return enc;
  return (enc.match(/.{1,70}/g) ?? []).map((l) => `${l}\n`).join('');
}

function setScalar(map: TMap, key: string, value: unknown, w: Writer, pointer: string): void {
  map.entries.set(key, fromPlain(value, w, pointer));
}

function child(map: TMap, key: string, w: Writer, pointer: string): TMap {
  const found = map.entries.get(key);
  if (found?.t === 'map') return found;
  const made = emptyMap(w, pointer);
  map.entries.set(key, made);
  return made;
}

/** The generated object of `rule` as a tracked tree, or kustomize's error. */
function generate(rule: GeneratorRule, w: Writer, read: ReadBytes): TMap | string {
  if (!rule.name) return `a ${rule.kind === 'Secret' ? 'secret' : 'configmap'} must have a name`;
  const pairs = loadPairs(rule, read);
  if (typeof pairs === 'string') return pairs;
  const root = emptyMap(w, rule.pointer);
  setScalar(root, 'apiVersion', 'v1', w, rule.pointer);
  setScalar(root, 'kind', rule.kind, w, rule.pointer);
  const meta = child(root, 'metadata', w, rule.pointer);
  setScalar(meta, 'name', rule.name, w, `${rule.pointer}/name`);
  if (rule.namespace) setScalar(meta, 'namespace', rule.namespace, w, `${rule.pointer}/namespace`);
  if (rule.kind === 'Secret') {
    setScalar(root, 'type', rule.type ?? 'Opaque', w, rule.type ? `${rule.pointer}/type` : rule.pointer);
    const data = child(root, 'data', w, rule.pointer);
    for (const p of [...pairs].sort((a, b) => (a.key < b.key ? -1 : 1)))
      setScalar(data, p.key, base64Lines(p.value), w, p.pointer);
  } else {
    for (const p of [...pairs].sort((a, b) => (a.key < b.key ? -1 : 1))) {
      const text = utf8Text(p.value);
      const field = text === undefined ? 'binaryData' : 'data';
      setScalar(child(root, field, w, rule.pointer), p.key, text ?? base64Lines(p.value), w, p.pointer);
    }
  }
  for (const [field, list] of [
    ['labels', rule.labels],
    ['annotations', rule.annotations],
  ] as const) {
    for (const m of [...list].sort((a, b) => (a.key < b.key ? -1 : 1)))
      setScalar(child(meta, field, w, rule.pointer), m.key, m.value, w, m.pointer);
  }
  if (rule.immutable) setScalar(root, 'immutable', true, w, rule.pointer);
  return root;
}

/** Entries of `from` then `over` (later wins), sorted by key as kustomize's SetDataMap writes them; undefined when empty. */
function mergedMap(
  from: TMap | undefined,
  over: TMap | undefined,
  w: Writer,
  pointer: string,
  sort: boolean,
): TMap | undefined {
  const entries = new Map([...(from?.t === 'map' ? from.entries : []), ...(over?.t === 'map' ? over.entries : [])]);
  if (entries.size === 0) return undefined;
  // A data map is rewritten as strings (GetDataMap/SetDataMap), sorted by key.
  const asString = (n: TNode): TNode =>
    n.t === 'scalar' && (typeof n.value === 'number' || typeof n.value === 'boolean')
      ? { ...n, value: String(n.value) }
      : n;
  const ordered = sort
    ? new Map([...entries].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, asString(v)]))
    : entries;
  return { ...(over ?? from ?? emptyMap(w, pointer)), entries: ordered };
}

function setOrDelete(map: TMap, key: string, value: TMap | undefined | ReturnType<typeof mapGet>): void {
  if (value) map.entries.set(key, value);
  else map.entries.delete(key);
}

/** CopyMergeMetaDataFieldsFrom: labels and annotations merged (the new ones win), name and namespace kept. */
function copyMeta(res: Res, old: Res, w: Writer): void {
  const meta = child(res.node, 'metadata', w, '');
  const oldMeta = mapGet(old.node, 'metadata');
  for (const field of ['labels', 'annotations']) {
    const merged = mergedMap(
      mapGet(oldMeta, field) as TMap | undefined,
      mapGet(meta, field) as TMap | undefined,
      w,
      '',
      false,
    );
    setOrDelete(meta, field, merged);
  }
  setOrDelete(meta, 'name', mapGet(oldMeta, 'name'));
  setOrDelete(meta, 'namespace', mapGet(oldMeta, 'namespace'));
}

/** appendReplaceOrMerge: adds `res` to `resources`, or merges it into / replaces the one object it names. */
function absorb(resources: Res[], res: Res, rule: GeneratorRule, w: Writer): string | undefined {
  const id = curId(res);
  const matches = resources.filter((r) => anyIds(r).some((x) => sameId(x, id)));
  if (matches.length > 1) return `found multiple objects that could accept merge of ${describeId(id)}`;
  const old = matches[0];
  if (!old) {
    if (rule.behavior === 'merge' || rule.behavior === 'replace')
      return `${describeId(id)} does not exist; cannot merge or replace`;
    resources.push(res);
    return undefined;
  }
  if (rule.behavior !== 'merge' && rule.behavior !== 'replace')
    return `${describeId(id)} exists; can not use behavior '${rule.behavior}', behavior must be merge or replace`;
  copyMeta(res, old, w);
  if (rule.behavior === 'merge') {
    for (const field of ['data', 'binaryData'])
      setOrDelete(
        res.node,
        field,
        mergedMap(
          mapGet(old.node, field) as TMap | undefined,
          mapGet(res.node, field) as TMap | undefined,
          w,
          rule.pointer,
          true,
        ),
      );
  }
  const merged: Res = {
    ...res,
    prevIds: [...old.prevIds],
    ...(old.affixes ? { affixes: old.affixes } : {}),
    hashSuffix: Boolean(res.hashSuffix && old.hashSuffix),
    ...(rule.behavior === 'merge' ? { origin: old.origin, patchedBy: old.patchedBy } : {}),
  };
  resources.splice(resources.indexOf(old), 1, merged);
  return undefined;
}

/** Runs the generators of `k` into `resources`; returns kustomize's error, if any. */
export function runGenerators(
  resources: Res[],
  k: Kustomization,
  writer: () => Writer,
  read: ReadBytes,
): string | undefined {
  for (const rule of k.generators) {
    const w = writer();
    const node = generate(rule, w, read);
    if (typeof node === 'string') return `${k.file}: ${rule.pointer.slice(1).replace('/', '[')}]: ${node}`;
    const res: Res = {
      node,
      origin: { file: k.file, doc: 0 },
      prevIds: [],
      patchedBy: [],
      hashSuffix: !rule.disableNameSuffixHash,
    };
    const err = absorb(resources, res, rule, w);
    if (err) return `${k.file}: ${rule.pointer.slice(1).replace('/', '[')}]: ${err}`;
  }
  return undefined;
}

/** kustomize's HashTransformer at the end of a root's build: `<name>-<hash>` for every generated object still asking for it. */
export function addHashes(resources: Res[]): void {
  for (const res of resources) {
    if (!res.hashSuffix) continue;
    const meta = mapGet(res.node, 'metadata');
    const name = mapGet(meta, 'name');
    if (meta?.t !== 'map' || name?.t !== 'scalar') continue;
    rememberId(res);
    // The name keeps the provenance of whoever wrote it: the hash is derived, not written by anyone.
    meta.entries.set('name', {
      ...name,
      value: `${String(name.value)}-${nameSuffixHash(toPlain(res.node) as Record<string, unknown>)}`,
    });
    res.hashSuffix = false;
  }
}
