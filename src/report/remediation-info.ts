/**
 * What the renderers need to know about a remediation. The catalog's remediation objects satisfy this
 * structurally, so reports depend on plain data rather than on the catalog loader.
 */
import type { ContainerRef, ResourceId, Severity } from '../model.js';

/** A compliance control a remediation satisfies (CIS, Pod Security Standards, NIST SP 800-53, ...). */
export interface ControlInfo {
  framework: string;
  id: string;
  title?: string;
  url?: string;
}

export interface RemediationInfo {
  id: string;
  title: string;
  severity?: Severity;
  /** Why the setting matters. */
  rationale?: string;
  /** What may break, and what to test before merging. */
  risk?: string;
  controls?: ControlInfo[];
}

/** Looks a remediation up by id; undefined for ids the catalog does not know. */
export type RemediationLookup = (id: string) => RemediationInfo | undefined;

/** Display names of the catalog's framework ids; unknown ids are shown as they are. */
const FRAMEWORK_NAMES: Record<string, string> = {
  'cis-kubernetes': 'CIS Kubernetes Benchmark',
  'pod-security-standards': 'Pod Security Standards',
  'nsa-cisa': 'NSA/CISA Kubernetes Hardening Guide',
  'nist-800-53': 'NIST SP 800-53 rev5',
  soc2: 'SOC 2',
  'nist-800-190': 'NIST SP 800-190',
};

export function frameworkName(framework: string): string {
  return FRAMEWORK_NAMES[framework] ?? framework;
}

/** `Kind/name`, the resource label used in every report and in the JSON contract. */
export function resourceLabel(id: ResourceId): string {
  return `${id.kind}/${id.name}`;
}

/** `containers/NAME`, `initContainers/NAME`, or null for pod-level changes (the JSON contract). */
export function containerLabel(container: ContainerRef | null): string | null {
  return container ? `${container.type}/${container.name}` : null;
}

/** A lookup over any list of remediation objects with an `id`. */
export function lookupFrom(remediations: Iterable<RemediationInfo>): RemediationLookup {
  const byId = new Map<string, RemediationInfo>();
  for (const r of remediations) byId.set(r.id, r);
  return (id) => byId.get(id);
}
