/**
 * The shared fake GitHub (test/github/fake-github.ts) plus the issues endpoints the dashboard uses: list
 * (filters `state` and `creator`, pages of `per_page` with a Link header, pull requests included as GitHub
 * does), get, create, update. Requests are recorded and checked against GitHub's OpenAPI description like
 * the shared fake's. `afterRead` runs after an issue is answered, so a test can act as a person editing the
 * issue between the App's read and its write.
 */
import { FakeGitHub, type FakeAnswer } from '../github/fake-github.js';
import type { OpenApiValidator } from '../github/openapi.js';

export interface FakeIssue {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string;
  user: { login: string; type: string };
}

const BOT = { login: 'kubemend[bot]', type: 'Bot' };

export class DashboardFake extends FakeGitHub {
  readonly issues: FakeIssue[] = [];
  /** Called after each issue list or get is answered. Default: nothing. */
  afterRead: ((kind: 'list' | 'get') => void) | undefined;
  private readonly validator: OpenApiValidator | undefined;

  constructor(opts: ConstructorParameters<typeof FakeGitHub>[0]) {
    super(opts);
    this.validator = opts.openapi;
  }

  /** An issue someone (or the App, earlier) opened. */
  addIssue(issue: Omit<FakeIssue, 'number' | 'state'> & { state?: 'open' | 'closed' }): FakeIssue {
    const created: FakeIssue = {
      number: this.nextNumber(),
      state: issue.state ?? 'open',
      title: issue.title,
      body: issue.body,
      user: issue.user,
    };
    this.issues.push(created);
    return created;
  }

  /** Issue and pull request numbers share one sequence, as on GitHub. */
  private nextNumber(): number {
    return Math.max(0, ...this.issues.map((i) => i.number), ...this.pulls.map((p) => p.number)) + 1;
  }

  override answer(method: string, uri: string, rawBody: string, accept: string): FakeAnswer {
    const url = new URL(uri);
    const body = rawBody !== '' ? (JSON.parse(rawBody) as Record<string, unknown>) : undefined;
    const routed = this.routeIssues(method, url.pathname, body ?? {}, url.searchParams);
    if (!routed) return super.answer(method, uri, rawBody, accept);
    const check = this.validator?.check(method, url.pathname, body) ?? { errors: [] };
    this.requests.push({
      method,
      path: `${url.pathname}${url.search}`,
      ...(check.template ? { template: check.template } : {}),
      body,
      at: Date.now(),
    });
    this.problems.push(...check.errors);
    const [status, json, headers, after] = routed;
    after?.();
    return { status, body: json, headers: headers ?? {} };
  }

  private routeIssues(
    method: string,
    path: string,
    body: Record<string, unknown>,
    query: URLSearchParams,
  ): [number, unknown, Record<string, string>?, (() => void)?] | undefined {
    const prefix = `/repos/${this.owner}/${this.repo}/issues`;
    if (!path.startsWith(prefix) || /\/(comments|labels)$/.test(path)) return undefined;
    const rest = path.slice(prefix.length);
    if (rest === '' && method === 'GET') return this.list(path, query);
    if (rest === '' && method === 'POST') {
      const issue = this.addIssue({ title: String(body.title), body: String(body.body ?? ''), user: BOT });
      return [201, this.json(issue)];
    }
    const issue = this.issues.find((i) => `/${i.number}` === rest);
    if (!issue) return /^\/\d+$/.test(rest) ? [404, { message: 'Not Found' }] : undefined;
    if (method === 'GET') return [200, this.json(issue), {}, () => this.afterRead?.('get')];
    if (method === 'PATCH') {
      if (typeof body.body === 'string') issue.body = body.body;
      if (typeof body.title === 'string') issue.title = body.title;
      if (body.state === 'open' || body.state === 'closed') issue.state = body.state;
      return [200, this.json(issue)];
    }
    return undefined;
  }

  private list(path: string, query: URLSearchParams): [number, unknown, Record<string, string>, () => void] {
    const state = query.get('state') ?? 'open';
    const creator = query.get('creator');
    const pulls = this.pulls.map((p) => ({
      number: p.number,
      state: p.state,
      title: p.title,
      body: p.body,
      user: p.user,
      pull_request: { url: '' },
    }));
    const all = [...this.issues.map((i) => this.json(i)), ...pulls.map((p) => ({ ...p, html_url: '', id: p.number }))]
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => !creator || i.user.login === creator)
      .sort((a, b) => (query.get('direction') === 'asc' ? a.number - b.number : b.number - a.number));
    const perPage = Number(query.get('per_page') ?? 30);
    const page = Number(query.get('page') ?? 1);
    const slice = all.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < all.length) {
      const next = new URLSearchParams(query);
      next.set('page', String(page + 1));
      headers.link = `<https://api.github.com${path}?${next.toString()}>; rel="next"`;
    }
    return [200, slice, headers, () => this.afterRead?.('list')];
  }

  private json(i: FakeIssue) {
    return {
      id: i.number,
      number: i.number,
      state: i.state,
      title: i.title,
      body: i.body,
      user: { ...i.user, id: 1 },
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${i.number}`,
    };
  }
}
