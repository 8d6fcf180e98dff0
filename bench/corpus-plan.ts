/**
 * A stand-in for the remediation catalog's planner, for the benchmark and the corpus test: per container,
 * one securityContext change and one resources change, shaped as the catalog will plan them (one `add` of a
 * whole object where intermediates are missing, otherwise field by field).
 */
import { findWorkloads, isObject } from '../src/locate/workloads.js';
import type { Operation } from '../src/model.js';
import type { Change } from '../src/patch/index.js';

type Obj = Record<string, unknown>;

const HARDENED = { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
const LIMITS = { cpu: '500m', memory: '256Mi' };

function securityOps(base: string, c: Obj): Operation[] {
  const sc = c.securityContext;
  if (!isObject(sc)) return [{ op: 'add', path: `${base}/securityContext`, value: HARDENED }];
  const ops: Operation[] = [];
  if (sc.runAsNonRoot === undefined) ops.push({ op: 'add', path: `${base}/securityContext/runAsNonRoot`, value: true });
  if (sc.allowPrivilegeEscalation !== false)
    ops.push({ op: 'add', path: `${base}/securityContext/allowPrivilegeEscalation`, value: false });
  if (sc.privileged === true) ops.push({ op: 'replace', path: `${base}/securityContext/privileged`, value: false });
  const caps = sc.capabilities;
  if (!isObject(caps)) ops.push({ op: 'add', path: `${base}/securityContext/capabilities`, value: { drop: ['ALL'] } });
  else if (!Array.isArray(caps.drop))
    ops.push({ op: 'add', path: `${base}/securityContext/capabilities/drop`, value: ['ALL'] });
  else if (!caps.drop.includes('ALL'))
    ops.push({ op: 'add', path: `${base}/securityContext/capabilities/drop/-`, value: 'ALL' });
  return ops;
}

function resourceOps(base: string, c: Obj): Operation[] {
  const res = c.resources;
  if (!isObject(res)) return [{ op: 'add', path: `${base}/resources`, value: { limits: LIMITS } }];
  const limits = res.limits;
  if (!isObject(limits)) return [{ op: 'add', path: `${base}/resources/limits`, value: LIMITS }];
  return (['cpu', 'memory'] as const)
    .filter((k) => limits[k] === undefined)
    .map((k) => ({ op: 'add', path: `${base}/resources/limits/${k}`, value: LIMITS[k] }));
}

/** The hardening changes for every container of every workload in one document's value. */
export function planHardening(value: unknown, file: string, doc: number): Change[] {
  const changes: Change[] = [];
  for (const w of findWorkloads(value, file, doc)) {
    if (w.podSpec.hostNetwork === true)
      changes.push({
        id: `${doc}${w.podSpecPointer}/hostNetwork`,
        doc,
        ops: [{ op: 'remove', path: `${w.podSpecPointer}/hostNetwork` }],
      });
    for (const type of ['initContainers', 'containers'] as const) {
      const list = w.podSpec[type];
      if (!Array.isArray(list)) continue;
      list.forEach((c, i) => {
        if (!isObject(c)) return;
        const base = `${w.podSpecPointer}/${type}/${i}`;
        const sec = securityOps(base, c);
        const res = resourceOps(base, c);
        if (sec.length > 0) changes.push({ id: `${doc}${base}#security`, doc, ops: sec });
        if (res.length > 0) changes.push({ id: `${doc}${base}#resources`, doc, ops: res });
      });
    }
  }
  return changes;
}
