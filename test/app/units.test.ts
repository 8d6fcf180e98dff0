import { describe, expect, it } from 'vitest';
import { createDeliveryDedupe } from '../../src/bot/in-process/dedupe.js';
import { fitBody } from '../../src/bot/pull-requests/fit-body.js';
import { parseEnv } from '../../src/app/env.js';
import { branchName } from '../../src/bot/pull-requests/branch-name.js';
import { type AppMeta, filesHash, parseAppMeta, withAppMeta } from '../../src/bot/pull-requests/meta.js';
import { planPullRequest } from '../../src/bot/pull-requests/plan-pull-request.js';
import { fingerprintSetHash } from '../../src/bot/pull-requests/fingerprint-set-hash.js';
import { createInProcessQueue } from '../../src/bot/in-process/queue.js';
import type { Job } from '../../src/bot/jobs.js';
import type { PullRequestInfo } from '../../src/github/index.js';

const ENV = {
  APP_ID: '123',
  PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----',
  WEBHOOK_SECRET: 's3cret',
};

describe('parseEnv', () => {
  it('accepts a complete environment and applies defaults', () => {
    const redisDefaults = {
      KUBEMEND_WORKERS: '1',
      KUBEMEND_WRITES_PER_MINUTE: 80,
      KUBEMEND_JOB_LOCK_MS: 30_000,
      KUBEMEND_REDIS_PREFIX: 'kubemend',
    };
    const sweepDefaults = { SWEEP_CRON: '0 3 * * *' };
    expect(parseEnv(ENV)).toEqual({
      ok: true,
      env: {
        ...ENV,
        KUBEMEND_CONCURRENCY: 4,
        KUBEMEND_WRITE_DELAY_MS: 1000,
        KUBEMEND_REQUEST_TIMEOUT_MS: 20_000,
        ...redisDefaults,
        ...sweepDefaults,
      },
    });
  });

  it('refuses Probot\'s "development" secret and a missing one, naming what to set', () => {
    expect(parseEnv({ ...ENV, WEBHOOK_SECRET: 'development' })).toEqual({
      ok: false,
      errors: [
        'WEBHOOK_SECRET: WEBHOOK_SECRET is "development", Probot\'s insecure default; set the real secret configured for the GitHub App',
      ],
    });
    expect(parseEnv({ APP_ID: '123', PRIVATE_KEY_PATH: 'key.pem' })).toEqual({
      ok: false,
      errors: ['WEBHOOK_SECRET: set WEBHOOK_SECRET to the webhook secret configured for the GitHub App'],
    });
  });

  it('requires a private key and a numeric App ID; checks GHE_HOST is a host', () => {
    const result = parseEnv({
      APP_ID: 'my-app',
      WEBHOOK_SECRET: 's',
      PRIVATE_KEY_PATH: 'key.pem',
      GHE_HOST: 'https://ghe.example.com/',
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        'APP_ID: APP_ID must be the numeric App ID',
        'GHE_HOST: GHE_HOST is a host name such as github.example.com, without protocol or path',
      ],
    });
    expect(parseEnv({ ...ENV, PRIVATE_KEY: undefined })).toEqual({
      ok: false,
      errors: [
        'PRIVATE_KEY: set PRIVATE_KEY (the PEM text, or base64 of it) or PRIVATE_KEY_PATH (path to the .pem file downloaded from the App settings)',
      ],
    });
    expect(parseEnv({ ...ENV, GHE_HOST: 'ghe.example.com', GHE_PROTOCOL: 'https' }).ok).toBe(true);
  });
});

describe('createDeliveryDedupe', () => {
  it('reports a repeated id and forgets the least recently seen beyond its bound', () => {
    const dedupe = createDeliveryDedupe(2);
    expect([dedupe.seen('a'), dedupe.seen('b'), dedupe.seen('a')]).toEqual([false, false, true]);
    expect(dedupe.seen('c')).toBe(false); // evicts b, the least recently seen
    expect([dedupe.seen('a'), dedupe.seen('b')]).toEqual([true, false]);
    expect(dedupe.size).toBe(2);
  });
});

describe('createInProcessQueue', () => {
  const job = (repo: string, id: string): Job => ({
    kind: 'findings',
    installationId: 1,
    owner: 'o',
    repo,
    baseBranch: 'main',
    findings: [],
    deliveryId: id,
  });

  it('runs one job per repository at a time and at most `concurrency` overall', async () => {
    const events: string[] = [];
    const gates = new Map<string, () => void>();
    let running = 0;
    let peak = 0;
    const queue = createInProcessQueue({
      concurrency: 2,
      onError: () => events.push('error'),
      run: (j) =>
        new Promise<void>((resolve) => {
          running++;
          peak = Math.max(peak, running);
          events.push(`start ${j.deliveryId}`);
          gates.set(j.deliveryId, () => {
            running--;
            events.push(`end ${j.deliveryId}`);
            resolve();
          });
        }),
    });
    await queue.enqueue(job('a', 'a1'));
    await queue.enqueue(job('a', 'a2'));
    await queue.enqueue(job('b', 'b1'));
    await queue.enqueue(job('c', 'c1'));
    expect(events).toEqual(['start a1', 'start b1']);
    gates.get('a1')!();
    await Promise.resolve();
    await new Promise((r) => setImmediate(r));
    // a2 waits for a1 (same repository) and is first in line; c1 still waits for a free slot.
    expect(events).toEqual(['start a1', 'start b1', 'end a1', 'start a2']);
    gates.get('b1')!();
    await new Promise((r) => setImmediate(r));
    gates.get('a2')!();
    await new Promise((r) => setImmediate(r));
    gates.get('c1')!();
    await queue.onIdle();
    expect(events).toEqual(['start a1', 'start b1', 'end a1', 'start a2', 'end b1', 'start c1', 'end a2', 'end c1']);
    expect(peak).toBe(2);
  });

  it('passes a failing job to onError and carries on', async () => {
    const errors: string[] = [];
    const done: string[] = [];
    const queue = createInProcessQueue({
      onError: (err, j) => errors.push(`${j.deliveryId}: ${(err as Error).message}`),
      run: async (j) => {
        if (j.deliveryId === 'bad') throw new Error('boom');
        done.push(j.deliveryId);
      },
    });
    await queue.enqueue(job('a', 'bad'));
    await queue.enqueue(job('a', 'good'));
    await queue.onIdle();
    expect(errors).toEqual(['bad: boom']);
    expect(done).toEqual(['good']);
  });
});

describe('branchName', () => {
  it('uses remediation ids as they are and hashes keys built from paths', () => {
    expect(branchName('kubemend/', 'run-as-non-root')).toBe('kubemend/run-as-non-root');
    expect(branchName('kubemend/', 'all')).toBe('kubemend/all');
    const a = branchName('kubemend/', 'file:a/b.yaml');
    const b = branchName('kubemend/', 'file:a-b.yaml');
    expect(a).toMatch(/^kubemend\/file-a-b\.yaml-[0-9a-f]{8}$/);
    expect(b).toMatch(/^kubemend\/file-a-b\.yaml-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(branchName('kubemend/', 'file:a/b.yaml')).toBe(a);
  });
});

const FINGERPRINTS = ['00000000000000aa', '00000000000000bb'];
const META: AppMeta = {
  v: 2,
  key: 'run-as-non-root',
  set: fingerprintSetHash(FINGERPRINTS),
  fingerprints: FINGERPRINTS,
  remediations: ['run-as-non-root'],
  targets: [],
  commit: 'c1',
  config: 'cfg',
  filesHash: filesHash({ 'a.yaml': 'blob-a' }),
  files: { 'a.yaml': 'blob-a' },
};

describe('App metadata', () => {
  it('round-trips through a body and replaces an earlier comment rather than adding one', () => {
    const body = withAppMeta('## kubemend\n\nbody', META);
    expect(parseAppMeta(body)).toEqual(META);
    const again = withAppMeta(body, { ...META, staleNotified: 'x' });
    expect(again.match(/kubemend:app/g)).toHaveLength(1);
    expect(parseAppMeta(again)?.staleNotified).toBe('x');
  });

  it('cannot be closed early by a string inside it', () => {
    const hostile: AppMeta = { ...META, files: { 'x --> <img src=x>': 'b' } };
    const body = withAppMeta('b', hostile);
    expect(body).not.toContain('<img');
    expect(parseAppMeta(body)).toEqual(hostile);
  });
});

describe('planPullRequest', () => {
  const pr = (over: Partial<PullRequestInfo> = {}): PullRequestInfo => ({
    number: 7,
    state: 'open',
    merged: false,
    title: 't',
    body: '',
    headRef: 'kubemend/run-as-non-root',
    headSha: 'c1',
    baseRef: 'main',
    htmlUrl: '',
    author: 'kubemend[bot]',
    authorType: 'Bot',
    fromFork: false,
    ...over,
  });
  const desired = { fingerprints: FINGERPRINTS, config: 'cfg', files: { 'a.yaml': 'blob-a' } };
  const base = { closed: [], openCount: 0, prLimit: 5 };

  it('does nothing for the same fixes, regenerates an App-only branch, comments once on a human-touched one', () => {
    expect(planPullRequest({ ...base, desired, open: { pr: pr(), meta: META } }).action).toBe('unchanged');
    const changed = { ...desired, fingerprints: ['00000000000000cc'] };
    expect(planPullRequest({ ...base, desired: changed, open: { pr: pr(), meta: META } }).action).toBe('regenerate');
    expect(
      planPullRequest({ ...base, desired: changed, open: { pr: pr({ headSha: 'human' }), meta: META } }).action,
    ).toBe('stale-comment');
    const notified = { ...META, staleNotified: fingerprintSetHash(changed.fingerprints) };
    expect(
      planPullRequest({ ...base, desired: changed, open: { pr: pr({ headSha: 'human' }), meta: notified } }).action,
    ).toBe('stale-notified');
  });

  it('suppresses what a closed, unmerged pull request proposed until the config or a manifest changes', () => {
    const closed = [{ pr: pr({ state: 'closed' }), meta: META }];
    expect(planPullRequest({ ...base, closed, desired }).action).toBe('suppressed');
    expect(planPullRequest({ ...base, closed, desired: { ...desired, config: 'other' } }).action).toBe('create');
    expect(planPullRequest({ ...base, closed, desired: { ...desired, files: { 'a.yaml': 'blob-a2' } } }).action).toBe(
      'create',
    );
    expect(
      planPullRequest({ ...base, closed: [{ pr: pr({ state: 'closed', merged: true }), meta: META }], desired }).action,
    ).toBe('create');
  });

  it('stops at prLimit', () => {
    expect(planPullRequest({ ...base, desired, openCount: 5 }).action).toBe('limit');
    expect(planPullRequest({ ...base, desired, openCount: 4 }).action).toBe('create');
  });
});

describe('fitBody', () => {
  it('leaves a body that fits alone', () => {
    expect(fitBody('short\nbody', 100)).toBe('short\nbody');
  });

  it('cuts at a line boundary, closes an open fence, and says so', () => {
    const body = `intro\n\`\`\`diff\n${'+line\n'.repeat(100)}\`\`\`\nend`;
    const fitted = fitBody(body, 200);
    expect(fitted.length).toBeLessThanOrEqual(200);
    expect(fitted.startsWith('intro\n```diff\n+line\n')).toBe(true);
    expect(
      fitted.endsWith(
        "+line\n```\n\n_The rest of this description was cut to fit GitHub's size limit; every change is in the commit._\n",
      ),
    ).toBe(true);
  });
});
