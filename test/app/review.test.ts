import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDefaultEngine } from '../../src/bot/default-engine.js';
import { defaultConfig } from '../../src/config/schema.js';
import { loadConfigText } from '../../src/config/load-config.js';
import { assertNoApiProblems } from '../github/fake-github.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { prose, renderHtml } from '../report/github-markdown.js';
import { ReviewFake, type FakeReview } from '../bot/review-fake.js';
import { REPO, actionPayload, pullRequestPayload } from '../bot/payloads.js';
import { createHarness, type Harness } from './harness.js';
import { personsDeployment as deployment } from './repo-files.js';

const openapi = createOpenApiValidator();
const engine = createDefaultEngine();
const BASE = REPO.default_branch;
const WEB = 'deploy/web.yaml';

let gh: ReviewFake;
let app: Harness;

function setup(files: Record<string, string> = {}) {
  gh = new ReviewFake({
    owner: REPO.owner.login,
    repo: REPO.name,
    defaultBranch: BASE,
    files: { 'README.md': '# infra\n', ...files },
    openapi,
  }).intercept();
}

/** What kubemend's engine makes of the file: the bytes a suggestion or a commit must produce. */
function fixed(path: string, text: string, config = defaultConfig()): string {
  return engine.runPipeline([{ path, text }], { config }).files[0]?.after ?? text;
}

/** Applies a review's suggestions to `text` (bottom up), as pressing every "Commit suggestion" would. */
function applySuggestions(text: string, review: FakeReview, path: string): string {
  const lines = text.split('\n');
  const comments = review.comments.filter((c) => c.path === path).sort((a, b) => b.line - a.line);
  for (const c of comments) {
    const block = /```+suggestion\n([\s\S]*?)\n```+/.exec(c.body)?.[1] ?? '';
    const start = c.start_line ?? c.line;
    lines.splice(start - 1, c.line - start + 1, ...block.split('\n'));
  }
  return lines.join('\n');
}

const repoRequests = () => gh.requests.filter((r) => r.path.startsWith('/repos/'));

beforeEach(async () => {
  app = await createHarness();
});
afterEach(assertNoApiProblems);

describe('review mode on a person’s pull request', () => {
  it('writes one check run with annotations, a summary and three buttons, and one review whose suggestions make the verified fix', async () => {
    setup();
    gh.branch('changes', { [WEB]: deployment('web') });
    const pr = gh.openPull('changes');
    await app.deliver('pull_request', pullRequestPayload('opened', pr), 'pr-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.checks).toHaveLength(1);
    const check = gh.checks[0]!;
    expect(check).toMatchObject({ name: 'kubemend', head_sha: pr.headSha, status: 'completed', conclusion: 'neutral' });
    expect(check.actions.map((a) => a.identifier)).toEqual(['fix', 'separate-pr', 'ignore']);
    expect(check.annotations.length).toBeGreaterThan(0);
    expect(check.annotations.every((a) => a.path === WEB)).toBe(true);
    expect(check.summary).toContain('**Controls involved**');
    expect(check.summary).toContain('**Fixes suggested on the diff**');
    expect(gh.reviews).toHaveLength(1);
    const review = gh.reviews[0]!;
    expect(review.commit_id).toBe(pr.headSha);
    // An insertion is a suggestion of more lines than it replaces (the anchor line, then the new lines).
    const blockLines = (body: string) => (/```+suggestion\n([\s\S]*?)\n```+/.exec(body)?.[1] ?? '').split('\n').length;
    expect(review.comments.some((c) => blockLines(c.body) > c.line - (c.start_line ?? c.line) + 1)).toBe(true);
    expect(applySuggestions(deployment('web'), review, WEB)).toBe(fixed(WEB, deployment('web')));
    // Nothing is pushed in review mode.
    expect(gh.refs.get('changes')).toBe(pr.headSha);
  });

  it('on a new push, adds a check run on the new head and posts no suggestion it already made; the same head again writes nothing', async () => {
    setup();
    gh.branch('changes', { [WEB]: deployment('web') });
    const pr = gh.openPull('changes');
    await app.deliver('pull_request', pullRequestPayload('opened', pr), 'pr-1');
    gh.push('changes', { 'docs/notes.md': 'notes\n' });
    await app.deliver('pull_request', pullRequestPayload('synchronize', pr), 'pr-2');
    expect(app.jobErrors).toEqual([]);
    expect(gh.checks.map((c) => c.head_sha)).toEqual([gh.checks[0]!.head_sha, pr.headSha]);
    expect(gh.reviews).toHaveLength(1);
    gh.resetLog();
    await app.deliver('pull_request', pullRequestPayload('reopened', pr), 'pr-3');
    expect(gh.writes()).toEqual([]);
    expect(gh.checks).toHaveLength(2);
  });

  it('costs one request for a pull request that touches no manifest', async () => {
    setup();
    gh.branch('changes', { 'docs/guide.md': '# guide\n', 'README.md': '# infra, edited\n' });
    const pr = gh.openPull('changes');
    gh.resetLog();
    await app.deliver('pull_request', pullRequestPayload('opened', pr), 'pr-docs');
    expect(app.jobErrors).toEqual([]);
    expect(repoRequests().map((r) => `${r.method} ${r.template}`)).toEqual([
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
    ]);
    expect(gh.writes()).toEqual([]);
  });

  it('sends 120 annotations in requests of 50, 50 and 20, and fails the check when the configuration gates', async () => {
    const config =
      'remediations:\n  enabled: [run-as-non-root]\nchecks:\n  conclusion: failure\n  suggestions: false\n';
    expect(loadConfigText(config).ok).toBe(true);
    setup({ '.github/kubemend.yml': config });
    const many = Array.from({ length: 120 }, (_, i) => deployment(`web-${i}`)).join('---\n');
    gh.branch('changes', { 'deploy/many.yaml': many });
    const pr = gh.openPull('changes');
    gh.resetLog();
    await app.deliver('pull_request', pullRequestPayload('opened', pr), 'pr-120');
    expect(app.jobErrors).toEqual([]);
    const writes = gh.writes().filter((w) => w.path.includes('check-runs'));
    const sizes = writes.map(
      (w) => ((w.body as { output: { annotations?: unknown[] } }).output.annotations ?? []).length,
    );
    expect(sizes).toEqual([50, 50, 20]);
    expect(writes.map((w) => `${w.method} ${(w.body as { status: string }).status}`)).toEqual([
      'POST in_progress',
      'PATCH in_progress',
      'PATCH completed',
    ]);
    expect(gh.checks[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(gh.checks[0]!.annotations).toHaveLength(120);
    expect(gh.reviews).toEqual([]);
    // Reads: the files, the configuration, the one blob, the check runs on the head; writes: the three above.
    expect(repoRequests().map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'GET', 'POST', 'PATCH', 'PATCH']);
  });

  it('offers only Ignore on a fork and escapes hostile resource names in the summary', async () => {
    setup();
    const hostile = deployment('x').replace('name: x', 'name: "@admin [pwn](https://evil.example) <img src=x> #1"');
    gh.branch('changes', { [WEB]: hostile });
    const pr = gh.openPull('changes', { fromFork: true });
    await app.deliver('pull_request', pullRequestPayload('opened', pr), 'pr-fork');
    expect(app.jobErrors).toEqual([]);
    const check = gh.checks[0]!;
    expect(check.actions.map((a) => a.identifier)).toEqual(['ignore']);
    const html = renderHtml(check.summary);
    expect(html).not.toMatch(/<a |<img/);
    expect(prose(html)).not.toMatch(/@admin|#1\b/);
    expect(check.summary).toContain('kubemend never pushes to it');
  });

  it('checks.enabled: false writes nothing', async () => {
    setup({ '.github/kubemend.yml': 'checks:\n  enabled: false\n' });
    gh.branch('changes', { [WEB]: deployment('web') });
    const pr = gh.openPull('changes');
    await app.deliver('pull_request', pullRequestPayload('opened', pr), 'pr-off');
    expect(app.jobErrors).toEqual([]);
    expect(gh.writes()).toEqual([]);
  });

  it('does not review kubemend’s own pull requests', async () => {
    setup();
    gh.branch('kubemend/run-as-non-root', { [WEB]: deployment('web') });
    const pr = gh.openPull('kubemend/run-as-non-root', { user: 'kubemend[bot]' });
    gh.resetLog();
    await app.deliver('pull_request', pullRequestPayload('opened', pr), 'pr-own');
    expect(repoRequests()).toEqual([]);
  });

  it('lists the fixes outside the diff in the summary and suggests none of them', async () => {
    const original = `${deployment('web')}# a long file\n${'# filler\n'.repeat(40)}`;
    setup({ [WEB]: original });
    gh.branch('changes', { [WEB]: `${original}# one more line at the end\n` });
    const pr = gh.openPull('changes');
    await app.deliver('pull_request', pullRequestPayload('opened', pr), 'pr-outside');
    expect(app.jobErrors).toEqual([]);
    expect(gh.reviews).toEqual([]);
    expect(gh.checks[0]!.summary).toContain('**Fixes outside the diff**');
    expect(gh.checks[0]!.summary).not.toContain('**Fixes suggested on the diff**');
  });
});

describe('the check run’s buttons', () => {
  it('"Fix in this PR" pushes the verified fix for a writer, and does nothing but answer a reader', async () => {
    setup();
    gh.branch('changes', { [WEB]: deployment('web') });
    const pr = gh.openPull('changes');
    await app.deliver('pull_request', pullRequestPayload('opened', pr), 'pr-1');
    gh.permissions.set('reader', 'read');
    gh.permissions.set('writer', 'write');
    const head = pr.headSha;
    await app.deliver('check_run', actionPayload({ identifier: 'fix', login: 'reader', pr, checkRunId: 1 }), 'act-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.refs.get('changes')).toBe(head);
    expect(gh.comments.at(-1)?.body).toContain(
      'This command needs `write` permission; you have `read`. Nothing was done.',
    );
    await app.deliver('check_run', actionPayload({ identifier: 'fix', login: 'writer', pr, checkRunId: 1 }), 'act-2');
    expect(app.jobErrors).toEqual([]);
    const pushed = gh.refs.get('changes')!;
    expect(gh.commits.get(pushed)?.parents).toEqual([head]);
    expect(gh.filesAt(pushed)[WEB]).toBe(fixed(WEB, deployment('web')));
    expect(gh.comments.at(-1)?.body).toMatch(/^🚀 `\/kubemend fix`\n\nPushed `[0-9a-f]{7}` to changes with \d+ fixes:/);
  });

  it('"Open a separate PR" opens a pull request into the person’s branch and leaves the branch as it was', async () => {
    setup();
    gh.branch('changes', { [WEB]: deployment('web') });
    const pr = gh.openPull('changes');
    gh.permissions.set('writer', 'maintain');
    await app.deliver(
      'check_run',
      actionPayload({ identifier: 'separate-pr', login: 'writer', pr, checkRunId: 1 }),
      'act-sep',
    );
    expect(app.jobErrors).toEqual([]);
    expect(gh.refs.get('changes')).toBe(pr.headSha);
    const opened = gh.pulls.find((p) => p.number !== pr.number)!;
    expect(opened.base).toBe('changes');
    expect(gh.filesAt(opened.headSha)[WEB]).toBe(fixed(WEB, deployment('web')));
  });
});

describe('request counts', () => {
  it('a check on a pull request changing one manifest: six reads and two writes', async () => {
    setup();
    gh.branch('changes', { [WEB]: deployment('web') });
    const pr = gh.openPull('changes');
    gh.resetLog();
    await app.deliver('pull_request', pullRequestPayload('opened', pr), 'pr-count');
    expect(app.jobErrors).toEqual([]);
    expect(repoRequests().map((r) => `${r.method} ${r.template}`)).toEqual([
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
      // no .github/kubemend.yml in the repository: the organisation's .github repository is asked next
      'GET /repos/{owner}/{repo}/contents/{path}',
      'GET /repos/{owner}/{repo}/contents/{path}',
      'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
      'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
      'POST /repos/{owner}/{repo}/check-runs',
    ]);
  });
});
