/**
 * A Probot instance running the kubemend App against the fake GitHub: retries and throttling off (the
 * function form of `defaults`, see GITHUB-NOTES), no write delay, job errors collected for assertions.
 */
import { generateKeyPairSync } from 'node:crypto';
import { Probot, ProbotOctokit } from 'probot';
import { createDefaultEngine } from '../../src/app/default-engine.js';
import type { Engine } from '../../src/app/engine.js';
import { createKubemendApp } from '../../src/app/index.js';
import { createInProcessQueue } from '../../src/app/queue/in-process-queue.js';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

let sharedEngine: Engine | undefined;

export interface Harness {
  probot: Probot;
  /** Delivers an event as GitHub would (same delivery id → a redelivery) and waits for the queued jobs. */
  deliver(name: string, payload: Record<string, unknown>, id: string): Promise<void>;
  jobErrors: unknown[];
}

/** `baseUrl` Default: github.com's API; `https://HOST/api/v3` is what Probot derives from `GHE_HOST`. */
export async function createHarness(opts: { baseUrl?: string } = {}): Promise<Harness> {
  sharedEngine ??= createDefaultEngine();
  const jobErrors: unknown[] = [];
  const kubemend = createKubemendApp({
    engine: sharedEngine,
    writeDelayMs: 0,
    createQueue: (run) => createInProcessQueue({ run, onError: (err) => jobErrors.push(err), concurrency: 2 }),
  });
  const probot = new Probot({
    appId: 1,
    privateKey,
    secret: 'test-secret',
    logLevel: 'fatal',
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  await probot.load(kubemend.app);
  return {
    probot,
    jobErrors,
    async deliver(name, payload, id) {
      await probot.receive({ id, name, payload } as Parameters<Probot['receive']>[0]);
      await kubemend.onIdle();
    },
  };
}
