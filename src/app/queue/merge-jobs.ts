/**
 * Folds a new job into one still waiting for the same repository, so a burst of deliveries (GitHub sends
 * one alert per rule and file, and redelivers after an outage) becomes one run per repository instead of
 * one per delivery: the same pull requests, far fewer requests, and a queue that grows with the number of
 * repositories rather than of deliveries. A findings job subsumes a re-check (it re-checks the open pull
 * requests too); scans are never merged.
 */
import type { Finding } from '../../model.js';
import { type RepoJob, repoKey } from './job-queue.js';

function uniqueFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The merged job, or undefined when the two cannot be one run. */
export function mergeJobs(waiting: RepoJob, incoming: RepoJob): RepoJob | undefined {
  if (waiting.kind === 'scan' || incoming.kind === 'scan') return undefined;
  if (repoKey(waiting) !== repoKey(incoming) || waiting.installationId !== incoming.installationId || waiting.baseBranch !== incoming.baseBranch) return undefined;
  return {
    ...waiting,
    kind: waiting.kind === 'findings' || incoming.kind === 'findings' ? 'findings' : 'recheck',
    findings: uniqueFindings([...waiting.findings, ...incoming.findings]),
    foldedDeliveryIds: [...(waiting.foldedDeliveryIds ?? []), incoming.deliveryId, ...(incoming.foldedDeliveryIds ?? [])],
  };
}
