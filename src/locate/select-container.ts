/**
 * Finds the container a finding is about in the manifest as it is *now*. A name is authoritative. An index
 * alone is trusted only when it cannot be stale: Kubescape's known defect is patching the wrong container
 * from an old report's index, so an index is accepted only when that container list has exactly one entry.
 */
import type { ContainerRef, ContainerType, Finding, UnmappedCode, Workload } from '../model.js';
import { isObject } from './workloads.js';

const TYPES: ContainerType[] = ['containers', 'initContainers', 'ephemeralContainers'];

export type ContainerCode = Extract<UnmappedCode, `container-${string}`>;
export type ContainerChoice =
  { ok: true; container: ContainerRef | null } | { ok: false; code: ContainerCode; reason: string };

function namesOf(workload: Workload, type: ContainerType): string[] {
  const list = workload.podSpec[type];
  return Array.isArray(list) ? list.map((c) => (isObject(c) && typeof c.name === 'string' ? c.name : '')) : [];
}

function describe(workload: Workload): string {
  return `${workload.id.kind}/${workload.id.name} in ${workload.file}`;
}

export function selectContainer(workload: Workload, finding: Finding): ContainerChoice {
  const want = finding.container;
  if (!want || (want.name === undefined && want.index === undefined)) return { ok: true, container: null };
  const types = want.type ? [want.type] : TYPES;
  if (want.name !== undefined) {
    for (const type of types) {
      const index = namesOf(workload, type).indexOf(want.name);
      if (index >= 0) return { ok: true, container: { type, name: want.name, index } };
    }
    return {
      ok: false,
      code: 'container-not-found',
      reason: `no container named ${JSON.stringify(want.name)} in ${describe(workload)} now`,
    };
  }
  const type = want.type ?? 'containers';
  const names = namesOf(workload, type);
  const index = want.index ?? 0;
  if (index >= names.length) {
    return {
      ok: false,
      code: 'container-index-stale',
      reason: `report names ${type}[${index}] but ${describe(workload)} has ${names.length} now; the report is stale`,
    };
  }
  if (names.length > 1) {
    return {
      ok: false,
      code: 'container-unverified',
      reason: `report gives only ${type}[${index}], no name; ${describe(workload)} has ${names.length} ${type}, so the index cannot be verified against the manifest`,
    };
  }
  return { ok: true, container: { type, name: names[index] ?? '', index } };
}
