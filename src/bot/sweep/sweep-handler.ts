/**
 * The `sweep` job kind's handler (registered in src/bot/run-job.ts): the sweep of one repository with the
 * host's sweep state, or this process's memory when the host gives none, and the engine's catalog version.
 */
import type { JobHandler } from '../deps.js';
import type { SweepJob } from '../jobs.js';
import { catalogVersion } from './catalog-version.js';
import { createMemorySweepState } from './memory-sweep-state.js';
import { sweepRepository } from './sweep-repository.js';

const processState = createMemorySweepState();

export const sweepHandler: JobHandler<SweepJob> = (gh, job, deps) => {
  const catalog = deps.engine.catalog;
  return sweepRepository(gh, job, {
    ...deps,
    state: deps.sweepState ?? processState,
    catalogVersion: catalog ? catalogVersion(catalog) : 'unknown',
  });
};
