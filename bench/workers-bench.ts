/**
 * Workers on Redis for the issue's 1,000 simulated repositories: 1,000 sweep jobs (one per repository)
 * queued in BullMQ, drained by 1 and by 4 worker processes (4 jobs at once each). A job stands for an
 * unchanged repository (BENCH_JOB_MS of waiting, default 50 ms: its few conditional requests); the
 * requests per repository are the sweep's benchmark. Printed: wall time from the workers being ready to
 * the queue being empty, jobs per second, the workers' CPU time per job (the figure that holds on a busy
 * machine, where wall time depends on what else runs), their peak RSS, Redis's memory (INFO memory) with the
 * 1,000 jobs queued and after the drain. Needs REDIS_URL (a scratch Redis: the keys are deleted after).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import type { SweepJob } from '../src/bot/jobs.js';
import { connectRedis } from '../src/bot/redis/connect-redis.js';
import { createBullQueue } from '../src/bot/redis/bull-queue.js';
import { createRepoInbox } from '../src/bot/redis/repo-inbox.js';

interface Report {
  runs: number;
  maxRssKiB: number;
  cpuMs: number;
}

const REPOSITORIES = 1000;
const PREFIX = 'kubemend-bench';

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

async function deleteKeys(redis: Redis): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

function startChild(url: string): Promise<ChildProcess> {
  const child = fork(join(dirname(fileURLToPath(import.meta.url)), 'worker-child.js'), {
    env: { ...process.env, REDIS_URL: url, BENCH_PREFIX: PREFIX },
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`a worker exited with ${code} before it was ready`)));
  });
}

function report(child: ChildProcess): Promise<Report> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as Report));
    child.send({ report: true });
  });
}

async function round(url: string, redis: Redis, workers: number): Promise<string> {
  await deleteKeys(redis);
  const before = await usedMemory(redis);
  const queue = createBullQueue({
    redis,
    prefix: PREFIX,
    inbox: createRepoInbox({ redis, prefix: `${PREFIX}:` }),
    idlePollMs: 20,
  });
  for (let i = 0; i < REPOSITORIES; i++) {
    const job: SweepJob = {
      kind: 'sweep',
      trigger: 'schedule',
      installationId: 1 + (i % 3),
      owner: `org-${i % 3}`,
      repo: `repo-${i}`,
      deliveryId: `sweep-${i}`,
    };
    await queue.enqueue(job);
  }
  const queued = (await usedMemory(redis)) - before;
  const children = await Promise.all(Array.from({ length: workers }, () => startChild(url)));
  const start = performance.now();
  await queue.onIdle();
  const wallMs = performance.now() - start;
  const reports = await Promise.all(children.map(report));
  const drained = (await usedMemory(redis)) - before;
  await queue.close();
  const runs = reports.reduce((n, r) => n + r.runs, 0);
  const rss = Math.max(...reports.map((r) => r.maxRssKiB)) / 1024;
  const cpuMs = reports.reduce((n, r) => n + r.cpuMs, 0);
  const mib = (b: number) => (b / 1024 / 1024).toFixed(1);
  return `| ${workers} | ${runs} | ${(wallMs / 1000).toFixed(2)} s | ${((runs / wallMs) * 1000).toFixed(0)} | ${(cpuMs / runs).toFixed(1)} ms | ${rss.toFixed(0)} MiB | ${mib(queued)} MiB | ${mib(drained)} MiB |`;
}

export async function run(): Promise<void> {
  const url = process.env.REDIS_URL;
  if (!url) {
    console.log(
      'skipped: set REDIS_URL to a scratch Redis (e.g. redis-server --port 6390 --save "" and REDIS_URL=redis://127.0.0.1:6390)',
    );
    return;
  }
  const redis = await connectRedis({ url });
  console.log(
    `${REPOSITORIES} repositories, one sweep job each, ${process.env.BENCH_JOB_MS ?? 50} ms per job, 4 jobs at once per worker process`,
  );
  console.log(
    '| worker processes | jobs run | wall | jobs/s | worker CPU per job | peak RSS per worker | Redis memory, 1,000 queued | Redis memory, after drain (kept completed jobs) |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const workers of (process.env.BENCH_WORKERS ?? '1,4').split(',').map(Number))
    console.log(await round(url, redis, workers));
  if (!process.env.BENCH_KEEP) await deleteKeys(redis);
  redis.disconnect();
}
