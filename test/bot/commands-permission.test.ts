import { afterEach, describe, expect, it } from 'vitest';
import { decidePermission, screenCommenter } from '../../src/bot/commands/permission.js';
import { type Config, ConfigSchema } from '../../src/config/schema.js';
import { createGitHubClient } from '../../src/github/index.js';
import { assertNoApiProblems } from '../github/fake-github.js';
import { createOpenApiValidator } from '../github/openapi.js';
import { ReviewFake } from './review-fake.js';

const openapi = createOpenApiValidator();
const repo = { owner: 'acme', repo: 'infra' };
const BOT = 'kubemend[bot]';
const user = (login: string) => ({ login, type: 'User' });

function fake(): ReviewFake {
  return new ReviewFake({ ...repo, files: { 'README.md': 'x\n' }, openapi }).intercept();
}

const client = () => createGitHubClient({ auth: 'ghs_test', retries: 0 });
const config = (allow: Record<string, string[]> = {}): Config => ConfigSchema.parse({ commands: { allow } });

afterEach(assertNoApiProblems);

describe('who may command', () => {
  it('write, maintain and admin may write; triage, read and none may not; everyone with read may ask for help', async () => {
    const gh = fake();
    for (const role of ['admin', 'maintain', 'write', 'triage', 'read']) gh.permissions.set(role, role);
    const out: Record<string, string> = {};
    for (const login of ['admin', 'maintain', 'write', 'triage', 'read', 'stranger']) {
      const write = await decidePermission(client(), repo, user(login), 'write', config(), BOT);
      const read = await decidePermission(client(), repo, user(login), 'read', config(), BOT);
      out[login] = `${write.kind}/${read.kind}`;
    }
    expect(out).toEqual({
      admin: 'allowed/allowed',
      maintain: 'allowed/allowed',
      write: 'allowed/allowed',
      triage: 'denied/allowed',
      read: 'denied/allowed',
      stranger: 'denied/denied',
    });
  });

  it('an allow-list replaces the write rule: listed users and team members with read may, unlisted writers may not, admins may', async () => {
    const gh = fake();
    gh.permissions.set('tia', 'triage').set('wes', 'write').set('ann', 'admin').set('tom', 'read').set('nia', 'read');
    gh.teams.set('acme/sre', ['tom']).set('other/ops', ['nia']);
    const allow = config({ users: ['Tia'], teams: ['sre', 'other/ops'] });
    const decide = async (login: string) =>
      (await decidePermission(client(), repo, user(login), 'write', allow, BOT)).kind;
    expect({
      tia: await decide('tia'),
      wes: await decide('wes'),
      ann: await decide('ann'),
      tom: await decide('tom'),
      nia: await decide('nia'),
    }).toEqual({
      tia: 'allowed',
      wes: 'denied',
      ann: 'allowed',
      tom: 'allowed',
      nia: 'allowed',
    });
    // An unknown team or a person outside it matches nobody (404), and someone without access is never widened.
    gh.permissions.set('eve', 'read');
    expect(await decide('eve')).toBe('denied');
    expect(await decide('nobody')).toBe('denied');
  });

  it('kubemend itself and unlisted bots are ignored before any request; a listed bot is obeyed', async () => {
    const allow = config({ bots: ['renovate[bot]'] }).commands.allow;
    expect(screenCommenter({ login: 'KubeMend[bot]', type: 'Bot' }, BOT, allow)).toBe('self');
    expect(screenCommenter({ login: 'dependabot[bot]', type: 'Bot' }, BOT, allow)).toBe('bot');
    expect(screenCommenter({ login: 'renovate[bot]', type: 'Bot' }, BOT, allow)).toBe('listed-bot');
    expect(screenCommenter({ login: 'alice', type: 'User' }, BOT, allow)).toBe('person');
    const gh = fake();
    gh.resetLog();
    expect(
      await decidePermission(client(), repo, { login: 'dependabot[bot]', type: 'Bot' }, 'write', config(), BOT),
    ).toEqual({ kind: 'ignored', why: 'bot' });
    expect(gh.requests).toEqual([]);
  });
});
