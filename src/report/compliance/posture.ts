/**
 * The posture model: what an auditor asks for before a NIST SP 800-53 or SOC 2 review, and what the
 * dashboard shows. A *check* is one workload against one control; it passes when every remediation mapped
 * to the control passes on that workload. The posture score is the share of checks passing, exempted ones
 * left out of the count (they are listed with their reasons instead). Plain data, ready for any renderer.
 */
import type { ResourceId, Severity, SkipCode } from '../../model.js';

/** Where a failing check stands with kubemend. */
export type FixStatus =
  /** kubemend has a verified patch for it (`kubemend fix`, or the pull request a sweep would open). */
  | { state: 'fixable' }
  /** A kubemend pull request holding the fix is open. */
  | { state: 'pr-open'; pullRequest: number }
  /** kubemend does not fix it automatically, with the code and the reason (src/model.ts SkipCode). */
  | { state: 'not-fixed'; code: SkipCode; reason: string };

export type FixState = FixStatus['state'];

/** Passing, failing and exempted checks; `rate` is passed / (passed + failed), null when nothing counted. */
export interface Rate {
  passed: number;
  failed: number;
  exempted: number;
  rate: number | null;
}

/** One remediation failing on one workload: the unit a fix clears. */
export interface Finding {
  remediation: string;
  severity: Severity;
  file: string;
  /** 1-based line: of the value a guard keeps when known, else of the resource. */
  line?: number;
  resource: ResourceId;
  /** Failing containers (`containers/app`), empty for pod-level checks. */
  containers: string[];
  fix: FixStatus;
}

/** One remediation exempted on one workload, with the exemption's own words. */
export interface Exemption {
  remediation: string;
  file: string;
  line?: number;
  resource: ResourceId;
  reason: string;
}

/** One workload against one control. */
export interface ResourceCheck {
  file: string;
  line?: number;
  resource: ResourceId;
  status: 'pass' | 'fail' | 'exempted';
  /** What fails, one entry per failing remediation mapped to the control (empty unless `fail`). */
  failures: Finding[];
  /** Exemptions of remediations mapped to the control (may accompany a failure of another one). */
  exemptions: Exemption[];
}

export interface ControlPosture {
  framework: string;
  id: string;
  title: string;
  url?: string;
  /** The remediations whose checks make up the control, in catalog order. */
  remediations: string[];
  rate: Rate;
  /** Every workload checked, failing first, then by file and line. */
  resources: ResourceCheck[];
}

export interface FrameworkPosture {
  /** The catalog's framework id (`nist-800-53`). */
  framework: string;
  /** Its display name (`NIST SP 800-53 rev5`). */
  name: string;
  rate: Rate;
  controls: ControlPosture[];
}

/** A file that was not evaluated (cannot be parsed, a Helm template, unreadable), or a stage's error. */
export interface PostureError {
  file?: string;
  message: string;
}

export interface Posture {
  /** Every (workload × control) check of every framework. */
  score: Rate;
  /** Workloads evaluated (pod templates of whole manifests; Kustomize patches are not workloads). */
  workloads: number;
  frameworks: FrameworkPosture[];
  /** Every failing (workload × remediation), most severe first. */
  findings: Finding[];
  exemptions: Exemption[];
  errors: PostureError[];
}

/** A rate from counts. */
export function rateOf(passed: number, failed: number, exempted: number): Rate {
  return { passed, failed, exempted, rate: passed + failed === 0 ? null : passed / (passed + failed) };
}

/** A rate as a percentage with one decimal (`87.5%`), or `n/a` when nothing was counted. */
export function percent(rate: Rate): string {
  return rate.rate === null ? 'n/a' : `${(Math.floor(rate.rate * 1000) / 10).toFixed(1)}%`;
}
