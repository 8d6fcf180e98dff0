/**
 * The write budget is one for the whole App, not one per process: two processes (the built pacer,
 * `dist/bot/redis/redis-pacer.js`) share a window of 4 writes; each tries 3. Exactly 4 land, and the one
 * left waiting is told to wait for the oldest slot to leave the window although it wrote fewer than 4.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../app/repo-files.js';
import { REDIS_URL, WITH_REDIS, deleteKeys, openRedis, testPrefix } from './redis-test-env.js';

const PACER = join(repoRoot(), 'dist', 'bot', 'redis', 'redis-pacer.js');
const CONNECT = join(repoRoot(), 'dist', 'bot', 'redis', 'connect-redis.js');

/** One process: 3 write sequences through a shared pacer; prints a JSON line per write and per wait. */
const SCRIPT = `
const { createRedisPacer } = await import(process.env.PACER);
const { connectRedis } = await import(process.env.CONNECT);
const redis = await connectRedis({ url: process.env.REDIS_URL });
const say = (o) => process.stdout.write(JSON.stringify({ pid: process.pid, ...o }) + '\\n');
const pacer = createRedisPacer({ redis, prefix: process.env.PREFIX, writesPerWindow: 4, windowMs: 60000, onWait: (ms) => say({ waitMs: ms }) });
for (let i = 0; i < 3; i++) await pacer.run(async () => say({ wrote: i }));
say({ finished: true });
`;

type Line = { pid: number; wrote?: number; waitMs?: number; finished?: boolean };

let children: ChildProcess[] = [];
let redis: Redis | undefined;
let prefix = '';
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  if (redis) await deleteKeys(redis, prefix);
  redis?.disconnect();
});

describe.skipIf(!REDIS_URL)(`write pacer across processes (${WITH_REDIS})`, () => {
  it('two processes share one budget: 4 writes land, the fifth waits for the window though its process wrote fewer', async () => {
    if (!existsSync(PACER)) throw new Error(`${PACER} is missing: run \`npm run build\` first (npm test does)`);
    redis = await openRedis();
    prefix = testPrefix();
    const lines: Line[] = [];
    const env = {
      PATH: process.env.PATH ?? '',
      REDIS_URL,
      PREFIX: prefix,
      PACER: pathToFileURL(PACER).href,
      CONNECT: pathToFileURL(CONNECT).href,
    };
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let pending = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        const parts = (pending + chunk.toString('utf8')).split('\n');
        pending = parts.pop() ?? '';
        for (const raw of parts) lines.push(JSON.parse(raw) as Line);
      });
      children.push(child);
    }
    await expect
      .poll(
        () => lines.filter((l) => l.wrote !== undefined).length === 4 && lines.some((l) => l.waitMs !== undefined),
        { timeout: 30_000 },
      )
      .toBe(true);
    const writes = lines.filter((l) => l.wrote !== undefined);
    const waiting = lines.find((l) => l.waitMs !== undefined);
    const ownWrites = writes.filter((l) => l.pid === waiting?.pid).length;
    expect(ownWrites).toBeLessThan(4);
    expect(waiting?.waitMs).toBeGreaterThan(30_000);
    // Only a process whose 3 writes all landed has finished; the other is held by the shared window.
    const finished = lines.filter((l) => l.finished).map((l) => l.pid);
    expect(finished.every((pid) => writes.filter((l) => l.pid === pid).length === 3)).toBe(true);
    expect(finished).not.toContain(waiting?.pid);
    expect(await redis.zcard(`${prefix}window`)).toBe(4);
  });
});
