/**
 * Who may run a command. A stranger's comment must never make kubemend write, so the collaborator
 * permission is read from the API for every command (never from `author_association`, which hides private
 * organisation members, and never cached: access can be revoked between two comments). `commands.allow`
 * lists users and teams OWNERS-style: when it lists anyone, it replaces the write-permission rule (a listed
 * triager may, an unlisted writer may not; admins always may, as they can edit the list anyway). Bots are
 * ignored unless listed in `commands.allow.bots`; kubemend's own comments always are.
 */
import type { Config } from '../../config/schema.js';
import {
  type GitHub,
  type Permission,
  type RepoRef,
  PERMISSIONS,
  getCollaboratorPermission,
  isTeamMember,
} from '../../github/index.js';

/** What a command needs: `read` only replies; `write` changes the repository. */
export type Need = 'read' | 'write';

/** The decision for one commenter and command. */
export type Decision =
  | { kind: 'allowed'; permission: Permission; via: 'permission' | 'allow-list' | 'bot-list' }
  | { kind: 'denied'; permission: Permission; need: Need; why: 'permission' | 'not-listed' }
  /** Not answered at all: a bot that is not allowed, or kubemend itself. */
  | { kind: 'ignored'; why: 'bot' | 'self' };

export interface Commenter {
  login: string;
  /** `Bot` for Apps' accounts (GitHub's `user.type`). */
  type: string;
}

/** Whether `have` is at least `need`. */
export function atLeast(have: Permission, need: Permission): boolean {
  return PERMISSIONS.indexOf(have) <= PERMISSIONS.indexOf(need);
}

/** Decides before any request: kubemend itself and unlisted bots are ignored, without a word. */
export function screenCommenter(
  who: Commenter,
  botLogin: string,
  allow: Config['commands']['allow'],
): 'self' | 'bot' | 'listed-bot' | 'person' {
  const login = who.login.toLowerCase();
  if (login === botLogin.toLowerCase()) return 'self';
  if (who.type === 'Bot' || login.endsWith('[bot]'))
    return allow.bots.some((b) => b.toLowerCase() === login) ? 'listed-bot' : 'bot';
  return 'person';
}

async function onTeam(gh: GitHub, repo: RepoRef, teams: string[], login: string): Promise<boolean> {
  for (const team of teams) {
    const [org, slug] = team.includes('/') ? (team.split('/') as [string, string]) : [repo.owner, team];
    if (await isTeamMember(gh, org, slug, login)) return true;
  }
  return false;
}

/** The decision for `who` running a command that needs `need` (reads the permission, then teams only if needed). */
export async function decidePermission(
  gh: GitHub,
  repo: RepoRef,
  who: Commenter,
  need: Need,
  config: Config,
  botLogin: string,
): Promise<Decision> {
  const allow = config.commands.allow;
  const screened = screenCommenter(who, botLogin, allow);
  if (screened === 'self' || screened === 'bot') return { kind: 'ignored', why: screened };
  const permission = await getCollaboratorPermission(gh, repo, who.login);
  if (screened === 'listed-bot') return { kind: 'allowed', permission, via: 'bot-list' };
  if (need === 'read')
    return atLeast(permission, 'read')
      ? { kind: 'allowed', permission, via: 'permission' }
      : { kind: 'denied', permission, need, why: 'permission' };
  const listing = allow.users.length > 0 || allow.teams.length > 0;
  if (!listing)
    return atLeast(permission, 'write')
      ? { kind: 'allowed', permission, via: 'permission' }
      : { kind: 'denied', permission, need, why: 'permission' };
  if (permission === 'admin') return { kind: 'allowed', permission, via: 'permission' };
  if (!atLeast(permission, 'read')) return { kind: 'denied', permission, need, why: 'permission' };
  const listed =
    allow.users.some((u) => u.toLowerCase() === who.login.toLowerCase()) ||
    (await onTeam(gh, repo, allow.teams, who.login));
  return listed
    ? { kind: 'allowed', permission, via: 'allow-list' }
    : { kind: 'denied', permission, need, why: 'not-listed' };
}
