/**
 * The dashboard's "fix first" list: one entry per remediation kubemend can apply, ranked by the findings it
 * clears times their severity, so a team that opens one pull request a day removes the most risk first.
 * Severity weights are the midpoints of CVSS v3.1's qualitative bands (low 0.1–3.9, medium 4.0–6.9, high
 * 7.0–8.9, critical 9.0–10.0; https://www.first.org/cvss/v3.1/specification-document#Qualitative-Severity-Rating-Scale),
 * `info` counting 0. Fixes already in an open pull request, and failures kubemend does not fix, are not here.
 */
import type { Severity } from '../../model.js';
import type { Finding, Posture } from '../compliance/posture.js';
import type { RemediationInfo } from '../remediation-info.js';

export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 9.5, high: 8, medium: 5.5, low: 2, info: 0 };

export interface Priority {
  remediation: string;
  title: string;
  severity: Severity;
  /** Fixable (workload × remediation) findings the fix clears. */
  findings: Finding[];
  /** findings × severity weight: the rank. */
  weight: number;
}

/** Fixable findings grouped by remediation, highest weight first (then more findings, then id). */
export function prioritise(posture: Posture, remediations: readonly RemediationInfo[]): Priority[] {
  const byId = new Map<string, Finding[]>();
  for (const f of posture.findings) {
    if (f.fix.state !== 'fixable') continue;
    const list = byId.get(f.remediation) ?? [];
    list.push(f);
    byId.set(f.remediation, list);
  }
  const info = new Map(remediations.map((r) => [r.id, r]));
  const out = [...byId].map(([id, findings]): Priority => {
    const severity = findings[0]?.severity ?? info.get(id)?.severity ?? 'medium';
    return {
      remediation: id,
      title: info.get(id)?.title ?? id,
      severity,
      findings,
      weight: findings.length * SEVERITY_WEIGHT[severity],
    };
  });
  return out.sort(
    (a, b) =>
      b.weight - a.weight || b.findings.length - a.findings.length || a.remediation.localeCompare(b.remediation),
  );
}
