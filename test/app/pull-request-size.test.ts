/**
 * Pull requests with thousands of fixes (issue 9, section 7): the body GitHub receives stays within its
 * 65,536 characters, and the hidden metadata it carries still drives the lifecycle: the same fixes open
 * nothing new, a pull request closed without merging is not proposed again until a manifest changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AppMeta,
  META_BUDGET,
  filesHash,
  fitAppMeta,
  fittedAppMeta,
  parseAppMeta,
  withAppMeta,
} from '../../src/bot/pull-requests/meta.js';
import { planPullRequest } from '../../src/bot/pull-requests/plan-pull-request.js';
import type { PullRequestInfo } from '../../src/github/index.js';
import { fingerprintSetHash } from '../../src/report/fingerprint.js';
import { parsePullRequestMeta } from '../../src/report/pull-request-meta.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { FakeGitHub, assertNoApiProblems } from '../github/fake-github.js';
import { createHarness, type Harness } from './harness.js';
import { example } from './payloads.js';

const openapi = createOpenApiValidator();
const installed = example('installation', 'created');
const [owner, name] = String(installed.repositories[0].full_name).split('/') as [string, string];

const FILES = 100;
const PER_FILE = 20;

/** 100 files of 20 Deployments each, every container without allowPrivilegeEscalation: 2,000 fixes. */
function repoFiles(): Record<string, string> {
  const files: Record<string, string> = {
    '.github/kubemend.yml':
      'scanOnInstall: true\nremediations:\n  enabled: [no-privilege-escalation]\npullRequests:\n  grouping: all\n',
  };
  for (let f = 0; f < FILES; f++) {
    const docs = Array.from(
      { length: PER_FILE },
      (_, d) =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: team-${f}-svc-${d}\n  namespace: team-${f}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example/team-${f}/svc-${d}:1.0.${d}\n`,
    );
    files[`clusters/prod/team-${f}/services.yaml`] = docs.join('---\n');
  }
  return files;
}

let app: Harness;
beforeEach(async () => {
  app = await createHarness();
});
afterEach(assertNoApiProblems);

describe('a pull request with 2,000 fixes', () => {
  it("fits GitHub's body limit, and its metadata keeps it unchanged on a re-run and suppressed once closed", async () => {
    const files = repoFiles();
    const gh = new FakeGitHub({ owner, repo: name, files, openapi }).intercept();
    await app.deliver('installation', installed, 's-1');
    expect(app.jobErrors).toEqual([]);
    expect(gh.pulls).toHaveLength(1);
    const pr = gh.pulls[0]!;
    const after = gh.filesAt(pr.headSha);
    expect(Object.keys(files).filter((p) => after[p] !== files[p])).toHaveLength(FILES);
    expect(pr.body.length).toBeLessThanOrEqual(65_536);
    expect(parsePullRequestMeta(pr.body)).toMatchObject({
      v: 2,
      remediations: ['no-privilege-escalation'],
      fixes: FILES * PER_FILE,
      files: FILES,
    });
    const meta = parseAppMeta(pr.body);
    expect(meta).toMatchObject({ v: 2, key: 'all', remediations: ['no-privilege-escalation'], commit: pr.headSha });
    expect(meta?.set).toBe(parsePullRequestMeta(pr.body)?.set);

    gh.resetLog();
    await app.deliver('installation', installed, 's-2');
    expect(app.jobErrors).toEqual([]);
    expect(gh.writes()).toEqual([]);

    pr.state = 'closed';
    await app.deliver('installation', installed, 's-3');
    expect(app.jobErrors).toEqual([]);
    expect(gh.writes()).toEqual([]);
  });
});

describe('App metadata that does not fit its budget', () => {
  const fingerprints = Array.from({ length: 3000 }, (_, i) => i.toString(16).padStart(16, '0'));
  const files = Object.fromEntries(
    Array.from({ length: 400 }, (_, i) => [`clusters/prod/team-${i}/services.yaml`, `${i}`.padStart(40, 'a')]),
  );
  const meta: AppMeta = {
    v: 2,
    key: 'all',
    set: fingerprintSetHash(fingerprints),
    fingerprints,
    remediations: ['no-privilege-escalation'],
    targets: [{ path: 'a.yaml', remediation: 'no-privilege-escalation', kind: 'Deployment', name: 'web', sources: [] }],
    commit: 'c1',
    config: 'cfg',
    filesHash: filesHash(files),
    files,
  };
  const pr = (over: Partial<PullRequestInfo>): PullRequestInfo => ({
    number: 7,
    state: 'closed',
    merged: false,
    title: 't',
    body: '',
    headRef: 'kubemend/all',
    headSha: 'c1',
    baseRef: 'main',
    htmlUrl: '',
    author: 'kubemend[bot]',
    authorType: 'Bot',
    fromFork: false,
    ...over,
  });
  const desired = { fingerprints, config: 'cfg', files };

  it('keeps its hashes, drops the lists, round-trips, and still decides the lifecycle', () => {
    const comment = fittedAppMeta(meta);
    expect(comment.length).toBeLessThanOrEqual(META_BUDGET);
    expect(comment.length).toBeLessThan(400);
    const stored = parseAppMeta(withAppMeta('## kubemend', meta));
    expect(stored).toEqual(fitAppMeta(meta));
    expect(stored).toEqual({
      v: 2,
      key: 'all',
      set: meta.set,
      remediations: meta.remediations,
      targets: [],
      commit: 'c1',
      config: 'cfg',
      filesHash: meta.filesHash,
    });
    const known = { pr: pr({ state: 'open' }), meta: stored! };
    const base = { openCount: 0, prLimit: 5 };
    expect(
      planPullRequest({
        ...base,
        desired: { ...desired, fingerprints: [...fingerprints].reverse() },
        open: known,
        closed: [],
      }).action,
    ).toBe('unchanged');
    expect(
      planPullRequest({
        ...base,
        desired: { ...desired, fingerprints: fingerprints.slice(1) },
        open: known,
        closed: [],
      }).action,
    ).toBe('regenerate');
    const closed = [{ pr: pr({}), meta: stored! }];
    expect(planPullRequest({ ...base, desired, closed }).action).toBe('suppressed');
    expect(
      planPullRequest({ ...base, desired: { ...desired, files: { ...files, 'new.yaml': 'b' } }, closed }).action,
    ).toBe('create');
    expect(planPullRequest({ ...base, desired: { ...desired, config: 'other' }, closed }).action).toBe('create');
  });

  it('keeps the fingerprint list while it fits, so a closed pull request also suppresses a subset of its fixes', () => {
    const small: AppMeta = {
      ...meta,
      fingerprints: fingerprints.slice(0, 500),
      set: fingerprintSetHash(fingerprints.slice(0, 500)),
      files: { 'a.yaml': 'x' },
      filesHash: filesHash({ 'a.yaml': 'x' }),
    };
    const stored = parseAppMeta(withAppMeta('body', small));
    expect(stored?.fingerprints).toHaveLength(500);
    expect(stored?.targets).toHaveLength(1);
    const subset = { fingerprints: fingerprints.slice(0, 10), config: 'cfg', files: { 'a.yaml': 'x' } };
    expect(
      planPullRequest({ desired: subset, closed: [{ pr: pr({}), meta: stored! }], openCount: 0, prLimit: 5 }).action,
    ).toBe('suppressed');
  });

  it('reads version 1 metadata of pull requests opened before, as version 2', () => {
    const v1 = {
      v: 1,
      key: 'all',
      fingerprints: ['00000000000000aa'],
      remediations: ['x'],
      targets: [],
      commit: 'c',
      config: 'k',
      files: { 'a.yaml': 's' },
    };
    const body = `b\n\n<!-- kubemend:app ${JSON.stringify(v1)} -->\n`;
    expect(parseAppMeta(body)).toEqual({
      ...v1,
      v: 2,
      set: fingerprintSetHash(v1.fingerprints),
      filesHash: filesHash(v1.files),
    });
  });
});
