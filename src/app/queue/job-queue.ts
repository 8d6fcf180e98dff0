/**
 * The queue every webhook handler hands its work to, so no repository work happens inside the webhook
 * request. Jobs are plain data (serialisable) so a distributed implementation can sit behind the same
 * interface.
 */
import type { Finding } from '../../model.js';

/**
 * Work for one repository: apply findings, scan the repository's manifests, or re-check the App's open
 * pull requests after the default branch changed.
 */
export interface RepoJob {
  kind: 'findings' | 'scan' | 'recheck';
  installationId: number;
  owner: string;
  repo: string;
  /** The default branch at the time of the event; pull requests target it. */
  baseBranch: string;
  /** For `findings` jobs: the normalised findings. */
  findings: Finding[];
  /** The delivery id of the event that caused the job, for logs. */
  deliveryId: string;
  /** Deliveries folded into this job while it waited (merge-jobs.ts): they succeed or fail with it. */
  foldedDeliveryIds?: string[];
}

/** Every delivery a job answers for. */
export function deliveriesOf(job: RepoJob): string[] {
  return [job.deliveryId, ...(job.foldedDeliveryIds ?? [])];
}

export interface JobQueue {
  /** Accepts a job; resolves once it is queued (not when it has run). */
  enqueue(job: RepoJob): Promise<void>;
  /** Resolves when every accepted job has finished. */
  onIdle(): Promise<void>;
}

/** The key jobs are serialised on: one job at a time per repository. */
export function repoKey(job: Pick<RepoJob, 'owner' | 'repo'>): string {
  return `${job.owner}/${job.repo}`.toLowerCase();
}
