/**
 * The App as its own process (`node dist/app/server.js`, what `npm start` runs) against a fake GitHub on
 * the loopback, for tests that kill it and for the load benchmark. JSON logs are captured for assertions
 * (and for grepping for secrets). Signed deliveries are posted as GitHub posts them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './repo-files.js';

export const SERVER = join(repoRoot(), 'dist', 'app', 'server.js');

export interface AppProcess {
  port: number;
  /** Everything the process wrote, stdout and stderr, as it arrived. */
  output(): string;
  /** JSON log lines written so far. */
  lines(): Array<Record<string, unknown>>;
  /** Resolves with the first log line matching `test` (waiting for it). */
  waitFor(test: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  kill(signal: NodeJS.Signals): Promise<void>;
  pid: number;
}

export interface AppSecrets {
  privateKey: string;
  webhookSecret: string;
}

export function appSecrets(): AppSecrets {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    privateKey,
    webhookSecret: `whsec-${createHmac('sha256', privateKey).update('w').digest('hex').slice(0, 24)}`,
  };
}

/** Starts the built server with `env` added; resolves once it listens. Run `npm run build` first. */
export async function startApp(
  gheHost: string,
  secrets: AppSecrets,
  env: Record<string, string> = {},
): Promise<AppProcess> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first (npm test does)`);
  const child: ChildProcess = spawn(process.execPath, [SERVER], {
    // An empty working directory: no `.env` from the checkout is read.
    cwd: mkdtempSync(join(tmpdir(), 'kubemend-app-')),
    env: {
      PATH: process.env.PATH ?? '',
      APP_ID: '1',
      PRIVATE_KEY: secrets.privateKey,
      WEBHOOK_SECRET: secrets.webhookSecret,
      GHE_HOST: gheHost,
      GHE_PROTOCOL: 'http',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      KUBEMEND_WRITE_DELAY_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const parsed: Array<Record<string, unknown>> = [];
  const waiters: Array<{
    test: (l: Record<string, unknown>) => boolean;
    resolve: (l: Record<string, unknown>) => void;
  }> = [];
  let pending = '';
  const onText = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    pending += chunk.toString('utf8');
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const raw of complete) {
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        continue;
      }
      parsed.push(line);
      for (const w of waiters.filter((x) => x.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout?.on('data', onText);
  child.stderr?.on('data', onText);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitFor = (test: (l: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const hit = parsed.find(test);
      if (hit) return resolve(hit);
      waiters.push({ test, resolve });
      void exited.then(() => reject(new Error(`the App exited before the awaited log line; it wrote:\n${text}`)));
    });
  const listening = await waitFor((l) => l.msg === 'kubemend listening');
  return {
    port: Number(listening.port),
    pid: child.pid ?? 0,
    output: () => text,
    lines: () => parsed,
    waitFor,
    kill: async (signal) => {
      child.kill(signal);
      await exited;
    },
  };
}

/** Posts a delivery as GitHub does (JSON, signed with the webhook secret); resolves with the status. */
export function deliver(port: number, secret: string, name: string, id: string, payload: unknown): Promise<number> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const headers = {
    'content-type': 'application/json',
    'x-github-event': name,
    'x-github-delivery': id,
    'x-hub-signature-256': signature,
  };
  return post(port, headers, body);
}

/** A POST to the webhook path with node:http (a Fetch body does not pass through nock's interceptors in tests). */
export function post(port: number, headers: Record<string, string>, body: string | Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/github/webhooks',
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
