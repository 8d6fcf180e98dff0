/**
 * One worker process of the workers benchmark (workers-bench.ts): a BullMQ worker on the benchmark's
 * prefix whose jobs stand for an unchanged repository's sweep (a wait of `BENCH_JOB_MS`, the time of its
 * few conditional requests). Tells the parent when it is ready; on `report` sends its peak RSS and exits.
 */
import { connectRedis } from '../src/bot/redis/connect-redis.js';
import { createRedisPorts } from '../src/bot/redis/redis-ports.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const jobMs = Number(process.env.BENCH_JOB_MS ?? 50);
const redis = await connectRedis({ url: process.env.REDIS_URL ?? '' });
const ports = createRedisPorts({ redis, appId: 'bench', prefix: process.env.BENCH_PREFIX ?? 'kubemend-bench' });
let runs = 0;
ports.startWorkers({
  log: silent,
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 4),
  run: async () => {
    runs++;
    await new Promise((resolve) => setTimeout(resolve, jobMs));
  },
});
process.send?.({ ready: true });
process.on('message', (message: { report?: boolean }) => {
  if (!message.report) return;
  const cpu = process.cpuUsage();
  process.send?.({ runs, maxRssKiB: process.resourceUsage().maxRSS, cpuMs: (cpu.user + cpu.system) / 1000 }, () => {
    void ports.close().finally(() => process.exit(0));
  });
});
