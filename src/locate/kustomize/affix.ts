/**
 * `namePrefix` and `nameSuffix`: metadata.name of every resource but CustomResourceDefinitions,
 * APIServices and Namespaces (kustomize's prefixSuffixFieldSpecsToSkip). References to renamed resources
 * are fixed at the end of the build (name-references.ts).
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/nameprefix/
 */
import { identityOf, rememberId, type Res } from './resource.js';
import { fromPlain, mapGet, type Writer } from './tracked.js';
import type { Kustomization } from './types.js';

const SKIP = new Set(['CustomResourceDefinition', 'APIService', 'Namespace']);

export function applyAffixes(resources: Res[], k: Kustomization, w: Writer): void {
  const prefix = k.namePrefix ?? '';
  const suffix = k.nameSuffix ?? '';
  if (!prefix && !suffix) return;
  for (const res of resources) {
    const id = identityOf(res.node);
    const meta = mapGet(res.node, 'metadata');
    if (SKIP.has(id.kind) || meta?.t !== 'map') continue;
    rememberId(res);
    const affixes = res.affixes ?? { prefixes: [], suffixes: [] };
    res.affixes = {
      prefixes: prefix ? [...affixes.prefixes, prefix] : affixes.prefixes,
      suffixes: suffix ? [...affixes.suffixes, suffix] : affixes.suffixes,
    };
    meta.entries.set('name', fromPlain(`${prefix}${id.name}${suffix}`, w, prefix ? '/namePrefix' : '/nameSuffix'));
  }
}
