/**
 * Folds a new job into one still waiting for the same repository, so a burst of deliveries (GitHub sends
 * one alert per rule and file, and redelivers after an outage) becomes one run per repository instead of
 * one per delivery: the same pull requests, far fewer requests, and a queue that grows with the number of
 * repositories rather than of deliveries. A findings job subsumes a re-check (it re-checks the open pull
 * requests too); scans are never merged.
 */
import type { Finding } from '../../model.js';
import { type FindingsJob, type Job, type RecheckJob, repoKey } from '../jobs.js';

function uniqueFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type Mergeable = FindingsJob | RecheckJob;

function isMergeable(job: Job): job is Mergeable {
  return job.kind === 'findings' || job.kind === 'recheck';
}

const findingsOf = (job: Mergeable): Finding[] => (job.kind === 'findings' ? job.findings : []);

/** The merged job, or undefined when the two cannot be one run (only findings and re-check jobs fold). */
export function mergeJobs(waiting: Job, incoming: Job): Job | undefined {
  if (!isMergeable(waiting) || !isMergeable(incoming)) return undefined;
  if (
    repoKey(waiting) !== repoKey(incoming) ||
    waiting.installationId !== incoming.installationId ||
    waiting.baseBranch !== incoming.baseBranch
  )
    return undefined;
  const foldedDeliveryIds = [
    ...(waiting.foldedDeliveryIds ?? []),
    incoming.deliveryId,
    ...(incoming.foldedDeliveryIds ?? []),
  ];
  if (waiting.kind === 'recheck' && incoming.kind === 'recheck') return { ...waiting, foldedDeliveryIds };
  const { kind: _kind, ...base } = waiting;
  return {
    ...base,
    kind: 'findings',
    findings: uniqueFindings([...findingsOf(waiting), ...findingsOf(incoming)]),
    foldedDeliveryIds,
  };
}
