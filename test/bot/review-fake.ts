/**
 * The shared fake GitHub (test/github/fake-github.ts) plus what slash-commands and review mode call:
 * collaborator permissions, team memberships, reactions, comment edits, a pull request and its files (the
 * diff against its base computed from the fake's trees), reviews, check runs with annotations and actions,
 * and refs moved only as a fast-forward unless forced. Requests are recorded and checked against GitHub's
 * OpenAPI description like the shared fake's.
 */
import { structuredPatch } from 'diff';
import { FakeGitHub, type FakeAnswer, type FakeGitHubOptions, type FakePull } from '../github/fake-github.js';
import type { OpenApiValidator } from '../github/openapi.js';

export interface FakeCheck {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  external_id: string;
  title: string;
  summary: string;
  annotations: Array<{
    path: string;
    start_line: number;
    end_line: number;
    annotation_level: string;
    title?: string;
    message: string;
  }>;
  actions: Array<{ label: string; description: string; identifier: string }>;
}

export interface FakeReview {
  id: number;
  pull: number;
  commit_id: string;
  body: string;
  comments: Array<{ path: string; line: number; start_line?: number; side: string; body: string }>;
  user: string;
}

const BOT = { login: 'kubemend[bot]', id: 1, type: 'Bot' };

export class ReviewFake extends FakeGitHub {
  /** Collaborator permission (`role_name`) by login; absent: 404 (not a collaborator). */
  readonly permissions = new Map<string, string>();
  /** `org/slug` → member logins. */
  readonly teams = new Map<string, string[]>();
  readonly reactions: Array<{ comment: number; content: string }> = [];
  readonly checks: FakeCheck[] = [];
  readonly reviews: FakeReview[] = [];
  /** Authors of comments a test adds as people (index in `comments` → login). */
  private readonly validator: OpenApiValidator | undefined;

  constructor(opts: FakeGitHubOptions) {
    super(opts);
    this.validator = opts.openapi;
  }

  /** Opens a pull request from `head` (a branch already in refs) as `user`. */
  openPull(head: string, opts: { user?: string; fromFork?: boolean; title?: string } = {}): FakePull {
    const pr: FakePull = {
      number: this.pulls.length + 1,
      state: 'open',
      merged: false,
      title: opts.title ?? 'A change',
      body: '',
      head,
      headSha: this.refs.get(head) ?? '',
      base: this.defaultBranch,
      draft: false,
      user: { login: opts.user ?? 'octocat', type: 'User' },
      labels: [],
      fromFork: opts.fromFork ?? false,
    };
    this.pulls.push(pr);
    return pr;
  }

  /** Creates `branch` from the default branch's head with `files` changed, as a person's push. */
  branch(branch: string, files: Record<string, string>): string {
    this.refs.set(branch, this.refs.get(this.defaultBranch) ?? '');
    return this.push(branch, files, 'a person changes manifests');
  }

  override answer(method: string, uri: string, rawBody: string, accept: string): FakeAnswer {
    const url = new URL(uri);
    const body = rawBody !== '' ? (JSON.parse(rawBody) as Record<string, unknown>) : undefined;
    const answer = this.extra(method, url.pathname, body ?? {}, url.searchParams);
    if (!answer) return super.answer(method, uri, rawBody, accept);
    const check = this.validator?.check(method, url.pathname, body) ?? { errors: [] };
    const recorded = {
      method,
      path: url.pathname,
      ...(check.template ? { template: check.template } : {}),
      body,
      at: Date.now(),
    };
    this.requests.push(recorded);
    this.problems.push(...check.errors);
    // The shared fake keeps its watchers private; they see these requests too.
    for (const watcher of (this as unknown as { watchers: Array<(r: typeof recorded) => void> }).watchers)
      watcher(recorded);
    return { status: answer[0], body: answer[1], headers: {} };
  }

  private extra(
    method: string,
    path: string,
    body: Record<string, unknown>,
    query: URLSearchParams,
  ): [number, unknown] | undefined {
    const prefix = `/repos/${this.owner}/${this.repo}`;
    let m: RegExpMatchArray | null;
    if ((m = path.match(/^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/)) && method === 'GET') {
      const members = this.teams.get(`${m[1]}/${m[2]}`);
      return members?.includes(decodeURIComponent(m[3] ?? ''))
        ? [200, { url: '', role: 'member', state: 'active' }]
        : [404, { message: 'Not Found' }];
    }
    if (!path.startsWith(prefix)) return undefined;
    const key = `${method} ${decodeURIComponent(path.slice(prefix.length))}`;
    if ((m = key.match(/^GET \/collaborators\/(.+)\/permission$/))) return this.permission(m[1] ?? '');
    if ((m = key.match(/^GET \/contents\/(.+)$/)) && query.get('ref'))
      return this.contentAt(m[1] ?? '', query.get('ref') ?? '');
    if ((m = key.match(/^POST \/issues\/comments\/(\d+)\/reactions$/))) {
      const comment = Number(m[1]);
      const had = this.reactions.some((r) => r.comment === comment && r.content === body.content);
      if (!had) this.reactions.push({ comment, content: String(body.content) });
      return [
        had ? 200 : 201,
        { id: this.reactions.length, content: body.content, user: BOT, created_at: '2026-01-01T00:00:00Z' },
      ];
    }
    if ((m = key.match(/^PATCH \/issues\/comments\/(\d+)$/))) {
      const c = this.comments[Number(m[1]) - 1];
      if (!c) return [404, { message: 'Not Found' }];
      c.body = String(body.body);
      return [200, { id: Number(m[1]), body: c.body }];
    }
    if ((m = key.match(/^GET \/issues\/(\d+)\/comments$/))) return this.listAllComments(Number(m[1]));
    if ((m = key.match(/^GET \/pulls\/(\d+)$/))) {
      const pr = this.pulls.find((p) => p.number === Number(m?.[1]));
      return pr ? [200, this.toApi(pr)] : [404, { message: 'Not Found' }];
    }
    if ((m = key.match(/^GET \/pulls\/(\d+)\/files$/))) return this.pullFiles(Number(m[1]), query);
    if ((m = key.match(/^GET \/pulls\/(\d+)\/commits$/))) return this.pullCommits(Number(m[1]));
    if ((m = key.match(/^GET \/pulls\/(\d+)\/reviews$/)))
      return [
        200,
        this.reviews
          .filter((r) => r.pull === Number(m?.[1]))
          .map((r) => ({ id: r.id, body: r.body, user: { login: r.user, type: 'Bot' }, commit_id: r.commit_id })),
      ];
    if ((m = key.match(/^POST \/pulls\/(\d+)\/reviews$/))) return this.createReview(Number(m[1]), body);
    if (key === 'POST /check-runs') return this.createCheck(body);
    if ((m = key.match(/^PATCH \/check-runs\/(\d+)$/))) return this.updateCheck(Number(m[1]), body);
    if ((m = key.match(/^GET \/commits\/([^/]+)\/check-runs$/))) {
      const runs = this.checks
        .filter((c) => c.head_sha === m?.[1] && (!query.get('check_name') || c.name === query.get('check_name')))
        .reverse();
      return [
        200,
        {
          total_count: runs.length,
          check_runs: runs.map((r) => ({
            id: r.id,
            name: r.name,
            head_sha: r.head_sha,
            status: r.status,
            conclusion: r.conclusion ?? null,
            external_id: r.external_id,
          })),
        },
      ];
    }
    if ((m = key.match(/^PATCH \/git\/refs\/heads\/(.+)$/)) && body.force === false)
      return this.fastForward(m[1] ?? '', String(body.sha));
    return undefined;
  }

  /** Comments with their authors: the App's own, or the person `commentAuthors` names. */
  readonly commentAuthors = new Map<number, string>();

  /** Adds a person's comment (as the webhook's comment) and returns its id. */
  addPersonComment(issue: number, body: string, login: string): number {
    this.comments.push({ issue, body });
    this.commentAuthors.set(this.comments.length, login);
    return this.comments.length;
  }

  private listAllComments(issue: number): [number, unknown] {
    const list = this.comments.map((c, i) => ({ ...c, id: i + 1 })).filter((c) => c.issue === issue);
    return [
      200,
      list.map((c) => ({
        id: c.id,
        body: c.body,
        user: this.commentAuthors.has(c.id) ? { login: this.commentAuthors.get(c.id), type: 'User' } : BOT,
      })),
    ];
  }

  /** A file at a commit or branch (`?ref=`); the shared fake serves only the default branch. */
  private contentAt(path: string, ref: string): [number, unknown] {
    const text = this.filesAt(this.refs.get(ref) ?? ref)[path];
    if (text === undefined) return [404, { message: 'Not Found' }];
    return [
      200,
      {
        type: 'file',
        path,
        sha: '0'.repeat(40),
        encoding: 'base64',
        content: Buffer.from(text).toString('base64'),
        name: path.split('/').at(-1),
        size: text.length,
        url: '',
        html_url: '',
        git_url: '',
        download_url: '',
        _links: { self: '', git: '', html: '' },
      },
    ];
  }

  private permission(login: string): [number, unknown] {
    const role = this.permissions.get(login);
    if (!role) return [404, { message: 'Not Found' }];
    const legacy = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
    const rank = ['none', 'read', 'triage', 'write', 'maintain', 'admin'].indexOf(role);
    const permissions = { pull: rank >= 1, triage: rank >= 2, push: rank >= 3, maintain: rank >= 4, admin: rank >= 5 };
    return [200, { permission: legacy, role_name: role, user: { login, id: 9, type: 'User', permissions } }];
  }

  /** The files that differ between the base branch's head and the pull request's head, with GitHub-style patches. */
  private pullFiles(number: number, query: URLSearchParams): [number, unknown] {
    const pr = this.pulls.find((p) => p.number === number);
    if (!pr) return [404, { message: 'Not Found' }];
    const base = this.filesAt(this.refs.get(pr.base) ?? '');
    const head = this.filesAt(pr.headSha);
    const treeOfHead = this.trees.get(this.commits.get(pr.headSha)?.tree ?? '') ?? new Map<string, string>();
    const out = [];
    for (const path of [...new Set([...Object.keys(base), ...Object.keys(head)])].sort()) {
      if (base[path] === head[path]) continue;
      const status = base[path] === undefined ? 'added' : head[path] === undefined ? 'removed' : 'modified';
      const patch = structuredPatch(path, path, base[path] ?? '', head[path] ?? '', '', '', { context: 3 })
        .hunks.map((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines].join('\n'))
        .join('\n');
      out.push({
        sha: treeOfHead.get(path) ?? '0'.repeat(40),
        filename: path,
        status,
        additions: 1,
        deletions: 0,
        changes: 1,
        blob_url: '',
        raw_url: '',
        contents_url: '',
        patch,
      });
    }
    const page = Number(query.get('page') ?? '1');
    return [200, page === 1 ? out : []];
  }

  /** The commits on the pull request's head that its base does not have, oldest first, as GitHub resolves their authors. */
  private pullCommits(number: number): [number, unknown] {
    const pr = this.pulls.find((p) => p.number === number);
    if (!pr) return [404, { message: 'Not Found' }];
    const inBase = new Set<string>();
    for (let sha: string | undefined = this.refs.get(pr.base); sha; sha = this.commits.get(sha)?.parents[0])
      inBase.add(sha);
    const out = [];
    for (let sha: string | undefined = pr.headSha; sha && !inBase.has(sha); sha = this.commits.get(sha)?.parents[0]) {
      const c = this.commits.get(sha)!;
      const app = c.by === 'app';
      const who = app ? BOT : { login: 'octocat', id: 2, type: 'User' };
      const committer = app ? { login: 'web-flow', id: 3, type: 'User' } : who;
      out.unshift({
        sha,
        commit: {
          message: c.message,
          tree: { sha: c.tree },
          verification: { verified: app, reason: app ? 'valid' : 'unsigned', signature: null, payload: null },
        },
        author: who,
        committer,
        parents: c.parents.map((p) => ({ sha: p })),
      });
    }
    return [200, out];
  }

  private createReview(pull: number, body: Record<string, unknown>): [number, unknown] {
    const pr = this.pulls.find((p) => p.number === pull);
    if (!pr) return [404, { message: 'Not Found' }];
    const review: FakeReview = {
      id: this.reviews.length + 1,
      pull,
      commit_id: String(body.commit_id),
      body: String(body.body ?? ''),
      comments: (body.comments ?? []) as FakeReview['comments'],
      user: BOT.login,
    };
    this.reviews.push(review);
    return [200, { id: review.id, body: review.body, user: BOT, commit_id: review.commit_id, state: 'COMMENTED' }];
  }

  private createCheck(body: Record<string, unknown>): [number, unknown] {
    const output = (body.output ?? {}) as { title: string; summary: string; annotations?: FakeCheck['annotations'] };
    const check: FakeCheck = {
      id: this.checks.length + 1,
      name: String(body.name),
      head_sha: String(body.head_sha),
      status: String(body.status ?? 'queued'),
      ...(body.conclusion ? { conclusion: String(body.conclusion) } : {}),
      external_id: String(body.external_id ?? ''),
      title: output.title,
      summary: output.summary,
      annotations: [...(output.annotations ?? [])],
      actions: (body.actions ?? []) as FakeCheck['actions'],
    };
    this.checks.push(check);
    this.checkRuns.push({
      name: check.name,
      head_sha: check.head_sha,
      conclusion: check.conclusion ?? '',
      external_id: check.external_id,
      output: { title: check.title, summary: check.summary },
    });
    return [201, { id: check.id, name: check.name, head_sha: check.head_sha, status: check.status }];
  }

  private updateCheck(id: number, body: Record<string, unknown>): [number, unknown] {
    const check = this.checks.find((c) => c.id === id);
    if (!check) return [404, { message: 'Not Found' }];
    const output = (body.output ?? {}) as { title?: string; summary?: string; annotations?: FakeCheck['annotations'] };
    if (output.title) check.title = output.title;
    if (output.summary) check.summary = output.summary;
    // GitHub appends annotations on update.
    check.annotations.push(...(output.annotations ?? []));
    if (body.status) check.status = String(body.status);
    if (body.conclusion) check.conclusion = String(body.conclusion);
    if (body.external_id) check.external_id = String(body.external_id);
    if (body.actions) check.actions = body.actions as FakeCheck['actions'];
    return [200, { id, name: check.name, head_sha: check.head_sha, status: check.status }];
  }

  /** `force: false`: only when the new commit's parent is the branch's current head (else 422, as GitHub). */
  private fastForward(branch: string, sha: string): [number, unknown] {
    const current = this.refs.get(branch);
    if (!current) return [422, { message: 'Reference does not exist' }];
    if (!this.commits.get(sha)?.parents.includes(current)) return [422, { message: 'Update is not a fast forward' }];
    this.refs.set(branch, sha);
    for (const pr of this.pulls) if (pr.head === branch && pr.state === 'open') pr.headSha = sha;
    return [200, { ref: `refs/heads/${branch}`, object: { sha } }];
  }
}
