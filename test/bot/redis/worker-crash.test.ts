/**
 * The App on Redis as real processes: the webhook server (`npm start` with KUBEMEND_WORKERS=0) queues the
 * job in BullMQ, a `kubemend worker` runs it against the fake GitHub and is killed with SIGKILL after it
 * pushed the branch and before GitHub answered the pull request create. Nothing is redelivered: a second
 * worker recovers the stalled job from Redis and completes it, and exactly one pull request exists. And
 * `npm start` with REDIS_URL alone runs the jobs it queues.
 */
import type { Redis } from 'ioredis';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, appSecrets, deliver, startApp } from '../../app/app-process.js';
import { example, webRunAsRootAlert } from '../../app/payloads.js';
import { exampleRepoFiles } from '../../app/repo-files.js';
import { FakeGitHub, assertNoApiProblems } from '../../github/fake-github.js';
import { type FakeGitHubServer, serveFakeGitHub } from '../../github/fake-github-server.js';
import { createOpenApiValidator } from '../../github/openapi.js';
import { REDIS_URL, WITH_REDIS, deleteKeys, openRedis, testPrefix } from './redis-test-env.js';
import { type WorkerProcess, startWorkerProcess } from './worker-process.js';

const openapi = createOpenApiValidator('ghes-3.19');
const repoInfo = example('code_scanning_alert', 'created').repository as {
  name: string;
  owner: { login: string };
  default_branch: string;
};
const WEB = 'apps/web/deployment.yaml';

let server: FakeGitHubServer | undefined;
let redis: Redis | undefined;
const processes: Array<AppProcess | WorkerProcess> = [];
const prefix = testPrefix()
  .replace(/[^\w.-]/g, '-')
  .replace(/-+$/, '');

beforeAll(() => nock.enableNetConnect('127.0.0.1'));
afterAll(() => nock.disableNetConnect());
afterEach(async () => {
  for (const p of processes.splice(0)) await p.kill('SIGKILL');
  await server?.close();
  if (redis) await deleteKeys(redis, prefix);
  redis?.disconnect();
  assertNoApiProblems();
});

describe.skipIf(!REDIS_URL)(`a worker killed in the middle of a job (${WITH_REDIS})`, () => {
  it('SIGKILL after the branch is pushed; another worker recovers the job from Redis: one pull request', async () => {
    redis = await openRedis();
    const gh = new FakeGitHub({
      owner: repoInfo.owner.login,
      repo: repoInfo.name,
      defaultBranch: repoInfo.default_branch,
      files: exampleRepoFiles(),
      openapi,
    });
    gh.inject({ call: 'POST /repos/{owner}/{repo}/pulls', fault: { kind: 'hang' } });
    let atCreate!: () => void;
    const reachedCreate = new Promise<void>((resolve) => (atCreate = resolve));
    gh.watch((r) => r.method === 'POST' && r.template === '/repos/{owner}/{repo}/pulls' && atCreate());
    server = await serveFakeGitHub([gh]);
    const secrets = appSecrets();
    const redisEnv = { REDIS_URL, KUBEMEND_REDIS_PREFIX: prefix, KUBEMEND_JOB_LOCK_MS: '1000' };

    const web = await startApp(server.host, secrets, { ...redisEnv, KUBEMEND_WORKERS: '0' });
    processes.push(web);
    const first = await startWorkerProcess(server.host, secrets, redisEnv);
    processes.push(first);
    const alert = webRunAsRootAlert(1);
    expect(await deliver(web.port, secrets.webhookSecret, 'code_scanning_alert', 'crash-redis-1', alert)).toBe(202);
    await reachedCreate;
    // The branch kubemend pushed (its name follows the grouping configuration).
    const branches = [...gh.refs.keys()].filter((r) => r.startsWith('kubemend/'));
    expect(branches).toHaveLength(1);
    const [branch = ''] = branches;
    const pushed = gh.refs.get(branch);
    expect(gh.pulls).toEqual([]);
    await first.kill('SIGKILL');
    processes.splice(processes.indexOf(first), 1);
    expect(await redis.get(`${prefix}:delivery:done:crash-redis-1`)).toBeNull();

    const second = await startWorkerProcess(server.host, secrets, redisEnv);
    processes.push(second);
    const done = await second.waitFor(
      (l) => l.msg === 'job done' || l.msg?.toString().startsWith('job failed') === true,
    );
    expect(done.msg).toBe('job done');
    expect(done.pullRequests).toEqual([{ key: expect.any(String), branch, outcome: 'created' }]);
    expect(gh.pulls.map((p) => [p.head, p.state, p.headSha])).toEqual([[branch, 'open', pushed]]);
    expect([...gh.refs.keys()].filter((r) => r.startsWith('kubemend/'))).toEqual([branch]);
    expect(gh.filesAt(pushed ?? '')[WEB]).toContain('runAsNonRoot: true');
    // The delivery is done in the shared ledger (a redelivery is dropped), and no BullMQ job failed.
    await expect.poll(() => redis?.get(`${prefix}:delivery:done:crash-redis-1`)).toBe('1');
    expect(await redis.zcard(`${prefix}:jobs:failed`)).toBe(0);
    expect(await deliver(web.port, secrets.webhookSecret, 'code_scanning_alert', 'crash-redis-1', alert)).toBe(202);
    await web.waitFor((l) => l.msg === 'duplicate delivery ignored');
  });
  it('npm start with REDIS_URL runs the queued job itself (KUBEMEND_WORKERS unset): one pull request', async () => {
    redis = await openRedis();
    const gh = new FakeGitHub({
      owner: repoInfo.owner.login,
      repo: repoInfo.name,
      defaultBranch: repoInfo.default_branch,
      files: exampleRepoFiles(),
      openapi,
    });
    server = await serveFakeGitHub([gh]);
    const secrets = appSecrets();
    const web = await startApp(server.host, secrets, { REDIS_URL, KUBEMEND_REDIS_PREFIX: prefix });
    processes.push(web);
    const alert = webRunAsRootAlert(2);
    expect(await deliver(web.port, secrets.webhookSecret, 'code_scanning_alert', 'redis-start-1', alert)).toBe(202);
    const done = await web.waitFor((l) => l.msg === 'job done' || l.msg?.toString().startsWith('job failed') === true);
    expect(done.msg).toBe('job done');
    expect(gh.pulls.map((p) => p.state)).toEqual(['open']);
    expect(gh.filesAt(gh.pulls[0]?.headSha ?? '')[WEB]).toContain('runAsNonRoot: true');
    await expect.poll(() => redis?.zcard(`${prefix}:jobs:completed`)).toBe(1);
  });
});
