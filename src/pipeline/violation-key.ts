/** Identity of a violation within a run: remediation + resource (file, document, object) + container. */
import type { ContainerRef, Violation } from '../model.js';

export function sameContainer(a: ContainerRef | null, b: ContainerRef | null): boolean {
  return a === null || b === null ? a === b : a.type === b.type && a.name === b.name;
}

export function violationKey(
  v: Pick<Violation, 'remediation' | 'workload' | 'container'> & { kustomize?: Violation['kustomize'] },
): string {
  const c = v.container ? `${v.container.type}/${v.container.name}` : '-';
  // Fixes found on different roots' renderings of one base may need different ops: each stays its own.
  const roots = v.kustomize ? `k:${v.kustomize.roots.join(',')}` : '';
  return [
    v.remediation,
    v.workload.file,
    v.workload.doc,
    v.workload.pointer,
    v.workload.id.kind,
    v.workload.id.name,
    c,
    roots,
  ].join('|');
}
