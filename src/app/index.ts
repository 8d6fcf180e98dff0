/**
 * The kubemend GitHub App (Probot v14). Handlers validate the event, enqueue a plain-data job and return;
 * the queue runs jobs with an installation client. A redelivered event (same delivery id) is dropped.
 */
import type { ApplicationFunction, Context, Probot } from 'probot';
import { createDefaultEngine } from './default-engine.js';
import type { Engine } from './engine.js';
import { createDeliveryDedupe } from './delivery-dedupe.js';
import { ALERT_ACTIONS, findingsFromAlert } from './events/code-scanning-alert.js';
import { pushTouchesManifests } from './events/push.js';
import { DISPATCH_EVENT_TYPE, findingsFromDispatch } from './events/repository-dispatch.js';
import { type JobDeps, runRepoJob } from './jobs/run-repo-job.js';
import { createInProcessQueue } from './queue/in-process-queue.js';
import type { JobQueue, RepoJob } from './queue/job-queue.js';
import { createWritePacer } from './write-pacer.js';

export interface AppOptions {
  /** The stages below `github` (see default-engine.ts). */
  engine: Engine;
  /** Builds the queue around the job runner. Default: in-process, `concurrency` jobs at once. */
  createQueue?: (run: (job: RepoJob) => Promise<void>, onError: (err: unknown, job: RepoJob) => void) => JobQueue;
  /** In-process jobs at once across repositories. Default: 4. */
  concurrency?: number;
  /** Pause after each pull request's writes (secondary rate limits). Default: 1000 ms. */
  writeDelayMs?: number;
  /** Delivery ids remembered for dedupe. Default: 10,000. */
  dedupeSize?: number;
}

export interface KubemendApp {
  app: ApplicationFunction;
  /** Resolves when every queued job has finished (tests, graceful shutdown). */
  onIdle(): Promise<void>;
}

type RepoPayload = { repository: { name: string; owner: { login: string }; default_branch: string }; installation?: { id: number } };

function jobFor(context: Context, payload: RepoPayload, kind: RepoJob['kind'], findings: RepoJob['findings']): RepoJob | undefined {
  const installationId = payload.installation?.id;
  if (installationId === undefined) return undefined;
  const { repository } = payload;
  return { kind, installationId, owner: repository.owner.login, repo: repository.name, baseBranch: repository.default_branch, findings, deliveryId: context.id };
}

/** Creates the App function and a handle on its queue. */
export function createKubemendApp(options: AppOptions): KubemendApp {
  const dedupe = createDeliveryDedupe(options.dedupeSize);
  const pacer = createWritePacer(options.writeDelayMs);
  let queue: JobQueue | undefined;

  const app: ApplicationFunction = (probot: Probot) => {
    const deps: JobDeps = { engine: options.engine, pacer, log: probot.log };
    const run = async (job: RepoJob) => {
      const gh = await probot.auth(job.installationId);
      await runRepoJob(gh, job, deps);
    };
    const onError = (err: unknown, job: RepoJob) => probot.log.error({ err, repo: `${job.owner}/${job.repo}`, delivery: job.deliveryId }, 'job failed');
    const q = options.createQueue ? options.createQueue(run, onError) : createInProcessQueue({ run, onError, concurrency: options.concurrency ?? 4 });
    queue = q;

    /** Drops redeliveries; true when the event is new. */
    const fresh = (context: Context) => {
      if (!dedupe.seen(context.id)) return true;
      context.log.info({ delivery: context.id }, 'duplicate delivery ignored');
      return false;
    };

    probot.on(ALERT_ACTIONS.map((a) => `code_scanning_alert.${a}` as const), async (context) => {
      if (!fresh(context)) return;
      const decision = findingsFromAlert(context.payload, options.engine);
      if (!decision.ok) return context.log.info({ reason: decision.reason, alert: context.payload.alert.number }, 'alert skipped');
      const job = jobFor(context, context.payload, 'findings', decision.findings);
      if (job) await q.enqueue(job);
    });

    probot.on('repository_dispatch', async (context) => {
      if (context.payload.action !== DISPATCH_EVENT_TYPE || !fresh(context)) return;
      const decision = findingsFromDispatch(context.payload.client_payload, options.engine);
      if (!decision.ok) return context.log.warn({ reason: decision.reason }, 'dispatch rejected');
      const job = jobFor(context, context.payload as RepoPayload, 'findings', decision.findings);
      if (job) await q.enqueue(job);
    });

    probot.on('push', async (context) => {
      if (!pushTouchesManifests(context.payload) || !fresh(context)) return;
      const job = jobFor(context, context.payload as RepoPayload, 'recheck', []);
      if (job) await q.enqueue(job);
    });

    probot.on(['installation.created', 'installation_repositories.added'], async (context) => {
      if (!fresh(context)) return;
      const payload = context.payload;
      const repos = 'repositories_added' in payload ? payload.repositories_added : (payload.repositories ?? []);
      for (const r of repos) {
        const [owner = '', repo = ''] = r.full_name.split('/');
        // The default branch is not in installation payloads; the job looks it up (and reads the config first).
        await q.enqueue({ kind: 'scan', installationId: payload.installation.id, owner, repo, baseBranch: '', findings: [], deliveryId: context.id });
      }
    });
  };

  return {
    app,
    onIdle: () => queue?.onIdle() ?? Promise.resolve(),
  };
}

/** The App function with the built-in catalog and default options, for hosts that take one (Probot's `run`, middleware). */
export const kubemendApp: ApplicationFunction = (probot, options) => createKubemendApp({ engine: createDefaultEngine() }).app(probot, options);
