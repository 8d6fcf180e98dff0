/**
 * What a pipeline run says about each (workload × remediation): failing with a fix status, exempted, or
 * nothing (passing). The run reports only failures; passing is the absence of one, which is why the posture
 * also needs the list of workloads (build-posture.ts). Skips that mean "not failing" (`already-compliant`,
 * `disabled`) are not failures.
 */
import type { AppliedFix, ResourceId, RunResult, Severity, SkippedFix } from '../../model.js';
import { fingerprintFix } from '../fingerprint.js';
import { containerLabel } from '../remediation-info.js';
import type { Exemption, Finding, FixStatus } from './posture.js';

/** The resource's identity within the run: file, kind, namespace, name (documents are not always known). */
export function workloadKey(file: string, id: ResourceId): string {
  return JSON.stringify([file, id.kind, id.namespace ?? null, id.name]);
}

export interface Outcomes {
  /** Failing (workload × remediation) by workloadKey, then remediation id. */
  failing: Map<string, Map<string, Finding>>;
  exempted: Map<string, Map<string, Exemption>>;
}

export interface OutcomeOptions {
  /** Severity of a remediation (the repo's override applied). */
  severityOf: (remediation: string) => Severity;
  /** Fingerprints of fixes held by open kubemend pull requests → the pull request's number. Default: none. */
  openFixes?: ReadonlyMap<string, number>;
}

/** Groups a run's fixes and skips by workload and remediation. */
export function remediationOutcomes(result: RunResult, opts: OutcomeOptions): Outcomes {
  const out: Outcomes = { failing: new Map(), exempted: new Map() };
  for (const file of result.files) {
    for (const fix of file.fixes) addFailure(out, file.path, fix, fixStatusOf(fix, file.path, opts.openFixes), opts);
    for (const skip of file.skipped) {
      if (skip.code === 'already-compliant' || skip.code === 'disabled') continue;
      if (skip.code === 'exempted') addExemption(out, file.path, skip);
      else addFailure(out, file.path, skip, { state: 'not-fixed', code: skip.code, reason: skip.reason }, opts);
    }
  }
  return out;
}

function fixStatusOf(fix: AppliedFix, file: string, openFixes: ReadonlyMap<string, number> | undefined): FixStatus {
  const pr = openFixes?.get(fingerprintFix(fix, file));
  return pr === undefined ? { state: 'fixable' } : { state: 'pr-open', pullRequest: pr };
}

/** Which status wins when containers of one workload differ: the one that leaves the check failing longest. */
const RANK: Record<FixStatus['state'], number> = { 'not-fixed': 2, fixable: 1, 'pr-open': 0 };

function addFailure(
  out: Outcomes,
  file: string,
  item: AppliedFix | SkippedFix,
  fix: FixStatus,
  opts: OutcomeOptions,
): void {
  const byRem = mapOf(out.failing, workloadKey(file, item.resource));
  const container = containerLabel(item.container);
  const line = 'line' in item ? item.line : undefined;
  const prior = byRem.get(item.remediation);
  if (!prior) {
    byRem.set(item.remediation, {
      remediation: item.remediation,
      severity: opts.severityOf(item.remediation),
      file,
      ...(line !== undefined ? { line } : {}),
      resource: item.resource,
      containers: container ? [container] : [],
      fix,
    });
    return;
  }
  if (container && !prior.containers.includes(container)) prior.containers.push(container);
  if (RANK[fix.state] > RANK[prior.fix.state]) prior.fix = fix;
  if (prior.line === undefined && line !== undefined) prior.line = line;
}

function addExemption(out: Outcomes, file: string, skip: SkippedFix): void {
  const byRem = mapOf(out.exempted, workloadKey(file, skip.resource));
  if (!byRem.has(skip.remediation))
    byRem.set(skip.remediation, { remediation: skip.remediation, file, resource: skip.resource, reason: skip.reason });
}

function mapOf<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) outer.set(key, (inner = new Map()));
  return inner;
}
