/**
 * The scheduled sweep's fan-out: every repository of every installation (both listings paged through)
 * becomes one queued `SweepJob`, so sweeps run wherever jobs run (this process, or BullMQ workers) under
 * the same per-repository lock and write pacing as webhook jobs. Archived repositories are left out.
 */
import type { Logger } from 'pino';
import { type GitHub, listInstallationRepositories, listInstallations } from '../../github/index.js';
import { describeError } from '../describe-error.js';
import type { Job } from '../jobs.js';

export interface EnqueueSweepsOptions {
  app: GitHub;
  installation(id: number): Promise<GitHub>;
  enqueue(job: Job): Promise<void>;
  /** Prefix of the jobs' delivery ids (`<prefix>-<installation>-<n>`). */
  deliveryPrefix: string;
  log: Logger;
}

/** Queues the sweeps; resolves with how many were queued. An installation that cannot be listed is logged and skipped. */
export async function enqueueSweeps(options: EnqueueSweepsOptions): Promise<number> {
  let queued = 0;
  for (const inst of await listInstallations(options.app)) {
    if (inst.suspended) continue;
    try {
      const repos = await listInstallationRepositories(await options.installation(inst.id));
      for (const r of repos.filter((x) => !x.archived)) {
        queued++;
        await options.enqueue({
          kind: 'sweep',
          trigger: 'schedule',
          installationId: inst.id,
          owner: r.owner,
          repo: r.repo,
          baseBranch: r.defaultBranch,
          deliveryId: `${options.deliveryPrefix}-${inst.id}-${queued}`,
        });
      }
    } catch (err) {
      options.log.error(
        { installation: inst.id, account: inst.account, failure: describeError(err) },
        'scheduled sweep: installation not swept',
      );
    }
  }
  return queued;
}
