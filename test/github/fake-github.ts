/**
 * A stateful fake of the parts of GitHub's REST API kubemend uses: refs, trees, blobs, commits, pulls,
 * labels, comments, check runs, contents, the App, installation tokens. It answers through nock at the HTTP
 * layer (`intercept`) or as a real server on the loopback (fake-github-server.ts, for the App as a process).
 * Every request is recorded and checked against GitHub's OpenAPI description; tests assert on the state it
 * stores (the tree of a pull request's commit) and on the recorded requests. Faults can be injected per call
 * type (`inject`): an error answer, a write applied whose answer is lost, no answer, a dropped connection.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import './promise-with-resolvers.js';
import type { OpenApiValidator } from './openapi.js';

export interface RecordedRequest {
  method: string;
  path: string;
  /** The OpenAPI path template matched, or undefined. */
  template?: string;
  body: unknown;
  /** `Date.now()` when it arrived (the fake clock in tests that use fake timers). */
  at: number;
}

export interface FakeCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  /** `app` for commits the App made through the API; `human` for ones a test pushes. */
  by: 'app' | 'human';
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  merged: boolean;
  title: string;
  body: string;
  head: string;
  headSha: string;
  base: string;
  draft: boolean;
  user: { login: string; type: string };
  labels: string[];
  fromFork: boolean;
}

/** What an injected fault does to a matching request. */
export type Fault =
  /** Answered with this status (and headers) instead of being applied. */
  | { kind: 'status'; status: number; message?: string; headers?: Record<string, string> }
  /** Applied, then answered 502: the client never learns that the write happened. */
  | { kind: 'lost' }
  /** Never answered (the client's own deadline must end it). */
  | { kind: 'hang' }
  /** The connection drops before any answer. */
  | { kind: 'reset' };

export interface FaultRule {
  /** `METHOD template`, e.g. `POST /repos/{owner}/{repo}/pulls`. */
  call: string;
  fault: Fault;
  /** Matching requests to let through before the fault applies. Default: 0. */
  skip?: number;
  /** Matching requests the fault applies to. Default: 1. */
  times?: number;
}

/** The fake's answer to one request. */
export type FakeAnswer =
  { status: number; body: unknown; headers: Record<string, string> } | { hang: true } | { reset: true };

export interface FakeCheckRun {
  name: string;
  head_sha: string;
  conclusion: string;
  external_id: string;
  output: { title: string; summary: string };
}

const BOT = { login: 'kubemend[bot]', id: 1, type: 'Bot' };
const HUMAN = { login: 'octocat', id: 2, type: 'User' };
/** GitHub's committer for commits it signs on a client's behalf. */
const WEB_FLOW = { login: 'web-flow', id: 3, type: 'User' };
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

function gitSha(kind: string, content: string): string {
  return createHash('sha1')
    .update(`${kind} ${Buffer.byteLength(content)}\0${content}`)
    .digest('hex');
}

export interface FakeGitHubOptions {
  owner: string;
  repo: string;
  defaultBranch?: string;
  /** Files of the default branch's initial commit. */
  files: Record<string, string>;
  /** Checks every request against GitHub's OpenAPI description. Default: no checks (benchmarks). */
  openapi?: OpenApiValidator;
  /** `.github/kubemend.yml` of other repositories of the owner (the organisation's `.github`, `_extends` targets), by repo name. */
  otherConfigs?: Record<string, string>;
  /** The bot account the client acts as (author of its commits and pull requests). Default: `kubemend[bot]`; a workflow's token: `github-actions[bot]`. */
  botLogin?: string;
}

/** Every fake created in the current test file, so an `afterEach` can check none saw a bad request. */
const live: FakeGitHub[] = [];

/** Throws when any fake recorded a request GitHub's OpenAPI description rejects or the fake does not know; then forgets them. */
export function assertNoApiProblems(): void {
  const problems = live.flatMap((fake) => fake.problems);
  live.length = 0;
  if (problems.length) throw new Error(`Requests GitHub would not accept:\n${problems.join('\n')}`);
}

export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  readonly blobs = new Map<string, string>();
  readonly trees = new Map<string, Map<string, string>>();
  readonly commits = new Map<string, FakeCommit>();
  readonly refs = new Map<string, string>();
  readonly pulls: FakePull[] = [];
  readonly comments: Array<{ issue: number; body: string }> = [];
  readonly checkRuns: FakeCheckRun[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Requests that failed OpenAPI validation or that the fake does not implement. */
  readonly problems: string[] = [];
  private readonly openapi: OpenApiValidator | undefined;
  private readonly faults: Array<FaultRule & { seen: number }> = [];
  private readonly watchers: Array<(request: RecordedRequest) => void> = [];
  private readonly otherConfigs: Record<string, string>;
  private readonly bot: typeof BOT;

  constructor(opts: FakeGitHubOptions) {
    this.bot = { ...BOT, login: opts.botLogin ?? BOT.login };
    this.owner = opts.owner;
    this.repo = opts.repo;
    this.defaultBranch = opts.defaultBranch ?? 'main';
    this.openapi = opts.openapi;
    this.otherConfigs = opts.otherConfigs ?? {};
    live.push(this);
    const tree = this.storeTree(new Map(), opts.files);
    this.refs.set(this.defaultBranch, this.storeCommit({ tree, parents: [], message: 'initial', by: 'human' }));
  }

  /**
   * Starts intercepting the REST API at `baseUrl`. Default: https://api.github.com; GitHub Enterprise
   * Server serves it under `/api/v3` of its host.
   */
  intercept(baseUrl = 'https://api.github.com'): this {
    const url = new URL(baseUrl);
    this.pathPrefix = url.pathname.replace(/\/$/, '');
    // Loaded here, not imported: nock patches the HTTP globals on import, which the loopback server's
    // users (the load benchmark) must not get.
    const nock = createRequire(import.meta.url)('nock') as typeof import('nock');
    const scope = nock(url.origin).persist();
    for (const method of ['get', 'post', 'patch', 'put', 'delete'] as const) {
      // The fake is a server, not a list of expected calls: its interceptors are optional; unknown routes
      // are recorded in `problems` and answered 501.
      // nock 15 calls a one-argument reply function with the Fetch API Request.
      scope
        .intercept(/.*/, method.toUpperCase())
        .optionally()
        .reply(async (request: Request) => {
          const answer = this.answer(
            method.toUpperCase(),
            request.url,
            await request.text(),
            request.headers.get('accept') ?? '',
          );
          if ('hang' in answer) {
            this.hanging++;
            request.signal.addEventListener('abort', () => this.hanging--);
            return new Promise<never>(() => undefined);
          }
          if ('reset' in answer) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
          return [answer.status, answer.body as string, answer.headers];
        });
    }
    return this;
  }

  /** Requests held unanswered by a `hang` fault whose client has not given up yet (nock mode). */
  hanging = 0;

  /** Base path of the REST API: `/api/v3` on GitHub Enterprise Server, empty on github.com. */
  setPathPrefix(prefix: string): this {
    this.pathPrefix = prefix.replace(/\/$/, '');
    return this;
  }

  // ---- faults ----

  /** Adds a fault for matching requests (see FaultRule). */
  inject(rule: FaultRule): this {
    this.faults.push({ ...rule, seen: 0 });
    return this;
  }

  /** Removes every fault: GitHub has recovered. */
  clearFaults(): this {
    this.faults.length = 0;
    return this;
  }

  /** Calls `fn` with every request as it arrives (before it is answered). */
  watch(fn: (request: RecordedRequest) => void): this {
    this.watchers.push(fn);
    return this;
  }

  private faultFor(call: string): Fault | undefined {
    for (const rule of this.faults) {
      if (rule.call !== call) continue;
      rule.seen++;
      const skip = rule.skip ?? 0;
      if (rule.seen > skip && rule.seen <= skip + (rule.times ?? 1)) return rule.fault;
    }
    return undefined;
  }

  // ---- state helpers for tests ----

  /** Files of a commit's tree. */
  filesAt(commitSha: string): Record<string, string> {
    const commit = this.commits.get(commitSha);
    if (!commit) throw new Error(`no commit ${commitSha}`);
    const tree = this.trees.get(commit.tree) ?? new Map<string, string>();
    return Object.fromEntries([...tree].map(([path, sha]) => [path, this.blobs.get(sha) ?? '']));
  }

  /** Pushes a commit with `files` changed onto `branch` as a person would. */
  push(branch: string, files: Record<string, string>, message = 'human commit'): string {
    const parent = this.refs.get(branch);
    if (!parent) throw new Error(`no branch ${branch}`);
    const base = this.trees.get(this.commits.get(parent)?.tree ?? '') ?? new Map<string, string>();
    const tree = this.storeTree(base, files);
    const sha = this.storeCommit({ tree, parents: [parent], message, by: 'human' });
    this.refs.set(branch, sha);
    const pr = this.pulls.find((p) => p.head === branch && p.state === 'open');
    if (pr) pr.headSha = sha;
    return sha;
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => WRITE_METHODS.has(r.method) && !r.path.startsWith('/app/'));
  }

  reads(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'GET');
  }

  resetLog(): void {
    this.requests.length = 0;
  }

  // ---- storage ----

  private storeTree(base: Map<string, string>, files: Record<string, string>): string {
    const tree = new Map(base);
    for (const [path, text] of Object.entries(files)) {
      const sha = gitSha('blob', text);
      this.blobs.set(sha, text);
      tree.set(path, sha);
    }
    const sha = gitSha('tree', JSON.stringify([...tree].sort()));
    this.trees.set(sha, tree);
    return sha;
  }

  private storeCommit(c: Omit<FakeCommit, 'sha'>): string {
    const sha = gitSha('commit', JSON.stringify([c.tree, c.parents, c.message, this.commits.size]));
    this.commits.set(sha, { sha, ...c });
    return sha;
  }

  // ---- HTTP ----

  /** Records, checks and answers one request, applying any injected fault. `accept` is the Accept header. */
  answer(method: string, uri: string, rawBody: string, accept: string): FakeAnswer {
    const url = new URL(uri);
    if (!url.pathname.startsWith(this.pathPrefix)) return toAnswer(this.unknown(method, url.pathname));
    const path = url.pathname.slice(this.pathPrefix.length);
    const body = rawBody !== '' ? (JSON.parse(rawBody) as unknown) : undefined;
    const check = this.openapi?.check(method, path, body) ?? { template: templateOf(method, path), errors: [] };
    const recorded: RecordedRequest = {
      method,
      path,
      ...(check.template ? { template: check.template } : {}),
      body,
      at: Date.now(),
    };
    this.requests.push(recorded);
    this.problems.push(...check.errors);
    for (const watcher of this.watchers) watcher(recorded);
    const fault = this.faultFor(`${method} ${check.template ?? path}`);
    if (fault?.kind === 'hang') return { hang: true };
    if (fault?.kind === 'reset') return { reset: true };
    if (fault?.kind === 'status')
      return {
        status: fault.status,
        body: { message: fault.message ?? 'injected fault' },
        headers: fault.headers ?? {},
      };
    this.rawContent = accept.includes('raw');
    const answer = toAnswer(this.handle(method, path, body, url.searchParams));
    return fault?.kind === 'lost' ? { status: 502, body: { message: 'Server Error' }, headers: {} } : answer;
  }

  private handle(method: string, path: string, body: unknown, query: URLSearchParams): [number, unknown] {
    const repoPrefix = `/repos/${this.owner}/${this.repo}`;
    if (path.startsWith('/app/installations/') && path.endsWith('/access_tokens')) {
      return [
        201,
        { token: INSTALLATION_TOKEN, expires_at: '2099-01-01T00:00:00Z', permissions: {}, repository_selection: 'all' },
      ];
    }
    if (method === 'GET' && path === '/app')
      return [200, { id: 1, slug: 'kubemend', name: 'kubemend', owner: null, permissions: {}, events: [] }];
    const other = new RegExp(`^/repos/${this.owner}/([^/]+)/contents/\\.github(?:/|%2F)kubemend\\.yml$`).exec(
      path,
    )?.[1];
    if (other !== undefined && other !== this.repo) {
      const text = this.otherConfigs[other];
      return text === undefined ? [404, { message: 'Not Found' }] : [200, text];
    }
    if (!path.startsWith(repoPrefix)) return this.unknown(method, path);
    const rest = decodeURIComponent(path.slice(repoPrefix.length));
    const answer = this.route(method, rest, (body ?? {}) as Record<string, unknown>, query);
    return answer ?? this.unknown(method, path);
  }

  private unknown(method: string, path: string): [number, unknown] {
    this.problems.push(`${method} ${path}: not implemented by the fake`);
    return [501, { message: 'not implemented by the fake' }];
  }

  private route(
    method: string,
    rest: string,
    body: Record<string, unknown>,
    query: URLSearchParams,
  ): [number, unknown] | undefined {
    const key = `${method} ${rest}`;
    let m: RegExpMatchArray | null;
    if (key === 'GET ')
      return [
        200,
        { id: 1, name: this.repo, full_name: `${this.owner}/${this.repo}`, default_branch: this.defaultBranch },
      ];
    if ((m = key.match(/^GET \/contents\/(.+)$/))) return this.getContent(m[1] ?? '');
    if ((m = key.match(/^GET \/git\/ref\/heads\/(.+)$/))) return this.getRef(m[1] ?? '');
    if ((m = key.match(/^GET \/git\/trees\/([0-9a-f]+)$/))) return this.getTree(m[1] ?? '');
    if ((m = key.match(/^GET \/git\/blobs\/([0-9a-f]+)$/))) return this.getBlob(m[1] ?? '');
    if ((m = key.match(/^GET \/git\/commits\/([0-9a-f]+)$/))) return this.getCommit(m[1] ?? '');
    if ((m = key.match(/^GET \/commits\/([0-9a-f]{40})$/))) return this.getRestCommit(m[1] ?? '');
    if (key === 'POST /git/trees') return this.createTree(body);
    if (key === 'POST /git/commits') return this.createCommit(body);
    if (key === 'POST /git/refs') return this.createRef(body);
    if ((m = key.match(/^PATCH \/git\/refs\/heads\/(.+)$/))) return this.updateRef(m[1] ?? '', body);
    if (key === 'GET /pulls') return this.listPulls(query);
    if (key === 'POST /pulls') return this.createPull(body);
    if ((m = key.match(/^PATCH \/pulls\/(\d+)$/))) return this.updatePull(Number(m[1]), body);
    if ((m = key.match(/^POST \/issues\/(\d+)\/labels$/))) return this.addLabels(Number(m[1]), body);
    if ((m = key.match(/^POST \/issues\/(\d+)\/comments$/))) return this.addComment(Number(m[1]), body);
    if ((m = key.match(/^GET \/issues\/(\d+)\/comments$/))) return this.listComments(Number(m[1]));
    if (key === 'POST /check-runs') return this.createCheckRun(body);
    if ((m = key.match(/^GET \/commits\/(.+)\/check-runs$/))) return this.listCheckRuns(m[1] ?? '', query);
    return undefined;
  }

  private headTree(): Map<string, string> {
    const head = this.refs.get(this.defaultBranch) ?? '';
    return this.trees.get(this.commits.get(head)?.tree ?? '') ?? new Map();
  }

  private getContent(path: string): [number, unknown] {
    const sha = this.headTree().get(path);
    if (!sha) return [404, { message: 'Not Found' }];
    const text = this.blobs.get(sha) ?? '';
    // Probot's config plugin asks for the raw media type and gets the text itself.
    return [
      200,
      this.rawContent
        ? text
        : { type: 'file', path, sha, encoding: 'base64', content: Buffer.from(text).toString('base64') },
    ];
  }

  /** Set per request by the interceptor from the Accept header. */
  rawContent = false;

  /** `/api/v3` on GitHub Enterprise Server, empty on github.com. */
  private pathPrefix = '';

  private getRef(branch: string): [number, unknown] {
    const sha = this.refs.get(branch);
    if (!sha) return [404, { message: 'Not Found' }];
    return [200, { ref: `refs/heads/${branch}`, object: { sha, type: 'commit' } }];
  }

  private getTree(sha: string): [number, unknown] {
    const treeSha = this.commits.get(sha)?.tree ?? sha;
    const tree = this.trees.get(treeSha);
    if (!tree) return [404, { message: 'Not Found' }];
    const entries = [...tree].map(([path, blob]) => ({
      path,
      mode: '100644',
      type: 'blob',
      sha: blob,
      size: Buffer.byteLength(this.blobs.get(blob) ?? ''),
    }));
    return [200, { sha: treeSha, tree: entries, truncated: false }];
  }

  private getBlob(sha: string): [number, unknown] {
    const text = this.blobs.get(sha);
    if (text === undefined) return [404, { message: 'Not Found' }];
    return [
      200,
      { sha, size: Buffer.byteLength(text), encoding: 'base64', content: Buffer.from(text).toString('base64') },
    ];
  }

  private getCommit(sha: string): [number, unknown] {
    const c = this.commits.get(sha);
    if (!c) return [404, { message: 'Not Found' }];
    return [200, { sha, tree: { sha: c.tree }, parents: c.parents.map((p) => ({ sha: p })), message: c.message }];
  }

  /** The REST commit (`/commits/{ref}`): who authored and committed it as GitHub resolves them, and its signature. */
  private getRestCommit(sha: string): [number, unknown] {
    const c = this.commits.get(sha);
    if (!c) return [404, { message: 'Not Found' }];
    // The App's commits are made through the API without an author: GitHub attributes them to the App's bot
    // and signs them (committer web-flow). A person's push here is unsigned.
    const app = c.by === 'app';
    const person = (u: typeof BOT) => ({
      name: u.login,
      email: `${u.id}+${u.login}@users.noreply.github.com`,
      date: '2026-01-01T00:00:00Z',
    });
    return [
      200,
      {
        sha,
        commit: {
          author: person(app ? this.bot : HUMAN),
          committer: person(app ? WEB_FLOW : HUMAN),
          message: c.message,
          tree: { sha: c.tree },
          verification: { verified: app, reason: app ? 'valid' : 'unsigned', signature: null, payload: null },
        },
        author: app ? this.bot : HUMAN,
        committer: app ? WEB_FLOW : HUMAN,
        parents: c.parents.map((p) => ({ sha: p })),
      },
    ];
  }

  private createTree(body: Record<string, unknown>): [number, unknown] {
    const base = this.trees.get(String(body.base_tree));
    if (!base) return [422, { message: 'base_tree not found' }];
    const files: Record<string, string> = {};
    for (const entry of body.tree as Array<{ path: string; content: string }>) files[entry.path] = entry.content;
    const sha = this.storeTree(base, files);
    return [201, { sha, tree: [], truncated: false }];
  }

  private createCommit(body: Record<string, unknown>): [number, unknown] {
    if (!this.trees.has(String(body.tree))) return [422, { message: 'tree not found' }];
    const sha = this.storeCommit({
      tree: String(body.tree),
      parents: body.parents as string[],
      message: String(body.message),
      by: 'app',
    });
    return [201, { sha, tree: { sha: body.tree }, parents: (body.parents as string[]).map((p) => ({ sha: p })) }];
  }

  private createRef(body: Record<string, unknown>): [number, unknown] {
    const branch = String(body.ref).replace(/^refs\/heads\//, '');
    if (this.refs.has(branch)) return [422, { message: 'Reference already exists' }];
    this.refs.set(branch, String(body.sha));
    return [201, { ref: body.ref, object: { sha: body.sha } }];
  }

  private updateRef(branch: string, body: Record<string, unknown>): [number, unknown] {
    if (!this.refs.has(branch)) return [422, { message: 'Reference does not exist' }];
    this.refs.set(branch, String(body.sha));
    for (const pr of this.pulls) if (pr.head === branch && pr.state === 'open') pr.headSha = String(body.sha);
    return [200, { ref: `refs/heads/${branch}`, object: { sha: body.sha } }];
  }

  /** A pull request as the REST API returns it. */
  protected toApi(pr: FakePull): unknown {
    const full = `${this.owner}/${this.repo}`;
    return {
      number: pr.number,
      state: pr.state,
      merged_at: pr.merged ? '2026-01-01T00:00:00Z' : null,
      title: pr.title,
      body: pr.body,
      draft: pr.draft,
      html_url: `https://github.com/${full}/pull/${pr.number}`,
      user: pr.user,
      head: { ref: pr.head, sha: pr.headSha, repo: { full_name: pr.fromFork ? `fork/${this.repo}` : full } },
      base: { ref: pr.base, repo: { full_name: full } },
      labels: pr.labels.map((name) => ({ name })),
    };
  }

  private listPulls(query: URLSearchParams): [number, unknown] {
    const state = query.get('state') ?? 'open';
    const head = query.get('head');
    const list = this.pulls.filter(
      (p) => (state === 'all' || p.state === state) && (!head || `${this.owner}:${p.head}` === head),
    );
    return [
      200,
      list
        .slice()
        .reverse()
        .map((p) => this.toApi(p)),
    ];
  }

  private createPull(body: Record<string, unknown>): [number, unknown] {
    const head = String(body.head);
    const headSha = this.refs.get(head);
    if (!headSha) return [422, { message: 'head branch does not exist' }];
    if (this.pulls.some((p) => p.head === head && p.state === 'open'))
      return [422, { message: 'A pull request already exists' }];
    const pr: FakePull = {
      number: this.pulls.length + 1,
      state: 'open',
      merged: false,
      title: String(body.title),
      body: String(body.body ?? ''),
      head,
      headSha,
      base: String(body.base),
      draft: body.draft === true,
      user: { login: this.bot.login, type: this.bot.type },
      labels: [],
      fromFork: false,
    };
    this.pulls.push(pr);
    return [201, this.toApi(pr)];
  }

  private updatePull(number: number, body: Record<string, unknown>): [number, unknown] {
    const pr = this.pulls.find((p) => p.number === number);
    if (!pr) return [404, { message: 'Not Found' }];
    if (typeof body.title === 'string') pr.title = body.title;
    if (typeof body.body === 'string') pr.body = body.body;
    if (body.state === 'closed' || body.state === 'open') pr.state = body.state;
    return [200, this.toApi(pr)];
  }

  private addLabels(number: number, body: Record<string, unknown>): [number, unknown] {
    const pr = this.pulls.find((p) => p.number === number);
    if (!pr) return [404, { message: 'Not Found' }];
    for (const label of body.labels as string[]) if (!pr.labels.includes(label)) pr.labels.push(label);
    return [200, pr.labels.map((name) => ({ name }))];
  }

  private addComment(number: number, body: Record<string, unknown>): [number, unknown] {
    this.comments.push({ issue: number, body: String(body.body) });
    return [201, { id: this.comments.length, body: body.body }];
  }

  private listComments(number: number): [number, unknown] {
    const list = this.comments.map((c, i) => ({ ...c, id: i + 1 })).filter((c) => c.issue === number);
    return [200, list.map((c) => ({ id: c.id, body: c.body, user: this.bot }))];
  }

  private createCheckRun(body: Record<string, unknown>): [number, unknown] {
    const run = body as unknown as FakeCheckRun;
    this.checkRuns.push({
      name: run.name,
      head_sha: run.head_sha,
      conclusion: run.conclusion,
      external_id: run.external_id,
      output: run.output,
    });
    return [201, { id: this.checkRuns.length, ...run }];
  }

  private listCheckRuns(ref: string, query: URLSearchParams): [number, unknown] {
    const name = query.get('check_name');
    const runs = this.checkRuns.filter((r) => r.head_sha === ref && (!name || r.name === name));
    return [200, { total_count: runs.length, check_runs: runs }];
  }
}

/** The installation token the fake hands out (tests grep output for it: it must never be printed). */
export const INSTALLATION_TOKEN = 'ghs_FAKEinstallationTOKEN0123456789abcd';

function toAnswer([status, body]: [number, unknown]): FakeAnswer {
  return { status, body, headers: {} };
}

/** Without an OpenAPI description, requests are named by their path with numbers and shas generalised. */
function templateOf(method: string, path: string): string {
  return path.replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/{owner}/{repo}');
}
