import type { GitHub } from './types.js';

/** One installation of the App: its id and the account it is installed on. */
export interface InstallationInfo {
  id: number;
  account: string;
  /** The installation is suspended: its token cannot be created, nothing is swept. */
  suspended: boolean;
}

/**
 * Every installation of the App, paged through 100 at a time (Link headers), with the App's own JWT
 * client (not an installation's). https://docs.github.com/rest/apps/apps#list-installations-for-the-authenticated-app
 */
export async function listInstallations(app: GitHub): Promise<InstallationInfo[]> {
  const all = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  return all.map((i) => ({ id: i.id, account: accountName(i.account), suspended: Boolean(i.suspended_at) }));
}

/** A user or organisation has a login, an enterprise a slug. */
function accountName(account: unknown): string {
  const a = account as { login?: string; slug?: string } | null;
  return a?.login ?? a?.slug ?? '';
}
