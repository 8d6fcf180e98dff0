/**
 * The BullMQ queue and workers against a real Redis, with a recording RunJob: per-repository exclusivity
 * across workers, coalescing through the inbox, a 1,000-delivery drain, retries and kept failures.
 */
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Job, deliveriesOf, repoKey } from '../../../src/bot/jobs.js';
import { mergeJobs } from '../../../src/bot/in-process/merge-jobs.js';
import { type RedisPorts, createRedisPorts } from '../../../src/bot/redis/redis-ports.js';
import { REDIS_URL, WITH_REDIS, deleteKeys, openRedis, testPrefix } from './redis-test-env.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

function findingsJob(repo: string, deliveryId: string): Job {
  return { kind: 'findings', installationId: 7, owner: 'acme', repo, deliveryId, findings: [] };
}

/** A RunJob that records each run's interval per repository and flags overlaps. */
function recorder(workMs: number) {
  const runs: Array<{ repo: string; deliveries: string[] }> = [];
  const busy = new Set<string>();
  const overlaps: string[] = [];
  const run = async (job: Job) => {
    const key = repoKey(job);
    if (busy.has(key)) overlaps.push(key);
    busy.add(key);
    await new Promise((resolve) => setTimeout(resolve, workMs));
    busy.delete(key);
    runs.push({ repo: key, deliveries: deliveriesOf(job) });
  };
  return { run, runs, overlaps };
}

describe.skipIf(!REDIS_URL)(`BullMQ queue and workers (${WITH_REDIS})`, () => {
  let connections: Redis[];
  let prefix: string;
  let ports: RedisPorts[];
  beforeEach(() => {
    connections = [];
    ports = [];
    prefix = testPrefix().slice(0, -1);
  });
  afterEach(async () => {
    for (const p of ports) await p.close();
    const [first] = connections;
    if (first) await deleteKeys(first, prefix);
    for (const c of connections) c.disconnect();
  });

  /** One "process": its own connection and ports on the shared prefix. */
  async function node(options: Partial<Parameters<typeof createRedisPorts>[0]> = {}): Promise<RedisPorts> {
    const redis = await openRedis();
    connections.push(redis);
    const p = createRedisPorts({ redis, appId: '1', prefix, jobLockMs: 5000, ...options });
    ports.push(p);
    return p;
  }

  it('two workers, two jobs for one repository: they run one after the other, the busy one delayed, not failed', async () => {
    const [a, b] = [await node({ coalesce: false }), await node({ coalesce: false })];
    const rec = recorder(300);
    a.startWorkers({ run: rec.run, log: silent, busyDelayMs: 50 });
    b.startWorkers({ run: rec.run, log: silent, busyDelayMs: 50 });
    await a.queue.enqueue(findingsJob('infra', 'd1'));
    await b.queue.enqueue(findingsJob('Infra', 'd2'));
    await a.queue.onIdle();
    expect(rec.overlaps).toEqual([]);
    expect(rec.runs.map((r) => r.deliveries[0]).sort()).toEqual(['d1', 'd2']);
    expect(await a.queue.queue.getFailedCount()).toBe(0);
    expect(await a.queue.queue.getCompletedCount()).toBe(2);
  });

  it('1,000 queued deliveries over 50 repositories drain through two workers: each runs once, none twice, none lost', async () => {
    const [a, b] = [await node({ merge: mergeJobs }), await node({ merge: mergeJobs })];
    const rec = recorder(2);
    const ids = Array.from({ length: 1000 }, (_, i) => `delivery-${i}`);
    await Promise.all(ids.map((id, i) => (i % 2 ? a : b).queue.enqueue(findingsJob(`repo-${i % 50}`, id))));
    a.startWorkers({ run: rec.run, log: silent, concurrency: 4, busyDelayMs: 20 });
    b.startWorkers({ run: rec.run, log: silent, concurrency: 4, busyDelayMs: 20 });
    await a.queue.onIdle();
    const ran = rec.runs.flatMap((r) => r.deliveries);
    expect(ran.length).toBe(1000);
    expect(new Set(ran).size).toBe(1000);
    expect([...ran].sort()).toEqual([...ids].sort());
    expect(rec.overlaps).toEqual([]);
    // Coalesced: far fewer runs than deliveries, at least one per repository.
    expect(rec.runs.length).toBeGreaterThanOrEqual(50);
    expect(rec.runs.length).toBeLessThan(1000);
    expect(await connections[0]?.keys(`${prefix}:inbox:*`)).toEqual([]);
  });

  it('only neighbours that the in-process rule merges run as one: a scan between findings keeps its place', async () => {
    const p = await node({ merge: mergeJobs });
    const ran: Array<[string, string[]]> = [];
    const scan: Job = { kind: 'scan', installationId: 7, owner: 'acme', repo: 'infra', deliveryId: 's1' };
    for (const job of [
      findingsJob('infra', 'f1'),
      findingsJob('infra', 'f2'),
      scan,
      findingsJob('infra', 'f3'),
      { ...findingsJob('infra', 'r1'), kind: 'recheck' } as Job,
    ])
      await p.queue.enqueue(job);
    p.startWorkers({ log: silent, run: async (job) => void ran.push([job.kind, deliveriesOf(job)]) });
    await p.queue.onIdle();
    expect(ran).toEqual([
      ['findings', ['f1', 'f2']],
      ['scan', ['s1']],
      ['findings', ['f3', 'r1']],
    ]);
  });

  it('a delivery that arrives while its repository runs gets the run after it', async () => {
    const p = await node({ merge: mergeJobs });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const ran: string[][] = [];
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    p.startWorkers({
      log: silent,
      run: async (job) => {
        ran.push(deliveriesOf(job));
        started();
        await gate;
      },
    });
    await p.queue.enqueue(findingsJob('infra', 'first'));
    await running;
    await p.queue.enqueue(findingsJob('infra', 'second'));
    await p.queue.enqueue(findingsJob('infra', 'third'));
    release();
    await p.queue.onIdle();
    expect(ran).toEqual([['first'], ['second', 'third']]);
  });

  it('a failing run is retried with backoff; one that keeps failing is kept as failed with its reason and its jobs', async () => {
    const p = await node({ coalesce: false, attempts: 2, backoffMs: 10 });
    const tries = new Map<string, number>();
    p.startWorkers({
      log: silent,
      run: async (job) => {
        const n = (tries.get(job.deliveryId) ?? 0) + 1;
        tries.set(job.deliveryId, n);
        if (job.deliveryId === 'broken' || n === 1) throw new Error(`GitHub answered 502 (try ${n})`);
      },
    });
    await p.queue.enqueue(findingsJob('flaky', 'flaky'));
    await p.queue.enqueue(findingsJob('broken', 'broken'));
    await p.queue.onIdle();
    expect(Object.fromEntries(tries)).toEqual({ flaky: 2, broken: 2 });
    const failed = await p.queue.queue.getFailed();
    expect(failed.map((j) => [j.data.repoKey, j.failedReason, j.data.jobs?.map((x) => x.deliveryId)])).toEqual([
      [
        'acme/broken',
        '1 of 1 run(s) for acme/broken failed: findings broken: Error: GitHub answered 502 (try 2)',
        ['broken'],
      ],
    ]);
    expect(await p.queue.queue.getCompletedCount()).toBe(1);
  });
});
