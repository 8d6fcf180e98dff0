import { isStatus } from './is-status.js';
import type { GitHub } from './types.js';

/**
 * Whether `login` is an active member of `org`'s team `teamSlug` (one request). An unknown team, a person
 * outside it, or an App without the organisation's `members: read` permission answers 404 or 403: not a
 * member, so an allow-list entry never widens access by mistake.
 * https://docs.github.com/rest/teams/members#get-team-membership-for-a-user
 */
export async function isTeamMember(gh: GitHub, org: string, teamSlug: string, login: string): Promise<boolean> {
  try {
    const { data } = await gh.rest.teams.getMembershipForUserInOrg({ org, team_slug: teamSlug, username: login });
    return data.state === 'active';
  } catch (err) {
    if (isStatus(err, 404, 403)) return false;
    throw err;
  }
}
