/**
 * `runJob(job, deps)`: the one entry every front uses for repository work. Everything it touches comes in
 * `deps` (a GitHub client per installation or token, the engine, the pacer, the per-repository lock, the
 * logger, the bot login), so the App, the CLI's sweep, workers on Redis and the Action run the same code.
 * Jobs are plain data (jobs.ts); the kind picks the work.
 */
import { type Job, repoKey } from './jobs.js';
import type { BotDeps, JobHandler, JobHandlers } from './deps.js';
import { type JobOutcome, type SyncJob, syncRepository } from './sync-repository.js';
import { COMMAND_HANDLERS } from './commands/handlers.js';
import { sweepHandler } from './sweep/sweep-handler.js';

const syncHandler: JobHandler<SyncJob> = (gh, job, deps) => syncRepository(gh, job, deps);

export const SYNC_HANDLERS: JobHandlers = {
  findings: syncHandler,
  scan: syncHandler,
  recheck: syncHandler,
  sweep: sweepHandler,
};

/** Every kind this process runs: the repository kinds, slash-commands and review mode (src/bot/commands/handlers.ts). */
export const ALL_HANDLERS: JobHandlers = { ...SYNC_HANDLERS, ...COMMAND_HANDLERS };

/** Runs one job while holding its repository's lock. Rejects on failure (the job runner reports it). */
export async function runJob(job: Job, deps: BotDeps, handlers: JobHandlers = ALL_HANDLERS): Promise<JobOutcome> {
  const handler = handlers[job.kind] as JobHandler | undefined;
  if (!handler) throw new Error(`kubemend: no handler for ${job.kind} jobs in this process`);
  return deps.lock.withLock(repoKey(job), async () => handler(await deps.github(job), job, deps));
}

export type { BotDeps, GitHubFactory, JobHandler, JobHandlers } from './deps.js';
export type { JobOutcome };
