/**
 * `kubemend sweep` as a process (`node dist/cli/main.js sweep`), with the App's credentials, against a fake
 * GitHub fleet on the loopback (test/bot/sweep-fleet.ts; GitHub Enterprise Server paths, every request
 * checked against GitHub's OpenAPI description): a dry run prints what it would sweep and writes nothing;
 * a sweep with `--state FILE` opens the pull request, and the next run finds the repository unchanged.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appSecrets } from './app-process.js';
import { cli, ensureBuilt } from '../cli/helpers.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { bare, hardened } from '../report/compliance-helpers.js';
import { FakeFleet, serveFleet } from '../bot/sweep-fleet.js';

const secrets = appSecrets();
let close: (() => Promise<void>) | undefined;

beforeAll(() => ensureBuilt(), 300_000);
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function fleetServer() {
  const fleet = new FakeFleet(createOpenApiValidator(), 1);
  fleet.add({
    installationId: 7,
    owner: 'alpha',
    repo: 'infra',
    files: { '.github/kubemend.yml': 'pullRequests:\n  grouping: all\n', 'deploy/web.yaml': bare('web') },
  });
  fleet.add({ installationId: 8, owner: 'beta', repo: 'platform', files: { 'app.yaml': hardened('ok') } });
  const server = await serveFleet(fleet);
  close = server.close;
  // undefined leaves a variable of the test's own environment (REDIS_URL from .ci/run) out of the child's.
  const env: Record<string, string | undefined> = {
    APP_ID: '1',
    PRIVATE_KEY: secrets.privateKey,
    GHE_HOST: server.host,
    GHE_PROTOCOL: 'http',
    LOG_LEVEL: 'warn',
    KUBEMEND_WRITE_DELAY_MS: '0',
    WEBHOOK_SECRET: undefined,
    REDIS_URL: undefined,
    SWEEP_CRON: undefined,
  };
  return { fleet, env };
}

describe('kubemend sweep (process)', () => {
  it('prints the summary of a dry run and writes nothing', async () => {
    const { fleet, env } = await fleetServer();
    const run = await cli(['sweep', '--dry-run'], mkdtempSync(join(tmpdir(), 'kubemend-sweep-')), env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('kubemend sweep (dry run: nothing written): 2 installation(s)');
    expect(run.stdout).toMatch(/repositories seen: 2\n/);
    expect(run.stdout).toMatch(/would be swept: {4}2\n/);
    expect(run.stdout).toMatch(/errors: {12}0\n/);
    expect(fleet.requests.filter((r) => r.method !== 'GET' && !r.path.startsWith('/app/'))).toEqual([]);
    expect(fleet.problems).toEqual([]);
  });

  it('sweeps with --state FILE, and the next run finds the repositories unchanged', async () => {
    const { fleet, env } = await fleetServer();
    const cwd = mkdtempSync(join(tmpdir(), 'kubemend-sweep-'));
    const first = await cli(['sweep', '--state', 'state.json'], cwd, env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/swept: {13}2\n/);
    expect(first.stdout).toContain('pull requests:     1 opened, 0 updated, 0 closed');
    expect(fleet.repo('alpha/infra').pulls.map((p) => p.state)).toEqual(['open']);
    expect(Object.keys(JSON.parse(readFileSync(join(cwd, 'state.json'), 'utf8')).repositories)).toEqual([
      'alpha/infra',
      'beta/platform',
    ]);
    const second = await cli(['sweep', '--state', 'state.json', '--repo', 'alpha/infra'], cwd, env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/repositories seen: 1\n/);
    expect(second.stdout).toMatch(/unchanged: {9}1\n/);
    expect(fleet.problems).toEqual([]);
  });

  it('refuses a malformed --repo with exit code 2', async () => {
    const run = await cli(['sweep', '--repo', 'nope'], tmpdir(), {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--repo must be owner/name, got 'nope'");
  });
});
