/**
 * The App as a real process (`node dist/app/server.js`) against a fake GitHub on 127.0.0.1, killed with
 * SIGKILL after it pushed the branch and before GitHub answered the pull request create; restarted; the
 * delivery redelivered. Exactly one pull request results, from the branch the first process left (adopted,
 * not `branch-occupied`), and nothing either process printed holds a secret.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub, INSTALLATION_TOKEN, assertNoApiProblems } from '../github/fake-github.js';
import { type FakeGitHubServer, serveFakeGitHub } from '../github/fake-github-server.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { type AppProcess, appSecrets, deliver, startApp } from './app-process.js';
import { example, webRunAsRootAlert } from './payloads.js';
import { exampleRepoFiles } from './repo-files.js';

const openapi = createOpenApiValidator('ghes-3.19');
const repoInfo = example('code_scanning_alert', 'created').repository as {
  name: string;
  owner: { login: string };
  default_branch: string;
};
const WEB = 'apps/web/deployment.yaml';
const BRANCH = 'kubemend/run-as-non-root';
const PULLS = 'POST /repos/{owner}/{repo}/pulls';

let server: FakeGitHubServer | undefined;
const apps: AppProcess[] = [];

beforeAll(() => nock.enableNetConnect('127.0.0.1'));
afterAll(() => nock.disableNetConnect());
afterEach(async () => {
  for (const app of apps.splice(0)) await app.kill('SIGKILL');
  await server?.close();
  assertNoApiProblems();
});

/** Every line of a PEM key's body, the secret, the installation token, anything JWT-shaped. */
function leaks(text: string, secrets: { privateKey: string; webhookSecret: string }): string[] {
  const keyLines = secrets.privateKey.split('\n').filter((l) => l.length >= 16 && !l.startsWith('-----'));
  const found = [...keyLines, secrets.webhookSecret, INSTALLATION_TOKEN].filter((s) => text.includes(s));
  if (/eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/.test(text)) found.push('a JWT');
  return found;
}

describe('crash during pull request creation', () => {
  it('SIGKILL after the branch is pushed, restart, redeliver: one pull request, the branch adopted', async () => {
    const gh = new FakeGitHub({
      owner: repoInfo.owner.login,
      repo: repoInfo.name,
      defaultBranch: repoInfo.default_branch,
      files: exampleRepoFiles(),
      openapi,
    });
    // The first create is never answered: the process dies waiting for it, before the pull request exists.
    gh.inject({ call: PULLS, fault: { kind: 'hang' } });
    let atCreate!: () => void;
    const reachedCreate = new Promise<void>((resolve) => (atCreate = resolve));
    gh.watch((r) => r.method === 'POST' && r.template === '/repos/{owner}/{repo}/pulls' && atCreate());
    server = await serveFakeGitHub([gh]);
    const secrets = appSecrets();
    const alert = webRunAsRootAlert(1);

    const first = await startApp(server.host, secrets);
    apps.push(first);
    expect(await deliver(first.port, secrets.webhookSecret, 'code_scanning_alert', 'crash-1', alert)).toBe(202);
    await reachedCreate;
    const pushed = gh.refs.get(BRANCH);
    expect(pushed).toBeDefined();
    expect(gh.pulls).toEqual([]);
    await first.kill('SIGKILL');
    apps.splice(apps.indexOf(first), 1);

    const second = await startApp(server.host, secrets);
    apps.push(second);
    // GitHub's Redeliver: the same delivery id and payload.
    expect(await deliver(second.port, secrets.webhookSecret, 'code_scanning_alert', 'crash-1', alert)).toBe(202);
    const done = await second.waitFor(
      (l) => l.msg === 'job done' || l.msg?.toString().startsWith('job failed') === true,
    );
    expect(done.msg).toBe('job done');
    expect(done.pullRequests).toEqual([{ key: 'run-as-non-root', branch: BRANCH, outcome: 'created' }]);

    expect(gh.pulls.map((p) => [p.head, p.state, p.headSha])).toEqual([[BRANCH, 'open', pushed]]);
    expect([...gh.refs.keys()].filter((r) => r.startsWith('kubemend/'))).toEqual([BRANCH]);
    expect(gh.filesAt(pushed ?? '')[WEB]).toContain('runAsNonRoot: true');
    const output = first.output() + second.output();
    expect(output).not.toContain('branch-occupied');
    expect(leaks(output, secrets)).toEqual([]);
    expect(
      leaks(JSON.stringify(gh.pulls) + JSON.stringify(gh.comments) + JSON.stringify(gh.checkRuns), secrets),
    ).toEqual([]);
  });
});
