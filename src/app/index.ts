/**
 * The kubemend GitHub App (Probot v14). Handlers validate the event, enqueue a plain-data job and return;
 * the queue runs jobs with an installation client. A delivery id is dropped while it is in flight or after
 * it succeeded; a delivery whose job failed runs again when GitHub redelivers it (src/bot/in-process/ledger.ts).
 */
import type { ApplicationFunction, Context, Probot } from 'probot';
import type { Finding } from '../model.js';
import { getAppBotLogin, type GitHub } from '../github/index.js';
import { createDefaultEngine } from '../bot/default-engine.js';
import type { Engine } from '../bot/engine.js';
import { createDeliveryLedger } from '../bot/in-process/ledger.js';
import { createInProcessLock } from '../bot/in-process/lock.js';
import { ALERT_ACTIONS, findingsFromAlert } from './events/code-scanning-alert.js';
import { pushTouchesManifests } from './events/push.js';
import { DISPATCH_EVENT_TYPE, findingsFromDispatch } from './events/repository-dispatch.js';
import { SWEEP_EVENT_TYPE } from './events/sweep-dispatch.js';
import { dashboardEditJobs, ticksDashboard } from './events/dashboard-edit.js';
import type { IssuesEditedPayload } from '../bot/dashboard/index.js';
import { actionJob } from './events/check-run-action.js';
import { commandJobs } from './events/issue-comment.js';
import { REVIEW_ACTIONS, prCheckJob } from './events/pull-request.js';
import { getPullRequest } from '../github/index.js';
import { createJobRunner } from '../bot/job-runner.js';
import type { BotDeps } from '../bot/run-job.js';
import { createInProcessQueue } from '../bot/in-process/queue.js';
import type { Job } from '../bot/jobs.js';
import type { DeliveryLedger, JobQueue, Pacer, RepoLock, RunJob } from '../bot/ports.js';
import { createWritePacer } from '../bot/in-process/pacer.js';
import type { SweepState } from '../bot/sweep/index.js';
import { type RepoEventPayload, jobBase } from './events/job-base.js';

export interface AppOptions {
  /** The stages below `github` (see default-engine.ts). */
  engine: Engine;
  /** Builds the queue around the job runner. Default: in-process, `concurrency` jobs at once. */
  createQueue?: (run: RunJob, onError: (err: unknown, job: Job) => void) => JobQueue;
  /** Where delivery ids are remembered. Default: in this process, `dedupeSize` of them. */
  ledger?: DeliveryLedger;
  /** Paces content-creating requests. Default: in this process, `writeDelayMs` after each write sequence. */
  pacer?: Pacer;
  /** One job per repository at a time. Default: in this process. */
  lock?: RepoLock;
  /** In-process jobs at once across repositories. Default: 4. */
  concurrency?: number;
  /** Fold deliveries into a job still waiting for the same repository (merge-jobs.ts). Default: true. */
  coalesce?: boolean;
  /** Pause after each pull request's writes (secondary rate limits). Default: 1000 ms. */
  writeDelayMs?: number;
  /** Delivery ids remembered as done. Default: 10,000. */
  dedupeSize?: number;
  /** What sweeps remember of each repository (src/bot/sweep). Default: this process's memory. */
  sweepState?: SweepState;
}

export interface KubemendApp {
  app: ApplicationFunction;
  /** Resolves when every queued job has finished (tests, graceful shutdown). */
  onIdle(): Promise<void>;
  /** Queues a job as a webhook would (the sweep schedule); rejects before the App is loaded. */
  enqueue(job: Job): Promise<void>;
}

type RepoPayload = RepoEventPayload;

function findingsJob(context: Context, payload: RepoPayload, findings: Finding[]): Job | undefined {
  const base = jobBase(payload, context.id);
  return base && { ...base, kind: 'findings', findings };
}

/** The App's bot login, asked once per process (and again after a failure). */
function memoBotLogin(probot: Probot): () => Promise<string> {
  let login: Promise<string> | undefined;
  return () => {
    login ??= probot
      .auth()
      .then((app) => getAppBotLogin(app as unknown as GitHub))
      .catch((err: unknown) => {
        login = undefined;
        throw err;
      });
    return login;
  };
}

/** Creates the App function and a handle on its queue. */
export function createKubemendApp(options: AppOptions): KubemendApp {
  const ledger = options.ledger ?? createDeliveryLedger(options.dedupeSize);
  const pacer = options.pacer ?? createWritePacer(options.writeDelayMs);
  const lock = options.lock ?? createInProcessLock();
  let queue: JobQueue | undefined;
  let enqueueJob: ((job: Job) => Promise<void>) | undefined;

  const app: ApplicationFunction = (probot: Probot) => {
    // Probot's client is the App's reliable Octokit (server.ts); the core sees it as its GitHub type.
    const github = async (job: Pick<Job, 'installationId'>) =>
      (await probot.auth(job.installationId)) as unknown as GitHub;
    const deps: BotDeps = {
      github,
      engine: options.engine,
      pacer,
      lock,
      log: probot.log,
      botLogin: memoBotLogin(probot),
      ...(options.sweepState ? { sweepState: options.sweepState } : {}),
    };
    const run = createJobRunner({ deps, ledger, log: probot.log });
    // The runner has logged and reported the failure already.
    const onError = () => undefined;
    const q = options.createQueue
      ? options.createQueue(run, onError)
      : createInProcessQueue({
          run,
          onError,
          concurrency: options.concurrency ?? 4,
          coalesce: options.coalesce ?? true,
        });
    queue = q;

    const enqueue = async (job: Job) => {
      await ledger.add(job.deliveryId);
      await q.enqueue(job).catch(async (err: unknown) => {
        await ledger.settle(job.deliveryId, false);
        throw err;
      });
    };
    deps.enqueue = enqueue;
    enqueueJob = enqueue;

    /** Runs a handler once per delivery: duplicates are dropped, a failed handler lets the delivery be redelivered. */
    const once =
      <C extends Context>(handler: (context: C) => Promise<void>) =>
      async (context: C) => {
        if (!(await ledger.begin(context.id))) {
          context.log.info(
            { delivery: context.id, state: await ledger.state(context.id) },
            'duplicate delivery ignored',
          );
          return;
        }
        let ok = false;
        try {
          await handler(context);
          ok = true;
        } finally {
          await ledger.settle(context.id, ok);
        }
      };

    probot.on(
      ALERT_ACTIONS.map((a) => `code_scanning_alert.${a}` as const),
      once(async (context) => {
        const decision = findingsFromAlert(context.payload, options.engine);
        if (!decision.ok)
          return context.log.info({ reason: decision.reason, alert: context.payload.alert.number }, 'alert skipped');
        const job = findingsJob(context, context.payload, decision.findings);
        if (job) await enqueue(job);
      }),
    );

    probot.on('repository_dispatch', async (context) => {
      if (context.payload.action === SWEEP_EVENT_TYPE) {
        await once(async (c: typeof context) => {
          const base = jobBase(c.payload as RepoPayload, c.id);
          if (base) await enqueue({ ...base, kind: 'sweep', trigger: 'dispatch' });
        })(context);
        return;
      }
      if (context.payload.action !== DISPATCH_EVENT_TYPE) return;
      await once(async (c: typeof context) => {
        const decision = findingsFromDispatch(c.payload.client_payload, options.engine);
        if (!decision.ok) return c.log.warn({ reason: decision.reason, delivery: c.id }, 'dispatch rejected');
        const job = findingsJob(c, c.payload as RepoPayload, decision.findings);
        if (job) await enqueue(job);
      })(context);
    });

    // The dashboard's boxes ("sweep now", "open a PR for this"): an edit ticking none costs nothing.
    probot.on('issues.edited', async (context) => {
      const payload = context.payload as unknown as IssuesEditedPayload;
      if (!ticksDashboard(payload)) return;
      await once(async (c: typeof context) => {
        const gh = await github({ installationId: payload.installation?.id ?? 0 });
        for (const job of await dashboardEditJobs(gh, payload, c.id, await deps.botLogin())) await enqueue(job);
      })(context);
    });

    probot.on('push', async (context) => {
      if (!pushTouchesManifests(context.payload)) return;
      await once(async (c: typeof context) => {
        const base = jobBase(c.payload as RepoPayload, c.id);
        if (base) await enqueue({ ...base, kind: 'recheck' });
      })(context);
    });

    // Slash-commands: a comment without a command line costs nothing; on a pull request the head is pinned now.
    probot.on('issue_comment.created', async (context) => {
      const jobs = commandJobs(context.payload, context.id);
      if (jobs.length === 0) return;
      await once(async (c: typeof context) => {
        const first = jobs[0];
        const gh = await github({ installationId: c.payload.installation?.id ?? 0 });
        const headSha = first?.isPullRequest
          ? (await getPullRequest(gh, { owner: first.owner, repo: first.repo }, first.issueNumber))?.headSha
          : undefined;
        for (const job of jobs) await enqueue({ ...job, ...(headSha ? { headSha } : {}) });
      })(context);
    });

    probot.on(
      REVIEW_ACTIONS.map((a) => `pull_request.${a}` as const),
      once(async (context) => {
        const job = prCheckJob(context.payload, context.id, await deps.botLogin());
        if (job) await enqueue(job);
      }),
    );

    probot.on(
      'check_run.requested_action',
      once(async (context) => {
        const job = actionJob(context.payload, context.id);
        if (job) await enqueue(job);
      }),
    );

    probot.on(
      ['installation.created', 'installation_repositories.added'],
      once(async (context) => {
        const payload = context.payload;
        const repos = 'repositories_added' in payload ? payload.repositories_added : (payload.repositories ?? []);
        for (const r of repos) {
          const [owner = '', repo = ''] = r.full_name.split('/');
          // The default branch is not in installation payloads; the job looks it up (and reads the config first).
          await enqueue({ kind: 'scan', installationId: payload.installation.id, owner, repo, deliveryId: context.id });
        }
      }),
    );
  };

  return {
    app,
    onIdle: () => queue?.onIdle() ?? Promise.resolve(),
    enqueue: (job) => (enqueueJob ? enqueueJob(job) : Promise.reject(new Error('kubemend: the App is not loaded yet'))),
  };
}

/** The App function with the built-in catalog and default options, for hosts that take one (Probot's `run`, middleware). */
export const kubemendApp: ApplicationFunction = (probot, options) =>
  createKubemendApp({ engine: createDefaultEngine() }).app(probot, options);
