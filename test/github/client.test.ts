/**
 * The token client (src/github/client.ts) against the fake GitHub at the HTTP layer: it sends the token,
 * reads through the stage's helpers and `config.get`, and follows the App's reliability policy (a 5xx
 * retried, a secondary rate limit waited for and logged, other 4xx answered at once, a request that never
 * ends cut at its deadline). Probot's client satisfies the same `GitHub` type (checked by the compiler).
 */
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientLog, type GitHub, createGitHubClient, getBranchHead, readTree } from '../../src/github/index.js';
import { FakeGitHub, assertNoApiProblems } from './fake-github.js';
import { createOpenApiValidator } from './openapi.js';

const openapi = createOpenApiValidator();
const repo = { owner: 'octo-org', repo: 'infra' };
const TREES = 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}';

afterEach(assertNoApiProblems);

function fake(): FakeGitHub {
  const files = { 'k8s/web.yaml': 'kind: Deployment\n', '.github/kubemend.yml': 'pullRequests:\n  draft: true\n' };
  return new FakeGitHub({ ...repo, files, openapi }).intercept();
}

function capturedLog(): ClientLog & { warnings: Array<{ fields: object | string; msg?: string }> } {
  const warnings: Array<{ fields: object | string; msg?: string }> = [];
  const ignore = () => undefined;
  return {
    warnings,
    debug: ignore,
    info: ignore,
    error: ignore,
    warn: (fields, msg) => warnings.push({ fields, ...(msg ? { msg } : {}) }),
  };
}

describe('createGitHubClient', () => {
  it('sends the token and reads through the stage, config.get included', async () => {
    // Declared before the fake's catch-all interceptors, so it answers this one request.
    nock('https://api.github.com')
      .get('/repos/octo-org/infra')
      .matchHeader('authorization', 'token ghs_actionToken')
      .reply(200, { id: 1, full_name: 'octo-org/infra' });
    const gh = fake();
    const client = createGitHubClient({ auth: 'ghs_actionToken' });
    expect((await client.rest.repos.get(repo)).data).toEqual({ id: 1, full_name: 'octo-org/infra' });
    const head = await getBranchHead(client, repo, 'main');
    expect(head).toBe(gh.refs.get('main'));
    expect((await readTree(client, repo, head ?? '')).files.map((f) => f.path).sort()).toEqual([
      '.github/kubemend.yml',
      'k8s/web.yaml',
    ]);
    const { config } = await client.config.get({ ...repo, path: '.github/kubemend.yml' });
    expect(config).toEqual({ pullRequests: { draft: true } });
  });

  it('serves a base URL with a path (GitHub Enterprise Server, GITHUB_API_URL) without a doubled slash', async () => {
    const gh = new FakeGitHub({ ...repo, files: { 'a.yaml': 'a: 1\n' }, openapi }).intercept(
      'https://ghe.example.com/api/v3',
    );
    const client = createGitHubClient({ auth: 't', baseUrl: 'https://ghe.example.com/api/v3/' });
    expect(await getBranchHead(client, repo, 'main')).toBe(gh.refs.get('main'));
  });

  it('retries a 502 and returns the answer that follows', async () => {
    const gh = fake().inject({ call: TREES, fault: { kind: 'status', status: 502 } });
    const client = createGitHubClient({ auth: 't' });
    const tree = await readTree(client, repo, gh.refs.get('main') ?? '');
    expect(tree.files).toHaveLength(2);
    expect(gh.requests.filter((r) => r.template === '/repos/{owner}/{repo}/git/trees/{tree_sha}')).toHaveLength(2);
  });

  it('waits out a secondary rate limit as GitHub asks, logging it, then retries', async () => {
    const message = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
    const gh = fake().inject({
      call: TREES,
      fault: { kind: 'status', status: 403, message, headers: { 'retry-after': '1' } },
    });
    const log = capturedLog();
    const tree = await readTree(createGitHubClient({ auth: 't', log }), repo, gh.refs.get('main') ?? '');
    expect(tree.files).toHaveLength(2);
    expect(log.warnings).toEqual([
      {
        fields: {
          limit: 'secondary',
          method: 'GET',
          url: '/repos/{owner}/{repo}/git/trees/{tree_sha}',
          retryAfter: 1,
          retryCount: 0,
        },
        msg: 'GitHub rate limit: waiting as GitHub asks, then retrying',
      },
    ]);
  });

  it('answers other 4xx at once: a 403 that is not a rate limit is not retried', async () => {
    const gh = fake().inject({
      call: TREES,
      fault: { kind: 'status', status: 403, message: 'Resource not accessible by integration' },
    });
    const client = createGitHubClient({ auth: 't' });
    await expect(readTree(client, repo, gh.refs.get('main') ?? '')).rejects.toMatchObject({ status: 403 });
    expect(gh.requests.filter((r) => r.template === '/repos/{owner}/{repo}/git/trees/{tree_sha}')).toHaveLength(1);
  });

  it('cuts a request GitHub never answers at its deadline', async () => {
    const gh = fake().inject({ call: TREES, fault: { kind: 'hang' } });
    const client = createGitHubClient({ auth: 't', timeoutMs: 50, retries: 0 });
    await expect(readTree(client, repo, gh.refs.get('main') ?? '')).rejects.toThrow(/did not answer within 50 ms/);
  });

  it("is the same GitHub type as Probot's client", () => {
    const clients: GitHub[] = [createGitHubClient({ auth: 't' }), new ProbotOctokit()];
    for (const c of clients)
      expect([typeof c.rest.git.getTree, typeof c.paginate, typeof c.config.get]).toEqual([
        'function',
        'function',
        'function',
      ]);
  });
});
