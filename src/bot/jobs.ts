/**
 * Work for one repository, as plain serialisable data (JSON in, JSON out): any queue can carry it, in this
 * process or through Redis. A discriminated union on `kind`; each kind carries its own payload.
 */
import type { Finding } from '../model.js';

interface JobBase {
  installationId: number;
  owner: string;
  repo: string;
  /** The default branch at the time of the event; absent when the event did not say (the job looks it up). */
  baseBranch?: string;
  /** The delivery id of the event that caused the job (or a generated id for sweeps), for logs and dedupe. */
  deliveryId: string;
  /** Deliveries folded into this job while it waited (merge-jobs.ts): they succeed or fail with it. */
  foldedDeliveryIds?: string[];
}

/** Apply scanner findings (alerts, dispatches, uploads). Also re-checks the open pull requests. */
export interface FindingsJob extends JobBase {
  kind: 'findings';
  findings: Finding[];
}

/** kubemend's own detection over the repository (installation, `scanOnInstall`). */
export interface ScanJob extends JobBase {
  kind: 'scan';
}

/** Re-check kubemend's open pull requests after the default branch changed. */
export interface RecheckJob extends JobBase {
  kind: 'recheck';
}

/** A drift sweep of the repository: own detection, pull requests converged, dashboard written. */
export interface SweepJob extends JobBase {
  kind: 'sweep';
  /** What asked for it (`action`: the GitHub Action's pull-request mode without findings). */
  trigger: 'schedule' | 'cli' | 'dispatch' | 'dashboard' | 'command' | 'action';
  /** Report what would change without writing. Default: false. */
  dryRun?: boolean;
  /**
   * Remediation ids a person with write access asked a pull request for (the dashboard's "open a PR for
   * this"): the sweep proposes their fixes first, and neither `prLimit` nor an earlier closed pull request
   * holds them back (sync-repository.ts). Default: none.
   */
  requested?: string[];
  /** Dashboard action ids this job answers (`sweep`, `pr:<id>`): their boxes are unticked when it writes the dashboard. Default: none. */
  dashboardActions?: string[];
}

/** A slash-command from a comment (or a check run's requested action), already parsed. */
export interface CommandJob extends JobBase {
  kind: 'command';
  command: { name: string; args: string[]; line: string };
  /** Issue or pull request number the comment is on. */
  issueNumber: number;
  isPullRequest: boolean;
  commentId?: number;
  /** The commenter's login: permissions are read for it when the job runs. */
  actor: string;
  /** The pull request's head SHA when the command arrived: pushes are refused if the branch moved. */
  headSha?: string;
}

/** Review a person's pull request: one check run with annotations and suggestions on its head. */
export interface PrCheckJob extends JobBase {
  kind: 'pr-check';
  pullNumber: number;
  headSha: string;
  headRef: string;
  /** The head lives in a fork: never pushed to. */
  fromFork: boolean;
}

export type Job = FindingsJob | ScanJob | RecheckJob | SweepJob | CommandJob | PrCheckJob;
export type JobKind = Job['kind'];

/** Every delivery a job answers for. */
export function deliveriesOf(job: Job): string[] {
  return [job.deliveryId, ...(job.foldedDeliveryIds ?? [])];
}

/** The key jobs are serialised on: one job at a time per repository. */
export function repoKey(job: Pick<Job, 'owner' | 'repo'>): string {
  return `${job.owner}/${job.repo}`.toLowerCase();
}
