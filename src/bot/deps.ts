/**
 * What `runJob` is given (run-job.ts), as types only: the dependencies every front supplies and the
 * handlers by job kind. Its own file so handler modules (commands, review, sweep) can be typed against it
 * without importing the dispatcher that registers them.
 */
import type { Logger } from 'pino';
import type { GitHub } from '../github/index.js';
import type { Engine } from './engine.js';
import type { Job } from './jobs.js';
import type { Pacer, RepoLock } from './ports.js';
import type { JobOutcome } from './sync-repository.js';
import type { SweepState } from './sweep/sweep-state.js';

/** A GitHub client for the job: an installation's (the App, workers, sweeps) or a token's (the Action). */
export type GitHubFactory = (job: Pick<Job, 'installationId' | 'owner' | 'repo'>) => Promise<GitHub>;

export interface BotDeps {
  github: GitHubFactory;
  engine: Engine;
  pacer: Pacer;
  lock: RepoLock;
  log: Logger;
  /** The login commits and pull requests are made as (`<slug>[bot]`, `github-actions[bot]`). */
  botLogin(): Promise<string>;
  /** Queues a further job (`/kubemend sweep`). Default: none; such commands then say they cannot. */
  enqueue?(job: Job): Promise<void>;
  /** What sweeps remember of each repository (src/bot/sweep). Default: this process's memory. */
  sweepState?: SweepState;
}

/** Work for one job kind, given the job's client. Kinds added by later fronts register here. */
export type JobHandler<J extends Job = Job> = (gh: GitHub, job: J, deps: BotDeps) => Promise<JobOutcome>;

/** The handlers by kind; kinds without one fail loudly, never silently succeed. */
export type JobHandlers = { [K in Job['kind']]?: JobHandler<Extract<Job, { kind: K }>> };
