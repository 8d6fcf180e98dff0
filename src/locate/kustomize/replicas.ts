/**
 * `replicas`: sets spec.replicas of the Deployments, ReplicationControllers, ReplicaSets and StatefulSets
 * with that name (current or earlier); kustomize fails when no resource matches.
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/replicas/
 */
import { anyIds, type Res } from './resource.js';
import { emptyMap, fromPlain, type Writer } from './tracked.js';
import type { Kustomization } from './types.js';

const KINDS = new Set(['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet']);

/** Applies every replicas rule; returns an error message when one matches nothing. */
export function applyReplicas(resources: Res[], k: Kustomization, w: Writer): string | undefined {
  for (const rule of k.replicas) {
    const matched = resources.filter((r) => anyIds(r).some((id) => id.name === rule.name && KINDS.has(id.kind)));
    if (matched.length === 0)
      return `replicas: no Deployment, ReplicationController, ReplicaSet or StatefulSet named ${rule.name}`;
    for (const res of matched) {
      let spec = res.node.entries.get('spec');
      if (spec?.t !== 'map') {
        spec = emptyMap(w, rule.pointer);
        res.node.entries.set('spec', spec);
      }
      spec.entries.set('replicas', fromPlain(rule.count, w, `${rule.pointer}/count`));
    }
  }
  return undefined;
}
