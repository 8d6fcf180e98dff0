import { afterEach, describe, expect, it } from 'vitest';
import { proposeConfigChange } from '../../src/bot/commands/config-pull-request.js';
import { addIgnore } from '../../src/bot/commands/ignore-edit.js';
import type { Pacer } from '../../src/bot/ports.js';
import { createGitHubClient } from '../../src/github/index.js';
import { assertNoApiProblems } from '../github/fake-github.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { ReviewFake } from './review-fake.js';

const openapi = createOpenApiValidator();
const repo = { owner: 'acme', repo: 'infra' };
const pacer: Pacer = { run: (writes) => writes() };
const client = () => createGitHubClient({ auth: 'ghs_test', retries: 0 });
const CONFIG = '# ours\npaths:\n  include: ["k8s/**"]\n';

const change = (remediation: string) => ({
  edit: (text: string | undefined) => {
    const r = addIgnore(text, { remediation });
    return r.ok ? { ok: true as const, text: r.text } : { ok: false as const, message: r.message };
  },
  message: `kubemend: ignore ${remediation}`,
  title: 'kubemend: add an exemption in .github/kubemend.yml',
  body: 'body',
});

afterEach(assertNoApiProblems);

describe('the configuration pull request', () => {
  it('a retried command whose branch was made before the crash opens the pull request from that branch', async () => {
    const gh = new ReviewFake({ ...repo, files: { '.github/kubemend.yml': CONFIG }, openapi }).intercept();
    gh.inject({ call: 'POST /repos/{owner}/{repo}/pulls', fault: { kind: 'reset' } });
    const input = { prefix: 'kubemend/', deliveryId: 'd-1', botLogin: 'kubemend[bot]', change: change('seccomp') };
    await expect(proposeConfigChange(client(), repo, pacer, input)).rejects.toThrow();
    const branches = [...gh.refs.keys()].filter((b) => b.startsWith('kubemend/config-'));
    expect(branches).toHaveLength(1);
    const outcome = await proposeConfigChange(client(), repo, pacer, input);
    expect(outcome.kind).toBe('opened');
    expect(gh.pulls).toHaveLength(1);
    expect(gh.pulls[0]!.head).toBe(branches[0]);
    expect(gh.filesAt(gh.pulls[0]!.headSha)['.github/kubemend.yml']).toBe(
      `${CONFIG}ignore:\n  - remediation: "seccomp"\n`,
    );
  });

  it('an entry already there proposes nothing and writes nothing', async () => {
    const gh = new ReviewFake({
      ...repo,
      files: { '.github/kubemend.yml': `${CONFIG}ignore:\n  - remediation: seccomp\n` },
      openapi,
    }).intercept();
    gh.resetLog();
    const outcome = await proposeConfigChange(client(), repo, pacer, {
      prefix: 'kubemend/',
      deliveryId: 'd-2',
      botLogin: 'kubemend[bot]',
      change: change('seccomp'),
    });
    expect(outcome).toEqual({ kind: 'no-change', message: 'an entry for this is already there' });
    expect(gh.writes()).toEqual([]);
  });
});
