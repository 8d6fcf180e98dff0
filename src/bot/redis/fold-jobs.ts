/**
 * Turns the jobs a worker claimed for one repository into as few runs as possible: each job is merged
 * into the run before it when `merge` says the two can be one run (a burst of alerts becomes one pass over
 * the repository), and otherwise runs after it. Only neighbours merge, so the order of events is kept.
 */
import type { Job } from '../jobs.js';

/** Merges `incoming` into `waiting`, or undefined when they must run apart (the in-process queue's rule). */
export type MergeJobs = (waiting: Job, incoming: Job) => Job | undefined;

export function foldJobs(jobs: readonly Job[], merge: MergeJobs | undefined): Job[] {
  const runs: Job[] = [];
  for (const job of jobs) {
    const last = runs.at(-1);
    const merged = last && merge ? merge(last, job) : undefined;
    if (merged) runs[runs.length - 1] = merged;
    else runs.push(job);
  }
  return runs;
}
