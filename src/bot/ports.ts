/**
 * What the bot core needs from its host, as ports. In one process they are the in-process implementations
 * (src/bot/in-process/); with `REDIS_URL` the Redis/BullMQ ones (src/bot/redis/) fit the same interfaces,
 * and the core does not change.
 */
import type { Job } from './jobs.js';

/** Hands jobs to whatever runs them (the job runner); enqueue resolves once the job is accepted, not run. */
export interface JobQueue {
  enqueue(job: Job): Promise<void>;
  /** Resolves when every accepted job has finished (tests, graceful shutdown). */
  onIdle(): Promise<void>;
  /** Stops taking work and releases resources. Default: nothing to release. */
  close?(): Promise<void>;
}

/** The function a queue calls for each job; it rejects when the job failed (after reporting it). */
export type RunJob = (job: Job) => Promise<void>;

/** Mutual exclusion per repository across everything that shares the lock (one process, or every worker). */
export interface RepoLock {
  /** Runs `work` while holding the lock for `key`; waits while another holder has it. */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/**
 * Paces content-creating requests (GitHub's secondary limits: no concurrent writes, about 80 a minute per
 * App). `run` serialises one write sequence and accounts for `weight` writes (default 1).
 */
export interface Pacer {
  run<T>(writes: () => Promise<T>, weight?: number): Promise<T>;
}

/**
 * What is known about each webhook delivery id: in flight, done, or unknown. A failed delivery is forgotten,
 * so GitHub's "Redeliver" runs it again. Async so a shared store (Redis) can implement it.
 */
export interface DeliveryLedger {
  /** Starts the delivery's work (its handler counts as one unit); false when in flight or done: a duplicate. */
  begin(id: string): Promise<boolean>;
  /** One more unit of work (a queued job) for the delivery. */
  add(id: string): Promise<void>;
  /** One unit finished; when the last finishes the id is remembered as done, or forgotten if anything failed. */
  settle(id: string, ok: boolean): Promise<void>;
  state(id: string): Promise<'in-flight' | 'done' | undefined>;
}
