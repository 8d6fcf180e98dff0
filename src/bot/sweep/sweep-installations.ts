/**
 * One sweep over every installation of the App and every repository each can reach (both listings paged
 * through), or the ones `only` names. Repositories run one after another through `sweepOne` (the host's
 * runJob, with its lock and pacer); a repository's failure is counted and the sweep goes on.
 * (github/safe-settings' sweep visits only the first installation: this one visits them all.)
 */
import type { Logger } from 'pino';
import {
  type GitHub,
  type InstallationRepository,
  listInstallationRepositories,
  listInstallations,
} from '../../github/index.js';
import { describeError } from '../describe-error.js';
import type { SweepJob } from '../jobs.js';
import type { SweepOutcome } from './sweep-repository.js';
import { type SweepSummary, addOutcome, emptySummary } from './sweep-summary.js';

export interface SweepInstallationsOptions {
  /** The App's own client (JWT): lists installations. */
  app: GitHub;
  /** An installation's client: lists its repositories. */
  installation(id: number): Promise<GitHub>;
  /** Runs one repository's sweep job. */
  sweepOne(job: SweepJob): Promise<SweepOutcome>;
  trigger: SweepJob['trigger'];
  /** Only this installation and/or this repository (`owner/name`, any case). Default: all. */
  only?: { installationId?: number; repository?: string };
  /** Report what would be swept; write nothing. Default: false. */
  dryRun?: boolean;
  /** Prefix of the generated delivery ids (`<prefix>-<n>`). Default: `sweep-<time>`. */
  deliveryPrefix?: string;
  log: Logger;
}

export async function sweepInstallations(options: SweepInstallationsOptions): Promise<SweepSummary> {
  const summary = emptySummary();
  const prefix = options.deliveryPrefix ?? `sweep-${Date.now().toString(36)}`;
  const installations = (await listInstallations(options.app)).filter(
    (i) => !i.suspended && (options.only?.installationId === undefined || i.id === options.only.installationId),
  );
  for (const installation of installations) {
    summary.installations++;
    let repos: InstallationRepository[];
    try {
      repos = await listInstallationRepositories(await options.installation(installation.id));
    } catch (err) {
      summary.errors.push(`installation ${installation.id} (${installation.account}): ${describeError(err).message}`);
      continue;
    }
    for (const repo of repos.filter((r) => matches(r, options.only?.repository))) {
      summary.seen++;
      if (repo.archived) {
        summary.skipped++;
        continue;
      }
      const job: SweepJob = {
        kind: 'sweep',
        trigger: options.trigger,
        installationId: installation.id,
        owner: repo.owner,
        repo: repo.repo,
        baseBranch: repo.defaultBranch,
        deliveryId: `${prefix}-${summary.seen}`,
        ...(options.dryRun ? { dryRun: true } : {}),
      };
      try {
        addOutcome(summary, await options.sweepOne(job));
      } catch (err) {
        options.log.error(
          { repo: `${repo.owner}/${repo.repo}`, failure: describeError(err) },
          'sweep of a repository failed',
        );
        summary.errors.push(`${repo.owner}/${repo.repo}: ${describeError(err).message}`);
      }
    }
  }
  return summary;
}

function matches(repo: InstallationRepository, only: string | undefined): boolean {
  return only === undefined || `${repo.owner}/${repo.repo}`.toLowerCase() === only.toLowerCase();
}
