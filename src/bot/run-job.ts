/**
 * `runJob(job, deps)`: the one entry every front uses for repository work. Everything it touches comes in
 * `deps` (a GitHub client per installation or token, the engine, the pacer, the per-repository lock, the
 * logger, the bot login), so the App, the CLI's sweep, workers on Redis and the Action run the same code.
 * Jobs are plain data (jobs.ts); the kind picks the work.
 */
import type { Logger } from 'pino';
import type { GitHub } from '../github/index.js';
import type { Engine } from './engine.js';
import { type Job, repoKey } from './jobs.js';
import type { Pacer, RepoLock } from './ports.js';
import { type JobOutcome, type SyncJob, syncRepository } from './sync-repository.js';
import { COMMAND_HANDLERS } from './commands/handlers.js';

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
}

/** Work for one job kind, given the job's client. Kinds added by later fronts register here. */
export type JobHandler<J extends Job = Job> = (gh: GitHub, job: J, deps: BotDeps) => Promise<JobOutcome>;

const syncHandler: JobHandler<SyncJob> = (gh, job, deps) => syncRepository(gh, job, deps);

/** The handlers by kind; kinds without one fail loudly, never silently succeed. */
export type JobHandlers = { [K in Job['kind']]?: JobHandler<Extract<Job, { kind: K }>> };

export const SYNC_HANDLERS: JobHandlers = { findings: syncHandler, scan: syncHandler, recheck: syncHandler, sweep: syncHandler };

/** Every kind this process runs: the repository kinds, slash-commands and review mode (src/bot/commands/handlers.ts). */
export const ALL_HANDLERS: JobHandlers = { ...SYNC_HANDLERS, ...COMMAND_HANDLERS };

/** Runs one job while holding its repository's lock. Rejects on failure (the job runner reports it). */
export async function runJob(job: Job, deps: BotDeps, handlers: JobHandlers = ALL_HANDLERS): Promise<JobOutcome> {
  const handler = handlers[job.kind] as JobHandler | undefined;
  if (!handler) throw new Error(`kubemend: no handler for ${job.kind} jobs in this process`);
  return deps.lock.withLock(repoKey(job), async () => handler(await deps.github(job), job, deps));
}

export type { JobOutcome };
