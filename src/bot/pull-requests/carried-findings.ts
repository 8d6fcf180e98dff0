/**
 * A findings-driven run knows only the findings of its event. The App's open pull requests carry earlier
 * fixes; their recorded targets become findings again so a re-run keeps them (and drops the ones fixed
 * by hand since, which the pipeline re-checks on the manifest as it is now).
 */
import type { Finding } from '../../model.js';
import type { FixTarget } from './meta.js';
import type { KnownPullRequest } from './plan-pull-request.js';

function toFinding(t: FixTarget, source: { tool: string; ruleId: string }): Finding {
  const finding: Finding = {
    ...source,
    remediation: t.remediation,
    message: `carried from an open kubemend pull request`,
    location: { path: t.path },
    resource: { kind: t.kind, name: t.name, ...(t.namespace !== undefined ? { namespace: t.namespace } : {}) },
  };
  if (t.container) finding.container = { type: t.container.type, name: t.container.name };
  return finding;
}

/** Findings for every target of the given pull requests, one per scanner rule that reported it. */
export function carriedFindings(open: KnownPullRequest[]): Finding[] {
  return open.flatMap(({ meta }) =>
    meta.targets.flatMap((t) =>
      (t.sources.length ? t.sources : [{ tool: 'kubemend', ruleId: t.remediation }]).map((src) => toFinding(t, src)),
    ),
  );
}
