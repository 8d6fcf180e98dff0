/**
 * `npm start`: the App as a plain Node process. The environment is validated first (one schema, errors
 * naming what to set); then Probot's own `run` starts its server, reading the same variables, so GitHub
 * Enterprise Server works through Probot's `GHE_HOST` / `GHE_PROTOCOL` unchanged.
 */
import { existsSync } from 'node:fs';
import { run } from 'probot';
import { createDefaultEngine } from './default-engine.js';
import { parseEnv } from './env.js';
import { createKubemendApp } from './index.js';

async function main(): Promise<void> {
  // Probot loads `.env` inside `run`; load it first so validation sees the same values (set variables win).
  if (existsSync('.env')) process.loadEnvFile('.env');
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    process.stderr.write(`kubemend: cannot start, fix the environment (see docs/app.md and .env.example):\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}\n`);
    process.exitCode = 1;
    return;
  }
  const { env } = parsed;
  const kubemend = createKubemendApp({ engine: createDefaultEngine(), concurrency: env.KUBEMEND_CONCURRENCY, writeDelayMs: env.KUBEMEND_WRITE_DELAY_MS });
  await run(kubemend.app);
}

await main();
