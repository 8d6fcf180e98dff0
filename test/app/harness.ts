/**
 * A Probot instance running the kubemend App against the fake GitHub. Default: retries and throttling off
 * (the function form of `defaults`, see GITHUB-NOTES), no write delay, job errors collected for assertions.
 * `reliable: true` gives it the production client instead (src/github/reliable-octokit.ts: retries, rate
 * limits, per-request deadlines) and a JSON log captured in memory, for the fault-injection tests, which
 * drive its waits with fake timers.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import { Probot, ProbotOctokit } from 'probot';
import { createLog } from '../../src/app/create-log.js';
import { createDefaultEngine } from '../../src/bot/default-engine.js';
import type { Engine } from '../../src/bot/engine.js';
import { createKubemendApp } from '../../src/app/index.js';
import { createInProcessQueue } from '../../src/bot/in-process/queue.js';
import { createRedactor } from '../../src/bot/redact-secrets.js';
import { reliableOctokit, reliableRequestOptions } from '../../src/github/index.js';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export const HARNESS_SECRETS = { privateKey, webhookSecret: 'harness-webhook-secret' };

let sharedEngine: Engine | undefined;

export interface Harness {
  probot: Probot;
  /** Delivers an event as GitHub would (same delivery id → a redelivery) and waits for the queued jobs. */
  deliver(name: string, payload: Record<string, unknown>, id: string): Promise<void>;
  jobErrors: unknown[];
  /** What the App logged (`reliable` only), one JSON object per line. */
  logs(): Array<Record<string, unknown>>;
  /** The raw log text (`reliable` only). */
  logText(): string;
}

export interface HarnessOptions {
  /** Default: github.com's API; `https://HOST/api/v3` is what Probot derives from `GHE_HOST`. */
  baseUrl?: string;
  /** The production GitHub client and a captured log. Default: false. */
  reliable?: boolean;
  /** Wraps each wait for the queue (fake timers advance while it waits). Default: none. */
  settle?: <T>(work: Promise<T>) => Promise<T>;
  /** The stages the App runs with. Default: the built-in catalog, shared by the harnesses of a test file. */
  engine?: Engine;
}

export async function createHarness(opts: HarnessOptions = {}): Promise<Harness> {
  sharedEngine ??= createDefaultEngine();
  const jobErrors: unknown[] = [];
  let text = '';
  const kubemend = createKubemendApp({
    engine: opts.engine ?? sharedEngine,
    writeDelayMs: 0,
    createQueue: (run) => createInProcessQueue({ run, onError: (err) => jobErrors.push(err), concurrency: 2 }),
  });
  const capture = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  const client = opts.reliable
    ? {
        log: await createLog({
          format: 'json',
          level: 'info',
          redact: createRedactor([HARNESS_SECRETS.webhookSecret, privateKey]),
          destination: capture,
        }),
        Octokit: reliableOctokit(ProbotOctokit),
        request: reliableRequestOptions(),
      }
    : {
        logLevel: 'fatal' as const,
        Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({
          ...o,
          retry: { enabled: false },
          throttle: { enabled: false },
        })),
      };
  const probot = new Probot({
    appId: 1,
    privateKey,
    secret: HARNESS_SECRETS.webhookSecret,
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    ...client,
  });
  await probot.load(kubemend.app);
  const settle = opts.settle ?? (<T>(work: Promise<T>) => work);
  return {
    probot,
    jobErrors,
    logText: () => text,
    logs: () =>
      text
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    async deliver(name, payload, id) {
      await settle(probot.receive({ id, name, payload } as Parameters<Probot['receive']>[0]));
      await settle(kubemend.onIdle());
    },
  };
}
