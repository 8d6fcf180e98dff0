/**
 * The schedule of `npm start`: SWEEP_CRON validated at start-up (empty turns it off), and a run queues one
 * sweep job per repository of every installation (listings paged, archived repositories left out), against
 * the fake fleet (nock, OpenAPI-checked). The clock is faked only up to the tick.
 */
import pino from 'pino';
import { ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../src/bot/jobs.js';
import { parseEnv } from '../../src/app/env.js';
import { startSweepSchedule } from '../../src/app/sweep-schedule.js';
import type { GitHub } from '../../src/github/types.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { FakeFleet, installationToken } from '../bot/sweep-fleet.js';

const log = pino({ level: 'silent' });
const base = { APP_ID: '1', PRIVATE_KEY: 'x', WEBHOOK_SECRET: 's3cret' };
const client = (token: string) =>
  new ProbotOctokit({ auth: { token }, retry: { enabled: false }, throttle: { enabled: false } }) as unknown as GitHub;

afterEach(() => {
  vi.useRealTimers();
});

/**
 * The clock faked two seconds before 03:00 UTC, and a `start` of the default schedule (1 ms jitter) that
 * queues into `jobs`; `all` resolves once `expected` jobs are queued.
 */
function beforeTheTick(expected: number, claim?: (occurrence: Date) => Promise<boolean>) {
  const jobs: Job[] = [];
  let done: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (done = resolve));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date('2026-11-30T02:59:58Z') });
  const start = () =>
    startSweepSchedule({
      cron: '0 3 * * *',
      jitterMs: 1,
      app: async () => client('app'),
      installation: async (id) => client(installationToken(id)),
      enqueue: async (job) => {
        jobs.push(job);
        if (jobs.length === expected) done();
      },
      log,
      ...(claim ? { claim } : {}),
    });
  return { jobs, all, start };
}

describe('SWEEP_CRON', () => {
  it('defaults to daily at 03:00 UTC, may be empty, and names a bad pattern', () => {
    expect(parseEnv(base)).toMatchObject({ ok: true, env: { SWEEP_CRON: '0 3 * * *' } });
    expect(parseEnv({ ...base, SWEEP_CRON: '' })).toMatchObject({ ok: true, env: { SWEEP_CRON: '' } });
    expect(parseEnv({ ...base, SWEEP_CRON: 'every night' })).toEqual({
      ok: false,
      errors: [
        'SWEEP_CRON: SWEEP_CRON must be a cron pattern such as "0 3 * * *" (minute hour day month weekday), or empty to turn scheduled sweeps off',
      ],
    });
    expect(
      startSweepSchedule({
        cron: '',
        app: async () => client('a'),
        installation: async () => client('b'),
        enqueue: async () => undefined,
        log,
      }),
    ).toBeUndefined();
  });
});

describe('a scheduled run', () => {
  it('queues one sweep job per repository of every installation at the tick', async () => {
    const fleet = new FakeFleet(createOpenApiValidator(), 1).intercept();
    fleet.add({ installationId: 1, owner: 'alpha', repo: 'a', files: {} });
    fleet.add({ installationId: 1, owner: 'alpha', repo: 'b', files: {} });
    fleet.add({ installationId: 2, owner: 'beta', repo: 'c', files: {}, archived: true });
    fleet.add({ installationId: 3, owner: 'gamma', repo: 'd', files: {} });
    const { jobs, all, start } = beforeTheTick(3);
    const schedule = start();
    expect(schedule?.next()?.toISOString()).toBe('2026-11-30T03:00:00.000Z');
    await vi.advanceTimersByTimeAsync(3000);
    vi.useRealTimers();
    await all;
    schedule?.stop();
    expect(
      jobs.map((j) =>
        j.kind === 'sweep' ? `${j.trigger} ${j.installationId} ${j.owner}/${j.repo} ${j.baseBranch}` : j.kind,
      ),
    ).toEqual(['schedule 1 alpha/a main', 'schedule 1 alpha/b main', 'schedule 3 gamma/d main']);
    expect(new Set(jobs.map((j) => j.deliveryId)).size).toBe(3);
    expect(fleet.problems).toEqual([]);
  });
});

describe('several servers sharing a queue', () => {
  it('sweep each occurrence once: the first to claim it queues the jobs, the others skip it', async () => {
    const fleet = new FakeFleet(createOpenApiValidator(), 1).intercept();
    fleet.add({ installationId: 1, owner: 'alpha', repo: 'a', files: {} });
    fleet.add({ installationId: 1, owner: 'alpha', repo: 'b', files: {} });
    const claimed = new Set<string>();
    const asked: string[] = [];
    // What Redis's SET NX gives every server: only the first claim of an occurrence succeeds.
    const claim = async (occurrence: Date) => {
      asked.push(occurrence.toISOString());
      if (claimed.has(occurrence.toISOString())) return false;
      claimed.add(occurrence.toISOString());
      return true;
    };
    const { jobs, all, start } = beforeTheTick(2, claim);
    const servers = [1, 2, 3].map(() => start());
    await vi.advanceTimersByTimeAsync(3000);
    vi.useRealTimers();
    await all;
    // Another tick's worth of real time: a second server that wrongly queued would have done so by now.
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const s of servers) s?.stop();
    expect(asked).toEqual(Array(3).fill('2026-11-30T03:00:00.000Z'));
    expect(jobs.map((j) => (j.kind === 'sweep' ? `${j.owner}/${j.repo}` : j.kind))).toEqual(['alpha/a', 'alpha/b']);
    expect(fleet.problems).toEqual([]);
  });
});
