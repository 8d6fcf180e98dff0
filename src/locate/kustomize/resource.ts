/**
 * A resource during a render: its tracked tree, the document it came from, the identities it had before
 * a transformer renamed or moved it (patch targets may name any of them), and the patches applied to it.
 */
import { typeKeyOf } from './merge-keys.js';
import { mapGet, scalarString, type TMap } from './tracked.js';
import type { PatchRef, ResourceIdentity } from './types.js';

export interface ResId {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
}

export interface PatchUse {
  file: string;
  doc: number;
  kind: PatchRef['kind'];
  inline?: { pointer: string; doc: number };
}

export interface Res {
  node: TMap;
  origin: { file: string; doc: number };
  /** Identities before each rename or namespace change, oldest first (the original first). */
  prevIds: ResId[];
  patchedBy: PatchUse[];
  /** A generated object whose name still gets kustomize's content hash at the end of the build (generators.ts). */
  hashSuffix?: boolean;
  /** The name prefixes and suffixes transformers added, innermost first (kustomize's prefixes/suffixes build annotations). */
  affixes?: { prefixes: string[]; suffixes: string[] };
}

export function splitApiVersion(apiVersion: string | undefined): { group: string; version: string } {
  const v = apiVersion ?? '';
  const slash = v.indexOf('/');
  return slash < 0 ? { group: '', version: v } : { group: v.slice(0, slash), version: v.slice(slash + 1) };
}

export function identityOf(node: TMap): ResourceIdentity {
  const meta = mapGet(node, 'metadata');
  const apiVersion = scalarString(mapGet(node, 'apiVersion'));
  const namespace = scalarString(mapGet(meta, 'namespace'));
  return {
    ...(apiVersion !== undefined ? { apiVersion } : {}),
    kind: scalarString(mapGet(node, 'kind')) ?? '',
    name: scalarString(mapGet(meta, 'name')) ?? '',
    ...(namespace !== undefined ? { namespace } : {}),
  };
}

export function resIdOf(node: TMap): ResId {
  const id = identityOf(node);
  return { ...splitApiVersion(id.apiVersion), kind: id.kind, name: id.name, namespace: id.namespace ?? '' };
}

export function curId(res: Res): ResId {
  return resIdOf(res.node);
}

/** The current identity, then every earlier one. */
export function anyIds(res: Res): ResId[] {
  return [curId(res), ...res.prevIds];
}

export function orgId(res: Res): ResId {
  return res.prevIds[0] ?? curId(res);
}

/** kustomize's ResId.Equals: same group, version, kind and name; '' and 'default' namespaces are the same. */
export function sameId(a: ResId, b: ResId): boolean {
  const ns = (n: string): string => (n === '' ? 'default' : n);
  return (
    a.group === b.group &&
    a.version === b.version &&
    a.kind === b.kind &&
    a.name === b.name &&
    ns(a.namespace) === ns(b.namespace)
  );
}

export function describeId(id: ResId): string {
  const gv = id.group ? `${id.group}/${id.version}` : id.version;
  return `${gv ? `${gv}/` : ''}${id.kind}/${id.name}${id.namespace ? ` in namespace ${id.namespace}` : ''}`;
}

export function typeKey(res: Res): string {
  const id = identityOf(res.node);
  return typeKeyOf(id.apiVersion, id.kind);
}

/** Records the current identity before a transformer changes it. */
export function rememberId(res: Res): void {
  res.prevIds.push(curId(res));
}
