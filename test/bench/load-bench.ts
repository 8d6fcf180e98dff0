/**
 * `npm run bench:load`: the App as a real process (`node dist/app/server.js`, production settings) against a
 * fake GitHub on 127.0.0.1 (its own process), hit with bursts of signed webhook deliveries, then with
 * hostile bodies. Prints, per burst: acknowledgement latency (p50, p99, max), the time until every job has
 * run (the queue drained), the App's peak RSS, what landed on the fake GitHub (pull requests, duplicates,
 * branches left without a pull request). Figures, not assertions (DEVELOPERS.md, non-negotiable 5).
 *
 * The bursts are `code_scanning_alert` deliveries spread over `REPOS` repositories, two alerts of one
 * remediation each, every delivery a new id: the shape of a scanner upload over many repositories, or of
 * deliveries redelivered after an outage. Environment: BURSTS (Default: 200,1000), REPOS (Default: 10).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type AppProcess, appSecrets, post, startApp } from '../app/app-process.js';
import { alertPayload } from '../app/payloads.js';
import type { FakeStats } from './fake-github-process.js';

const BURSTS = (process.env.BURSTS ?? '200,1000').split(',').map(Number);
const REPOS = Number(process.env.REPOS ?? '10');
const MiB = 1024 * 1024;

interface FakeGitHubProcess {
  host: string;
  stats(): Promise<FakeStats>;
  stop(): Promise<void>;
}

async function startFakeGitHub(): Promise<FakeGitHubProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./fake-github-process.js', import.meta.url)), {
    env: { ...process.env, REPOS: String(REPOS) },
  });
  const host = await new Promise<string>((resolve) =>
    child.once('message', (m) => resolve((m as { host: string }).host)),
  );
  return {
    host,
    stats: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve((m as { stats: FakeStats }).stats));
        child.send('stats');
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

/** Peak and current resident memory of a process, from /proc (Linux). */
function memory(pid: number): { peakMiB: number; nowMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { peakMiB: Math.round(kb('VmHWM') / 1024), nowMiB: Math.round(kb('VmRSS') / 1024) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const ALERTS = [
  { path: 'apps/web/deployment.yaml', startLine: 21, endLine: 37, container: 'web', workload: 'web' },
  { path: 'apps/api/api.yaml', startLine: 31, endLine: 34, container: 'migrate', workload: 'api' },
];

function delivery(i: number): Record<string, unknown> {
  const a = ALERTS[Math.floor(i / REPOS) % ALERTS.length]!;
  const payload = alertPayload({
    number: i + 1,
    ruleId: 'KSV-0012',
    tool: 'Trivy',
    ...a,
    message: `Container '${a.container}' of Deployment '${a.workload}' should set 'securityContext.runAsNonRoot' to true`,
  });
  const repo = `infra-${i % REPOS}`;
  // The fake repositories' default branch is the example payload's (`master`), so the alert is on it.
  Object.assign(payload.repository, { name: repo, full_name: `bench/${repo}` });
  Object.assign(payload.repository.owner, { login: 'bench' });
  return payload;
}

async function burst(size: number, fake: FakeGitHubProcess): Promise<void> {
  const secrets = appSecrets();
  const app = await startApp(fake.host, secrets, { LOG_LEVEL: 'info' });
  // Bodies and signatures are made before the clock starts: the burst measures the App, not this process.
  const requests = Array.from({ length: size }, (_, i) =>
    signed(secrets.webhookSecret, `burst-${size}-${i}`, delivery(i)),
  );
  const started = performance.now();
  const acks = await Promise.all(
    requests.map(async ({ headers, body }) => {
      const status = await post(app.port, headers, body);
      return { ms: performance.now() - started, status };
    }),
  );
  const acked = performance.now() - started;
  await drained(app, size);
  const drainedAfter = (performance.now() - started) / 1000;
  const mem = memory(app.pid);
  const stats = await fake.stats();
  await app.kill('SIGKILL');
  const ms = acks.map((a) => a.ms).sort((a, b) => a - b);
  const statuses = [...new Set(acks.map((a) => a.status))].join(',');
  const jobs = app.lines().filter((l) => l.msg === 'job done').length;
  console.log(
    `| ${size} | ${statuses} | ${percentile(ms, 50).toFixed(0)} | ${percentile(ms, 99).toFixed(0)} | ${ms.at(-1)?.toFixed(0)} | ${(acked / 1000).toFixed(1)} | ${jobs} | ${drainedAfter.toFixed(1)} | ${mem.peakMiB} | ${stats.pullRequests} | ${stats.duplicatePullRequests} | ${stats.branchesWithoutPullRequest} | ${stats.requests} |`,
  );
}

function signed(secret: string, id: string, payload: unknown): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'code_scanning_alert',
      'x-github-delivery': id,
      'x-hub-signature-256': signature,
    },
  };
}

/** Resolves when the App has logged the outcome of every delivery (jobs answer for the deliveries folded into them). */
async function drained(app: AppProcess, deliveries: number): Promise<void> {
  const answered = () =>
    app
      .lines()
      .filter(
        (l) =>
          l.msg === 'job done' ||
          l.msg === 'alert skipped' ||
          l.msg === 'job failed after retries; reported, and runs again on redelivery or the next event',
      )
      .reduce((n, l) => n + 1 + Number(l.folded ?? 0), 0);
  while (answered() < deliveries) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Sends `bytes` of body with a signature that will not match, as fast as the App reads; resolves with the status (or `reset`). */
function hostile(port: number, bytes: number, declare: boolean): Promise<string> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': 'hostile',
      'x-hub-signature-256': `sha256=${createHmac('sha256', 'x').update('y').digest('hex')}`,
    };
    if (declare) headers['content-length'] = String(bytes);
    const req = request({ host: '127.0.0.1', port, path: '/api/github/webhooks', method: 'POST', headers }, (res) => {
      res.resume();
      resolve(String(res.statusCode));
    });
    req.on('error', () => resolve('reset'));
    const chunk = Buffer.alloc(MiB, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

async function hostileBodies(fake: FakeGitHubProcess): Promise<void> {
  const app = await startApp(fake.host, appSecrets(), { LOG_LEVEL: 'info' });
  const before = memory(app.pid).nowMiB;
  const cases: Array<[string, () => Promise<string[]>]> = [
    ['one 200 MiB body, chunked, bad signature', async () => [await hostile(app.port, 200 * MiB, false)]],
    ['one 200 MiB body, declared length', async () => [await hostile(app.port, 200 * MiB, true)]],
    [
      '50 x 20 MiB bodies at once, bad signature',
      () => Promise.all(Array.from({ length: 50 }, () => hostile(app.port, 20 * MiB, true))),
    ],
  ];
  console.log(
    `\nHostile bodies (App RSS before: ${before} MiB)\n\n| case | answers | App peak RSS (MiB) |\n|---|---|---|`,
  );
  for (const [name, run] of cases) {
    const answers = await run();
    const counts = Object.entries(
      answers.reduce<Record<string, number>>((m, a) => ({ ...m, [a]: (m[a] ?? 0) + 1 }), {}),
    )
      .map(([k, v]) => `${v} x ${k}`)
      .join(', ');
    console.log(`| ${name} | ${counts} | ${memory(app.pid).peakMiB} |`);
  }
  await app.kill('SIGKILL');
}

export async function run(): Promise<void> {
  console.log(
    `Bursts of signed code_scanning_alert deliveries over ${REPOS} repositories; App defaults (KUBEMEND_CONCURRENCY 4, write pacing 1 s).\n`,
  );
  console.log(
    '| deliveries | HTTP answers | ack p50 (ms) | ack p99 (ms) | ack max (ms) | all acked (s) | jobs run | queue drained (s) | App peak RSS (MiB) | open PRs | duplicate PRs | branches without PR | GitHub requests |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const size of BURSTS) {
    // A fresh GitHub per burst: every burst starts from repositories without pull requests.
    const fresh = await startFakeGitHub();
    await burst(size, fresh);
    await fresh.stop();
  }
  const last = await startFakeGitHub();
  await hostileBodies(last);
  await last.stop();
}

await run();
