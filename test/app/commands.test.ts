import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDefaultEngine } from '../../src/bot/default-engine.js';
import { loadConfigText } from '../../src/config/load-config.js';
import { defaultConfig } from '../../src/config/schema.js';
import { assertNoApiProblems } from '../github/fake-github.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { prose, renderHtml } from '../report/github-markdown.js';
import { ReviewFake } from '../bot/review-fake.js';
import { REPO, commentPayload } from '../bot/payloads.js';
import { createHarness, type Harness } from './harness.js';
import { alertPayload } from './payloads.js';
import { exampleRepoFiles, personsDeployment as deployment } from './repo-files.js';

const openapi = createOpenApiValidator();
const engine = createDefaultEngine();
const BASE = REPO.default_branch;
const WEB = 'deploy/web.yaml';
const CONFIG = '# kubemend settings\npaths:\n  include: ["deploy/**"]   # manifests only\n';

function fixed(text: string): string {
  const config = loadConfigText(CONFIG);
  return (
    engine.runPipeline([{ path: WEB, text }], { config: config.ok ? config.config : defaultConfig() }).files[0]
      ?.after ?? text
  );
}

let gh: ReviewFake;
let app: Harness;
let nextComment = 100;

/** A repository with a person's open pull request #1 changing deploy/web.yaml. */
function setup(opts: { fromFork?: boolean; config?: string } = {}) {
  gh = new ReviewFake({
    owner: REPO.owner.login,
    repo: REPO.name,
    defaultBranch: BASE,
    files: { 'README.md': '# infra\n', '.github/kubemend.yml': opts.config ?? CONFIG },
    openapi,
  }).intercept();
  gh.branch('changes', { [WEB]: deployment('web') });
  return gh.openPull('changes', { fromFork: opts.fromFork ?? false });
}

/** Delivers `body` as a new comment by `login` on #1 (or issue `number`); returns the comment id. */
async function comment(
  body: string,
  login: string,
  opts: {
    id?: string;
    number?: number;
    onPullRequest?: boolean;
    action?: 'created' | 'edited' | 'deleted';
    target?: Harness;
  } = {},
) {
  const number = opts.number ?? 1;
  const commentId = gh.addPersonComment(number, body, login);
  const payload = commentPayload({
    body,
    login,
    number,
    commentId,
    onPullRequest: opts.onPullRequest ?? true,
    ...(opts.action ? { action: opts.action } : {}),
  });
  await (opts.target ?? app).deliver('issue_comment', payload, opts.id ?? `c-${nextComment++}`);
  return commentId;
}

const replies = () => gh.comments.filter((_, i) => !gh.commentAuthors.has(i + 1));
const writeLog = () => gh.writes().map((w) => `${w.method} ${w.template}`);

beforeEach(async () => {
  app = await createHarness();
});
afterEach(assertNoApiProblems);

describe('/kubemend fix: the permission matrix', () => {
  for (const role of ['admin', 'maintain', 'write'] as const) {
    it(`${role}: one commit with the verified fix on the pull request's branch, and one reply saying so`, async () => {
      const pr = setup();
      const head = pr.headSha;
      gh.permissions.set('alice', role);
      const id = await comment('Please:\n/kubemend fix', 'alice');
      expect(app.jobErrors).toEqual([]);
      const now = gh.refs.get('changes')!;
      expect(gh.commits.get(now)).toMatchObject({ parents: [head], by: 'app' });
      const files = gh.filesAt(now);
      expect(files[WEB]).toBe(fixed(deployment('web')));
      expect(Object.keys(files).filter((p) => files[p] !== gh.filesAt(head)[p])).toEqual([WEB]);
      expect(gh.commits.get(now)?.message).toMatch(
        /^kubemend: \d+ security fixes\n\n(- [a-z-]+ on Deployment\/web( \(app\))? in deploy\/web.yaml\n)+\nRequested with \/kubemend fix on pull request 1\.$/,
      );
      expect(gh.commits.get(now)?.message).toContain('- run-as-non-root on Deployment/web (app) in deploy/web.yaml\n');
      expect(replies()).toHaveLength(1);
      expect(replies()[0]!.body).toMatch(
        new RegExp(
          `^🚀 \`/kubemend fix\`\\n\\nPushed \`${now.slice(0, 7)}\` to changes with \\d+ fixes:\\n\\n- deploy/web.yaml:9: `,
        ),
      );
      expect(gh.reactions).toEqual([
        { comment: id, content: 'eyes' },
        { comment: id, content: 'rocket' },
      ]);
    });
  }

  for (const role of ['triage', 'read', 'none'] as const) {
    it(`${role}: nothing written but the reactions and one reply quoting the command and the permission needed`, async () => {
      const pr = setup();
      if (role !== 'none') gh.permissions.set('mallory', role);
      gh.resetLog();
      const id = await comment('/kubemend fix', 'mallory');
      expect(app.jobErrors).toEqual([]);
      expect(gh.refs.get('changes')).toBe(pr.headSha);
      expect(replies().map((c) => c.body.split('\n\n').slice(0, 2).join('\n\n'))).toEqual([
        `🔒 \`/kubemend fix\`\n\nThis command needs \`write\` permission; you have \`${role}\`. Nothing was done.`,
      ]);
      expect(writeLog()).toEqual([
        'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
        'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
        'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
      ]);
      expect(gh.reactions).toEqual([
        { comment: id, content: 'eyes' },
        { comment: id, content: 'confused' },
      ]);
    });
  }

  for (const login of ['renovate[bot]', 'kubemend[bot]']) {
    it(`${login}: ignored, without a write or a reply`, async () => {
      const pr = setup();
      gh.permissions.set(login, 'admin');
      gh.resetLog();
      await comment('/kubemend fix', login);
      expect(app.jobErrors).toEqual([]);
      expect(gh.writes()).toEqual([]);
      expect(gh.refs.get('changes')).toBe(pr.headSha);
      expect(replies()).toEqual([]);
    });
  }

  it('a bot listed in commands.allow.bots is obeyed; a user outside commands.allow.users is not, even with write', async () => {
    setup({ config: `${CONFIG}commands:\n  allow:\n    users: [alice]\n    bots: ['renovate[bot]']\n` });
    gh.permissions.set('bob', 'write');
    await comment('/kubemend fix', 'bob');
    expect(replies().at(-1)?.body).toContain('This command needs a place in `commands.allow`');
    const before = gh.refs.get('changes');
    await comment('/kubemend fix', 'renovate[bot]');
    expect(app.jobErrors).toEqual([]);
    expect(gh.refs.get('changes')).not.toBe(before);
  });
});

describe('/kubemend fix: safety', () => {
  it('a replayed delivery does nothing; the same delivery in a new process finds its reply done and pushes nothing twice', async () => {
    setup();
    gh.permissions.set('alice', 'write');
    const body = '/kubemend fix';
    const commentId = gh.addPersonComment(1, body, 'alice');
    const payload = commentPayload({ body, login: 'alice', number: 1, commentId, onPullRequest: true });
    await app.deliver('issue_comment', payload, 'same-delivery');
    const pushed = gh.refs.get('changes');
    gh.resetLog();
    await app.deliver('issue_comment', payload, 'same-delivery');
    expect(gh.requests).toEqual([]);
    const restarted = await createHarness();
    await restarted.deliver('issue_comment', payload, 'same-delivery');
    expect(restarted.jobErrors).toEqual([]);
    expect(gh.refs.get('changes')).toBe(pushed);
    expect(replies()).toHaveLength(1);
    expect(gh.writes().map((w) => w.template)).toEqual([
      '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
    ]);
  });

  it('an edited or deleted comment is not a command: no request at all', async () => {
    setup();
    gh.permissions.set('alice', 'admin');
    gh.resetLog();
    await comment('/kubemend fix', 'alice', { action: 'edited' });
    await comment('/kubemend fix', 'alice', { action: 'deleted' });
    expect(gh.requests).toEqual([]);
  });

  it('a fork pull request gets review suggestions, never a push', async () => {
    const pr = setup({ fromFork: true });
    gh.permissions.set('alice', 'write');
    await comment('/kubemend fix', 'alice');
    expect(app.jobErrors).toEqual([]);
    expect(gh.refs.get('changes')).toBe(pr.headSha);
    expect(gh.writes().some((w) => w.path.includes('/git/'))).toBe(false);
    expect(gh.reviews).toHaveLength(1);
    expect(gh.reviews[0]!.comments[0]!.body).toContain('```suggestion\n');
    expect(replies()[0]!.body).toContain('This pull request comes from a fork: kubemend never pushes to it.');
  });

  it('refuses, and says so, when the head moved between the command and the push', async () => {
    const pr = setup();
    gh.permissions.set('alice', 'write');
    const pinned = pr.headSha;
    let moved = '';
    gh.watch((r) => {
      if (!moved && r.method === 'GET' && r.path.endsWith('/pulls/1/files'))
        moved = gh.push('changes', { 'deploy/other.yaml': 'a: 1\n' }, 'a person pushes meanwhile');
    });
    await comment('/kubemend fix', 'alice');
    expect(app.jobErrors).toEqual([]);
    expect(gh.refs.get('changes')).toBe(moved);
    expect([...gh.commits.values()].some((c) => c.by === 'app')).toBe(false);
    expect(replies()[0]!.body).toBe(
      `😕 \`/kubemend fix\`\n\nThe branch moved since the command was given on \`${pinned.slice(0, 7)}\` (it is at \`${moved.slice(0, 7)}\` now): nothing was pushed. Comment the command again to fix the new head.\n\n${replies()[0]!.body.split('\n\n').at(-1)}`,
    );
    expect(gh.reactions.map((r) => r.content)).toEqual(['eyes', 'confused']);
  });

  it('never overwrites a push that lands between its check and its update (fast-forward only)', async () => {
    setup();
    gh.permissions.set('alice', 'write');
    let moved = '';
    gh.watch((r) => {
      if (!moved && r.method === 'POST' && r.path.endsWith('/git/commits'))
        moved = gh.push('changes', { 'deploy/other.yaml': 'a: 1\n' });
    });
    await comment('/kubemend fix', 'alice');
    expect(app.jobErrors).toEqual([]);
    expect(gh.refs.get('changes')).toBe(moved);
    expect(replies()[0]!.body).toContain('nothing was pushed');
    expect(
      gh
        .writes()
        .filter((w) => w.method === 'PATCH' && w.path.includes('/git/refs/'))
        .map((w) => (w.body as { force: boolean }).force),
    ).toEqual([false]);
  });
});

describe('other commands', () => {
  it('help lists the commands, the caller’s permission and the configuration; an unknown command answers with help', async () => {
    setup();
    gh.permissions.set('carol', 'read');
    await comment('/kubemend help\n/kubemend frobnicate', 'carol');
    expect(app.jobErrors).toEqual([]);
    const [help, unknown] = replies();
    expect(help!.body).toContain(
      '| `/kubemend fix [ids…]` | One commit with the fixes on this pull request (from a fork: review suggestions). | write |',
    );
    expect(help!.body).toContain('Your permission here: `read` (carol).');
    expect(help!.body).toContain('- paths: `deploy/**`');
    expect(unknown!.body).toMatch(/^😕 `\/kubemend frobnicate`\n\nUnknown command `frobnicate`\./);
  });

  it('plan replies with the fixes and the diff, and writes nothing else', async () => {
    const pr = setup();
    gh.permissions.set('alice', 'write');
    gh.resetLog();
    await comment('/kubemend plan run-as-non-root not-a-remediation', 'alice');
    expect(app.jobErrors).toEqual([]);
    expect(gh.refs.get('changes')).toBe(pr.headSha);
    const body = replies()[0]!.body;
    expect(body).toContain('kubemend would make 1 fix in the manifests this pull request changes:');
    expect(body).toContain('+            runAsNonRoot: true');
    expect(body).toContain('Nothing to fix for `not-a-remediation`');
    expect(writeLog().filter((w) => !w.includes('reactions'))).toEqual([
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    ]);
  });

  it('ignore opens a pull request editing .github/kubemend.yml (comments kept); a second ignore adds a commit to it; hostile text is inert', async () => {
    setup();
    gh.permissions.set('alice', 'admin');
    await comment(
      '/kubemend ignore run-as-non-root Deployment/web -- @everyone [click](https://evil.example) <img src=x> #1',
      'alice',
      { number: 7, onPullRequest: false },
    );
    expect(app.jobErrors).toEqual([]);
    const configPr = gh.pulls.find((p) => p.head.startsWith('kubemend/config-'))!;
    const text = gh.filesAt(configPr.headSha)['.github/kubemend.yml']!;
    expect(text.startsWith(CONFIG)).toBe(true);
    const loaded = loadConfigText(text);
    expect(loaded.ok && loaded.config.ignore).toEqual([
      {
        remediation: 'run-as-non-root',
        resource: 'Deployment/web',
        reason: '@everyone [click](https://evil.example) <img src=x> #1',
      },
    ]);
    for (const md of [configPr.body, replies()[0]!.body]) {
      const html = renderHtml(md);
      expect(html).not.toMatch(/<a |<img/);
      expect(prose(html)).not.toMatch(/@everyone|#1\b/);
    }
    await comment('/kubemend ignore seccomp legacy/** -- old', 'alice', { number: 7, onPullRequest: false });
    expect(gh.pulls.filter((p) => p.head.startsWith('kubemend/config-'))).toHaveLength(1);
    const second = loadConfigText(gh.filesAt(gh.refs.get(configPr.head)!)['.github/kubemend.yml']!);
    expect(second.ok && second.config.ignore.map((r) => r.remediation)).toEqual(['run-as-non-root', 'seccomp']);
  });

  it('sweep queues a sweep job of the repository and says so', async () => {
    setup();
    gh.permissions.set('alice', 'maintain');
    await comment('/kubemend sweep', 'alice', { number: 9, onPullRequest: false });
    expect(app.jobErrors).toEqual([]);
    expect(replies()[0]!.body).toContain('A drift sweep of this repository is queued');
    // The sweep ran: it listed the default branch's tree.
    expect(
      gh.requests.some((r) => r.method === 'GET' && r.template === '/repos/{owner}/{repo}/git/trees/{tree_sha}'),
    ).toBe(true);
  });

  it('unignore proposes removing the matching entries; nothing to remove is said, not proposed', async () => {
    setup({ config: `${CONFIG}ignore:\n  - remediation: seccomp   # legacy\n    path: legacy/**\n` });
    gh.permissions.set('alice', 'write');
    await comment('/kubemend unignore seccomp', 'alice', { number: 9, onPullRequest: false });
    expect(app.jobErrors).toEqual([]);
    const configPr = gh.pulls.find((p) => p.head.startsWith('kubemend/config-'))!;
    expect(gh.filesAt(configPr.headSha)['.github/kubemend.yml']).toBe(`${CONFIG}ignore: []\n`);
    await comment('/kubemend unignore run-as-non-root', 'alice', { number: 9, onPullRequest: false });
    expect(replies().at(-1)?.body).toContain('Nothing proposed: no ignore entry matches.');
  });

  it('commands.enabled: false reads the configuration and does nothing else', async () => {
    const pr = setup({ config: `${CONFIG}commands:\n  enabled: false\n` });
    gh.permissions.set('alice', 'admin');
    gh.resetLog();
    await comment('/kubemend fix', 'alice');
    expect(app.jobErrors).toEqual([]);
    expect(gh.writes()).toEqual([]);
    expect(gh.refs.get('changes')).toBe(pr.headSha);
  });

  it('hostile resource names reach the reply and the commit message inert', async () => {
    setup();
    const name = '"@admin [x](https://evil.example) <img src=x> #1"';
    gh.push('changes', { [WEB]: deployment('web').replace('name: web', `name: ${name}`) });
    gh.permissions.set('alice', 'write');
    await comment('/kubemend fix', 'alice');
    expect(app.jobErrors).toEqual([]);
    const html = renderHtml(replies()[0]!.body);
    expect(html).not.toMatch(/<a |<img/);
    expect(prose(html)).not.toMatch(/@admin|#1\b/);
    expect(replies()[0]!.body).toMatch(/^🚀/);
    expect(gh.commits.get(gh.refs.get('changes')!)?.message).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('hostile text in a command and its arguments is quoted as code, never rendered', async () => {
    setup();
    gh.permissions.set('alice', 'write');
    await comment('/kubemend @admin <img src=x onerror=alert(1)> [x](https://evil.example)', 'alice');
    const html = renderHtml(replies()[0]!.body);
    expect(html).not.toMatch(/<a |<img/);
    expect(prose(html)).not.toMatch(/@admin/);
  });
});

describe('request counts', () => {
  it('fix on a same-repository pull request changing one manifest: the reads and writes, in order', async () => {
    setup();
    gh.permissions.set('alice', 'write');
    gh.resetLog();
    await comment('/kubemend fix', 'alice');
    expect(app.jobErrors).toEqual([]);
    const log = gh.requests.filter((r) => r.path.startsWith('/repos/')).map((r) => `${r.method} ${r.template}`);
    expect(log).toEqual([
      // the handler pins the head
      'GET /repos/{owner}/{repo}/pulls/{pull_number}',
      // the job
      'GET /repos/{owner}/{repo}/contents/{path}',
      'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
      'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'GET /repos/{owner}/{repo}/pulls/{pull_number}',
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
      'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
      'GET /repos/{owner}/{repo}/git/ref/{ref}',
      'GET /repos/{owner}/{repo}/git/commits/{commit_sha}',
      'POST /repos/{owner}/{repo}/git/trees',
      'POST /repos/{owner}/{repo}/git/commits',
      'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
    ]);
    expect(gh.reads().filter((r) => r.path.startsWith('/repos/'))).toHaveLength(9);
    expect(gh.writes()).toHaveLength(6);
  });
});

describe("rebase and recreate on kubemend's own pull requests", () => {
  const files = exampleRepoFiles({ withConfig: false });
  const ALERT_WEB = 'apps/web/deployment.yaml';
  const alert = (n: number) =>
    alertPayload({
      number: n,
      ruleId: 'KSV-0012',
      tool: 'Trivy',
      path: ALERT_WEB,
      startLine: 21,
      endLine: 37,
      message: "Container 'web' of Deployment 'web' should set 'securityContext.runAsNonRoot' to true",
    });

  /** kubemend's own pull request #1, opened by the lifecycle from a code-scanning alert. */
  async function ownPullRequest() {
    gh = new ReviewFake({ owner: REPO.owner.login, repo: REPO.name, defaultBranch: BASE, files, openapi }).intercept();
    await app.deliver('code_scanning_alert', alert(1), 'alert-1');
    expect(app.jobErrors).toEqual([]);
    const pr = gh.pulls[0]!;
    expect(pr.user.login).toBe('kubemend[bot]');
    gh.permissions.set('alice', 'write');
    return pr;
  }

  it('rebase makes the same fixes again on the moved default branch', async () => {
    const pr = await ownPullRequest();
    const before = gh.filesAt(pr.headSha)[ALERT_WEB];
    const base = gh.push(BASE, { 'README.md': 'moved on\n' });
    await comment('/kubemend rebase', 'alice');
    expect(app.jobErrors).toEqual([]);
    const head = gh.refs.get(pr.head)!;
    expect(gh.commits.get(head)).toMatchObject({ parents: [base], by: 'app' });
    expect(gh.filesAt(head)[ALERT_WEB]).toBe(before);
    expect(gh.filesAt(head)['README.md']).toBe('moved on\n');
    expect(replies()[0]!.body).toContain(`Regenerating this pull request on the current ${BASE}`);
  });

  it('rebase refuses over a person’s commit and names it; recreate says what is lost and replaces the branch', async () => {
    const pr = await ownPullRequest();
    const human = gh.push(pr.head, { 'apps/web/notes.md': 'mine\n' }, 'my <b>@notes</b>');
    await comment('/kubemend rebase', 'alice');
    expect(gh.refs.get(pr.head)).toBe(human);
    expect(replies()[0]!.body).toContain(`- \`${human.slice(0, 7)}\` my `);
    const html = renderHtml(replies()[0]!.body);
    expect(html).not.toMatch(/<b>/);
    expect(prose(html)).not.toMatch(/@notes/);
    await comment('/kubemend recreate', 'alice');
    expect(app.jobErrors).toEqual([]);
    const head = gh.refs.get(pr.head)!;
    expect(gh.commits.get(head)).toMatchObject({ parents: [gh.refs.get(BASE)], by: 'app' });
    expect(gh.filesAt(head)['apps/web/notes.md']).toBeUndefined();
    expect(replies()[1]!.body).toContain('These commits will be lost:');
  });

  it('is refused on a person’s pull request', async () => {
    setup();
    gh.permissions.set('alice', 'write');
    await comment('/kubemend rebase', 'alice');
    expect(replies()[0]!.body).toContain("`rebase` runs on kubemend's own pull requests.");
  });
});
