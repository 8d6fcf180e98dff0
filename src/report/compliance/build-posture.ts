/**
 * Builds the posture model (posture.ts) from the workloads a run looked at and what the run reported on
 * them. Each workload is checked against each control of the remediations that ran: a failure of any
 * remediation mapped to the control fails the check; otherwise an exemption exempts it; otherwise it passes.
 * Failures on resources that are not among the workloads given (a Kustomize overlay kubemend writes) are
 * added as resources of their own, so nothing the run found is left out.
 */
import type { ResourceId, RunResult, Severity, Workload } from '../../model.js';
import { type RemediationInfo, frameworkName } from '../remediation-info.js';
import {
  type ControlPosture,
  type Exemption,
  type Finding,
  type FrameworkPosture,
  type Posture,
  type PostureError,
  type ResourceCheck,
  rateOf,
} from './posture.js';
import { type Outcomes, remediationOutcomes, workloadKey } from './remediation-outcomes.js';

/** The order frameworks are shown in; others follow in the order the catalog names them. */
export const FRAMEWORK_ORDER = [
  'cis-kubernetes',
  'pod-security-standards',
  'nsa-cisa',
  'nist-800-53',
  'soc2',
  'nist-800-190',
];

const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export interface PostureInput {
  /** The workloads of the files read (the repo index's); Kustomize patches (`partial`) are not counted. */
  workloads: readonly Workload[];
  result: RunResult;
  /** The remediations that ran, in catalog order, with their (effective) severity and controls. */
  remediations: readonly RemediationInfo[];
  /** Fingerprints of fixes held by open kubemend pull requests → pull request number. Default: none. */
  openFixes?: ReadonlyMap<string, number>;
  /** Files that were not evaluated (Helm templates, unreadable), besides the run's own file errors. Default: []. */
  notEvaluated?: readonly PostureError[];
}

interface Unit {
  key: string;
  file: string;
  line?: number;
  resource: ResourceId;
}

/** The posture of one snapshot. */
export function buildPosture(input: PostureInput): Posture {
  const severities = new Map(input.remediations.map((r) => [r.id, r.severity ?? 'medium']));
  const outcomes = remediationOutcomes(input.result, {
    severityOf: (id) => severities.get(id) ?? 'medium',
    ...(input.openFixes ? { openFixes: input.openFixes } : {}),
  });
  const units = unitsOf(input.workloads, outcomes);
  placeLines(units, outcomes);
  const controls = controlsOf(input.remediations).map((c) => controlPosture(c, units, outcomes));
  const frameworks = frameworksOf(controls);
  const all = frameworks.map((f) => f.rate);
  const sum = (k: 'passed' | 'failed' | 'exempted') => all.reduce((n, r) => n + r[k], 0);
  const ran = new Set(input.remediations.map((r) => r.id));
  // Only what the checks count: a Kustomize patch's own failures are its base's to fix, not findings.
  const counted = new Set(units.map((u) => u.key));
  const isCounted = (x: { file: string; resource: ResourceId }) => counted.has(workloadKey(x.file, x.resource));
  const findings = [...outcomes.failing.values()]
    .flatMap((m) => [...m.values()])
    .filter((f) => ran.has(f.remediation) && isCounted(f));
  findings.sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      byPlace(a, b) ||
      a.remediation.localeCompare(b.remediation),
  );
  const exemptions = [...outcomes.exempted.values()]
    .flatMap((m) => [...m.values()])
    .filter(isCounted)
    .sort(byPlace);
  const fileErrors = input.result.files.flatMap((f) => (f.error ? [{ file: f.path, message: f.error.message }] : []));
  return {
    score: rateOf(sum('passed'), sum('failed'), sum('exempted')),
    workloads: units.length,
    frameworks,
    findings,
    exemptions,
    errors: [...fileErrors, ...(input.notEvaluated ?? [])],
  };
}

/** Whole workloads, once each, plus resources the run reported on that are not among them. */
function unitsOf(workloads: readonly Workload[], outcomes: Outcomes): Unit[] {
  const units = new Map<string, Unit>();
  const partial = new Set<string>();
  for (const w of workloads) {
    const key = workloadKey(w.file, w.id);
    if (w.partial) partial.add(key);
    else if (!units.has(key))
      units.set(key, { key, file: w.file, ...(w.lines ? { line: w.lines.start } : {}), resource: w.id });
  }
  for (const [key, byRem] of [...outcomes.failing, ...outcomes.exempted]) {
    const first = [...byRem.values()][0];
    if (!first || units.has(key) || partial.has(key)) continue;
    units.set(key, { key, file: first.file, resource: first.resource });
  }
  return [...units.values()];
}

/** Findings and exemptions without a line of their own get their resource's line. */
function placeLines(units: Unit[], outcomes: Outcomes): void {
  for (const u of units) {
    if (u.line === undefined) continue;
    for (const item of [
      ...(outcomes.failing.get(u.key)?.values() ?? []),
      ...(outcomes.exempted.get(u.key)?.values() ?? []),
    ])
      item.line ??= u.line;
  }
}

interface ControlDef {
  framework: string;
  id: string;
  title: string;
  url?: string;
  remediations: string[];
}

/** Each control once, with every remediation mapped to it. */
function controlsOf(remediations: readonly RemediationInfo[]): ControlDef[] {
  const byKey = new Map<string, ControlDef>();
  for (const r of remediations) {
    for (const c of r.controls ?? []) {
      const key = `${c.framework}\u0000${c.id}`;
      const def = byKey.get(key) ?? {
        framework: c.framework,
        id: c.id,
        title: c.title ?? c.id,
        ...(c.url ? { url: c.url } : {}),
        remediations: [],
      };
      if (!def.remediations.includes(r.id)) def.remediations.push(r.id);
      byKey.set(key, def);
    }
  }
  return [...byKey.values()];
}

function controlPosture(def: ControlDef, units: Unit[], outcomes: Outcomes): ControlPosture {
  const resources = units.map((u): ResourceCheck => {
    const failing = outcomes.failing.get(u.key);
    const exempted = outcomes.exempted.get(u.key);
    const failures = def.remediations.flatMap((r) => failing?.get(r) ?? []);
    const exemptions: Exemption[] = def.remediations.flatMap((r) => exempted?.get(r) ?? []);
    const status = failures.length ? 'fail' : exemptions.length ? 'exempted' : 'pass';
    return {
      file: u.file,
      ...(u.line !== undefined ? { line: u.line } : {}),
      resource: u.resource,
      status,
      failures,
      exemptions,
    };
  });
  resources.sort((a, b) => Number(b.status === 'fail') - Number(a.status === 'fail') || byPlace(a, b));
  const count = (s: ResourceCheck['status']) => resources.filter((r) => r.status === s).length;
  return { ...def, rate: rateOf(count('pass'), count('fail'), count('exempted')), resources };
}

function frameworksOf(controls: ControlPosture[]): FrameworkPosture[] {
  const ids = [...new Set(controls.map((c) => c.framework))];
  ids.sort((a, b) => rank(a) - rank(b));
  return ids.map((framework) => {
    const own = controls
      .filter((c) => c.framework === framework)
      .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
    const sum = (k: 'passed' | 'failed' | 'exempted') => own.reduce((n, c) => n + c.rate[k], 0);
    return {
      framework,
      name: frameworkName(framework),
      rate: rateOf(sum('passed'), sum('failed'), sum('exempted')),
      controls: own,
    };
  });
}

function rank(framework: string): number {
  const i = FRAMEWORK_ORDER.indexOf(framework);
  return i < 0 ? FRAMEWORK_ORDER.length : i;
}

function byPlace(
  a: { file: string; line?: number; resource: ResourceId },
  b: { file: string; line?: number; resource: ResourceId },
): number {
  return (
    a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.resource.name.localeCompare(b.resource.name)
  );
}
