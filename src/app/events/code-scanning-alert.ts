/**
 * `code_scanning_alert`: an alert created, reopened or newly seen on the default branch, from a rule that
 * maps to a remediation, becomes a findings job for the alert's file. Alerts on other branches are the
 * pull requests' business, not the base's.
 */
import type { Context } from 'probot';
import type { Finding } from '../../model.js';
import type { Engine } from '../../bot/engine.js';

type Payload = Context<'code_scanning_alert'>['payload'];

export const ALERT_ACTIONS = ['created', 'reopened', 'appeared_in_branch'] as const;

export type AlertDecision =
  { ok: true; findings: Finding[] } | { ok: false; reason: 'not-default-branch' | 'no-remediation' | 'unreadable' };

export function findingsFromAlert(payload: Payload, engine: Engine): AlertDecision {
  const defaultRef = `refs/heads/${payload.repository.default_branch}`;
  if (payload.ref !== defaultRef) return { ok: false, reason: 'not-default-branch' };
  let findings: Finding[];
  try {
    findings = engine.parseFindings(payload);
  } catch {
    // The payload is GitHub's own; a shape the parser rejects is a rule kubemend cannot use.
    return { ok: false, reason: 'unreadable' };
  }
  const fixable = findings.filter((f) => f.remediation !== undefined);
  return fixable.length ? { ok: true, findings: fixable } : { ok: false, reason: 'no-remediation' };
}
