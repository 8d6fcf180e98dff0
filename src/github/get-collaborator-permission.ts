import { isStatus } from './is-status.js';
import type { GitHub, RepoRef } from './types.js';

/** A person's permission on a repository, highest first. */
export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

/** Permissions from highest to lowest; a permission grants everything after it. */
export const PERMISSIONS: readonly Permission[] = ['admin', 'maintain', 'write', 'triage', 'read', 'none'];

/**
 * The collaborator permission of `login`, read from the API every time (never cached: it can be revoked).
 * `role_name` says maintain and triage where the legacy `permission` field says write and read; a custom
 * role's name is none of these, so its base is read from `user.permissions`. A login that is not a
 * collaborator of a private repository answers 404: `none`.
 * https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user
 */
export async function getCollaboratorPermission(gh: GitHub, repo: RepoRef, login: string): Promise<Permission> {
  try {
    const { data } = await gh.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: login });
    if ((PERMISSIONS as readonly string[]).includes(data.role_name)) return data.role_name as Permission;
    const p = data.user?.permissions;
    if (p?.admin) return 'admin';
    if (p?.maintain) return 'maintain';
    if (p?.push) return 'write';
    if (p?.triage) return 'triage';
    if (p?.pull) return 'read';
    return 'none';
  } catch (err) {
    if (isStatus(err, 404)) return 'none';
    throw err;
  }
}
