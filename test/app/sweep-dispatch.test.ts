/**
 * On-demand sweeps through the App: a `repository_dispatch` with `event_type: kubemend-sweep` (webhook
 * payload from @octokit/webhooks-examples) queues a sweep of that repository, which opens the pull request
 * its manifests need, even when the repository's config leaves it out of scheduled sweeps; a redelivery of
 * the same delivery does nothing more. Ticking the dashboard's "sweep now" box (`issues.edited`) does the
 * same for a person who may write, and nothing for one who may not.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenApiValidator } from '../github/openapi.js';
import { FakeGitHub, assertNoApiProblems } from '../github/fake-github.js';
import { bare } from '../report/compliance-helpers.js';
import { DASHBOARD_MARKER, renderCheckbox } from '../../src/report/dashboard/index.js';
import { ReviewFake } from '../bot/review-fake.js';
import { createHarness, type Harness } from './harness.js';
import { example } from './payloads.js';

const openapi = createOpenApiValidator();
let app: Harness;
beforeEach(async () => {
  app = await createHarness();
});
afterEach(assertNoApiProblems);

describe('repository_dispatch kubemend-sweep', () => {
  it('sweeps the repository now, scheduled sweeps turned off or not, once per delivery', async () => {
    const payload = example('repository_dispatch');
    payload.action = 'kubemend-sweep';
    payload.client_payload = {};
    const repo = payload.repository as { name: string; owner: { login: string }; default_branch: string };
    const files = {
      '.github/kubemend.yml': 'pullRequests:\n  grouping: all\nsweep:\n  enabled: false\n',
      'deploy/web.yaml': bare('web'),
    };
    const gh = new FakeGitHub({
      owner: repo.owner.login,
      repo: repo.name,
      defaultBranch: repo.default_branch,
      files,
      openapi,
    }).intercept();
    await app.deliver('repository_dispatch', payload, 's-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls).toHaveLength(1);
    const fixed = gh.filesAt(gh.pulls[0]?.headSha ?? '')['deploy/web.yaml'] ?? '';
    expect(fixed).toContain('runAsNonRoot: true');
    const n = gh.requests.length;
    await app.deliver('repository_dispatch', payload, 's-1');
    expect(gh.requests.slice(n)).toEqual([]);
  });
});

describe('the dashboard\'s "sweep now" box', () => {
  const edited = (sender: string) => {
    const payload = example('issues', 'edited');
    const box = (ticked: boolean) =>
      `${DASHBOARD_MARKER}{"v":1,"history":[]} -->\n\n${renderCheckbox({ kind: 'sweep' }, 'Sweep this repository now', ticked)}\n`;
    payload.issue.user = { ...payload.issue.user, login: 'kubemend[bot]', type: 'Bot' };
    payload.issue.body = box(true);
    payload.changes = { body: { from: box(false) } };
    payload.sender = { ...payload.sender, login: sender, type: 'User' };
    // GitHub's examples are a repository webhook's; an App's delivery also names the installation.
    payload.installation = { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
    return payload;
  };

  it('sweeps the repository when a person who may write ticks it, and not for one who may not', async () => {
    const payload = edited('maintainer');
    const repo = payload.repository as { name: string; owner: { login: string }; default_branch: string };
    const files = { '.github/kubemend.yml': 'pullRequests:\n  grouping: all\n', 'deploy/web.yaml': bare('web') };
    const gh = new ReviewFake({
      owner: repo.owner.login,
      repo: repo.name,
      defaultBranch: repo.default_branch,
      files,
      openapi,
    }).intercept();
    gh.permissions.set('maintainer', 'write');
    gh.permissions.set('reader', 'read');
    await app.deliver('issues', edited('reader'), 'e-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls).toEqual([]);
    await app.deliver('issues', payload, 'e-2');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls).toHaveLength(1);
  });
});
