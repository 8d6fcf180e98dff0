/**
 * Node agents: a workload that mounts hostPath and uses a host namespace or a privileged container (CNI
 * agents, node-exporter, device plugins, sysctl setters, log collectors). Its host access is its job:
 * removing it, or forcing a non-root user or a read-only root, breaks it on every node.
 */
import { isObject } from '../../locate/workloads.js';
import type { Workload } from '../../model.js';
import { yaml11Boolean } from '../predicates.js';

function hostPaths(podSpec: Record<string, unknown>): string[] {
  const volumes = Array.isArray(podSpec.volumes) ? podSpec.volumes : [];
  return volumes.flatMap((v) =>
    isObject(v) && isObject(v.hostPath) ? [String(v.hostPath.path ?? v.name ?? '?')] : [],
  );
}

function privilegedContainers(podSpec: Record<string, unknown>): string[] {
  return ['initContainers', 'containers'].flatMap((type) => {
    const list = Array.isArray(podSpec[type]) ? (podSpec[type] as unknown[]) : [];
    return list.flatMap((c) =>
      isObject(c) && isObject(c.securityContext) && yaml11Boolean(c.securityContext.privileged) === true
        ? [String(c.name ?? '?')]
        : [],
    );
  });
}

/** The evidence that the workload is a node agent ("mounts hostPath / and uses hostNetwork"), or undefined. */
export function nodeAgentEvidence(w: Workload): string | undefined {
  const paths = hostPaths(w.podSpec);
  if (!paths.length) return undefined;
  const host = ['hostNetwork', 'hostPID', 'hostIPC'].filter((k) => yaml11Boolean(w.podSpec[k]) === true);
  const privileged = privilegedContainers(w.podSpec);
  if (!host.length && !privileged.length) return undefined;
  const uses = [...host, ...(privileged.length ? [`privileged container(s) ${privileged.join(', ')}`] : [])];
  return `a node agent: it mounts hostPath ${paths.join(', ')} and uses ${uses.join(', ')}`;
}
