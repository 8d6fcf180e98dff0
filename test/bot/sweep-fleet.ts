/**
 * Many repositories in several installations behind one nock interceptor, for sweeps: each repository is
 * a DashboardFake (the shared fake plus issues); the fleet adds what only an App-wide sweep asks for, paged
 * like GitHub (Link headers, `per_page`): the App's installations, each installation's repositories (told
 * apart by the installation token a client sends), installation tokens, and conditional requests on branch
 * refs (an ETag per ref; `If-None-Match` with the current one answers 304). Every request is recorded in
 * `requests` and checked against GitHub's OpenAPI description.
 */
import { createRequire } from 'node:module';
import type { FakeAnswer, RecordedRequest } from '../github/fake-github.js';
import type { OpenApiValidator } from '../github/openapi.js';
import { DashboardFake } from './dashboard-fake.js';

export interface FleetRepo {
  installationId: number;
  owner: string;
  repo: string;
  files: Record<string, string>;
  archived?: boolean;
}

/** The token the fleet issues for an installation (and the one clients of that installation send). */
export function installationToken(id: number): string {
  return `ghs_fleet${String(id).padStart(31, '0')}`;
}

export class FakeFleet {
  readonly repos = new Map<string, DashboardFake>();
  readonly requests: RecordedRequest[] = [];
  readonly problems: string[] = [];
  private readonly entries: FleetRepo[] = [];
  /** Where Link headers point (the API root). Default: https://api.github.com; a loopback server sets its own. */
  linkBase = 'https://api.github.com';

  constructor(
    private readonly openapi: OpenApiValidator | undefined,
    private readonly perPage = 100,
  ) {}

  add(entry: FleetRepo): DashboardFake {
    const fake = new DashboardFake({
      owner: entry.owner,
      repo: entry.repo,
      files: entry.files,
      ...(this.openapi ? { openapi: this.openapi } : {}),
    });
    this.repos.set(`${entry.owner}/${entry.repo}`, fake);
    this.entries.push(entry);
    return fake;
  }

  repo(fullName: string): DashboardFake {
    const fake = this.repos.get(fullName);
    if (!fake) throw new Error(`no repository ${fullName} in the fleet`);
    return fake;
  }

  /** Requests since `from` whose path is under `/repos/<fullName>/` or the owner's `.github` repository. */
  requestsFor(fullName: string, from = 0): RecordedRequest[] {
    const owner = fullName.split('/')[0];
    return this.requests
      .slice(from)
      .filter((r) => r.path.startsWith(`/repos/${fullName}/`) || r.path.startsWith(`/repos/${owner}/.github/`));
  }

  intercept(origin = 'https://api.github.com'): this {
    const nock = createRequire(import.meta.url)('nock') as typeof import('nock');
    const scope = nock(origin).persist();
    for (const method of ['get', 'post', 'patch', 'put', 'delete'] as const) {
      scope
        .intercept(/.*/, method.toUpperCase())
        .optionally()
        .reply(async (request: Request) => {
          const answer = this.answer(method.toUpperCase(), request.url, await request.text(), request.headers);
          if (!('status' in answer)) throw new Error('the fleet never hangs');
          return [answer.status, answer.body as string, answer.headers];
        });
    }
    return this;
  }

  answer(method: string, uri: string, rawBody: string, headers: Headers): FakeAnswer {
    const url = new URL(uri);
    const path = url.pathname;
    const own = this.own(method, path, url.searchParams, headers);
    if (own) {
      this.record(method, path, rawBody);
      return own;
    }
    const [, owner = '', repo = ''] = /^\/repos\/([^/]+)\/([^/]+)/.exec(path) ?? [];
    // Another repository of an owner (its `.github`): answered by any fake of that owner, as a 404 or its otherConfigs.
    const fake = this.repos.get(`${owner}/${repo}`) ?? [...this.repos.values()].find((f) => f.owner === owner);
    if (!fake) {
      this.record(method, path, rawBody);
      this.problems.push(`${method} ${path}: not implemented by the fleet`);
      return { status: 501, body: { message: 'not implemented by the fleet' }, headers: {} };
    }
    const before = fake.requests.length;
    const answer = fake.answer(method, uri, rawBody, headers.get('accept') ?? '');
    this.requests.push(...fake.requests.slice(before));
    this.problems.push(...fake.problems.splice(0));
    return answer;
  }

  private record(method: string, path: string, rawBody: string): void {
    const body = rawBody !== '' ? (JSON.parse(rawBody) as unknown) : undefined;
    const check = this.openapi?.check(method, path, body) ?? { errors: [] };
    this.requests.push({ method, path, ...(check.template ? { template: check.template } : {}), body, at: Date.now() });
    this.problems.push(...check.errors);
  }

  /** The App-wide routes and the conditional ref read; undefined for everything a repository's fake answers. */
  private own(method: string, path: string, query: URLSearchParams, headers: Headers): FakeAnswer | undefined {
    const token = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (method === 'POST' && token)
      return json(201, {
        token: installationToken(Number(token[1])),
        expires_at: '2099-01-01T00:00:00Z',
        permissions: {},
        repository_selection: 'all',
      });
    if (method === 'GET' && path === '/app')
      return json(200, { id: 1, slug: 'kubemend', name: 'kubemend', owner: null, permissions: {}, events: [] });
    if (method === 'GET' && path === '/app/installations') {
      const ids = [...new Set(this.entries.map((e) => e.installationId))];
      const all = ids.map((id) => ({
        id,
        account: { login: this.entries.find((e) => e.installationId === id)?.owner ?? '', id, type: 'Organization' },
        suspended_at: null,
      }));
      return this.page(path, query, all, (items) => items);
    }
    if (method === 'GET' && path === '/installation/repositories') {
      const id = [...new Set(this.entries.map((e) => e.installationId))].find((i) =>
        headers.get('authorization')?.endsWith(installationToken(i)),
      );
      if (id === undefined) return json(401, { message: 'Bad credentials' });
      const repos = this.entries.filter((e) => e.installationId === id).map((e) => this.repositoryJson(e));
      return this.page(path, query, repos, (items) => ({ total_count: repos.length, repositories: items }));
    }
    const ref = /^\/repos\/([^/]+)\/([^/]+)\/git\/ref\/heads\/(.+)$/.exec(decodeURIComponent(path));
    if (method === 'GET' && ref) return this.conditionalRef(`${ref[1]}/${ref[2]}`, ref[3] ?? '', headers);
    return undefined;
  }

  /** Answered by the repository's fake, with an ETag; 304 when `If-None-Match` names the current one. */
  private conditionalRef(fullName: string, branch: string, headers: Headers): FakeAnswer | undefined {
    const fake = this.repos.get(fullName);
    const sha = fake?.refs.get(branch);
    if (!fake || !sha) return undefined;
    const etag = `W/"${sha}"`;
    if (headers.get('if-none-match') === etag) return { status: 304, body: '', headers: { etag } };
    const answer = fake.answer('GET', `https://api.github.com/repos/${fullName}/git/ref/heads/${branch}`, '', '');
    // The fake recorded the request; the fleet records it once, here.
    fake.requests.pop();
    return 'status' in answer ? { ...answer, headers: { ...answer.headers, etag } } : answer;
  }

  private page<T>(path: string, query: URLSearchParams, all: T[], shape: (items: T[]) => unknown): FakeAnswer {
    const perPage = Math.min(Number(query.get('per_page') ?? 30), this.perPage);
    const page = Number(query.get('page') ?? 1);
    const headers: Record<string, string> = {};
    if (page * perPage < all.length) {
      const next = new URLSearchParams(query);
      next.set('page', String(page + 1));
      headers.link = `<${this.linkBase}${path}?${next.toString()}>; rel="next"`;
    }
    return json(200, shape(all.slice((page - 1) * perPage, page * perPage)), headers);
  }

  private repositoryJson(e: FleetRepo) {
    const full = `${e.owner}/${e.repo}`;
    return {
      id: this.entries.indexOf(e) + 1,
      name: e.repo,
      full_name: full,
      owner: { login: e.owner, id: 1, type: 'Organization' },
      private: true,
      archived: e.archived ?? false,
      default_branch: this.repo(full).defaultBranch,
    };
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeAnswer {
  return { status, body, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } };
}

/** Serves the fleet on 127.0.0.1 under `/api/v3`, as GitHub Enterprise Server (`GHE_HOST`, `GHE_PROTOCOL=http`). */
export async function serveFleet(fleet: FakeFleet): Promise<{ host: string; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const answer = fleet.answer(
        req.method ?? 'GET',
        `http://127.0.0.1${(req.url ?? '/').replace(/^\/api\/v3/, '')}`,
        Buffer.concat(chunks).toString('utf8'),
        headers,
      );
      if (!('status' in answer)) return void res.socket?.destroy();
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      const type = typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
      res
        .writeHead(answer.status, { 'content-type': type, ...answer.headers })
        .end(answer.status === 304 ? undefined : text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  fleet.linkBase = `http://127.0.0.1:${port}/api/v3`;
  return {
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
