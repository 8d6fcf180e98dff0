/**
 * The `command` and `pr-check` kinds for `runJob` (run-job.ts registers them with the repository kinds).
 * Their own outcomes are logged here; the runner's outcome says whether the job did its work.
 */
import type { JobHandlers } from '../deps.js';
import { runPrCheck } from '../review/run-pr-check.js';
import { runCommandJob } from './run-command.js';

export const COMMAND_HANDLERS: JobHandlers = {
  command: async (gh, job, deps) => {
    const outcome = await runCommandJob(gh, job, deps);
    deps.log.info(
      {
        repo: `${job.owner}/${job.repo}`,
        delivery: job.deliveryId,
        command: job.command.name,
        issue: job.issueNumber,
        outcome,
      },
      'command job',
    );
    return { outcome: 'done', pullRequests: [] };
  },
  'pr-check': async (gh, job, deps) => {
    const result = await runPrCheck(gh, job, deps);
    return {
      outcome:
        result.outcome === 'no-manifests'
          ? 'no-files'
          : result.outcome === 'config-invalid'
            ? 'config-invalid'
            : 'done',
      pullRequests: [],
    };
  },
};
