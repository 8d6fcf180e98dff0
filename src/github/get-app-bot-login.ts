import type { GitHub } from './types.js';

/**
 * The login of the App's bot account (`<slug>[bot]`), which GitHub makes the author of the commits and pull
 * requests the App creates. Needs the App's own client (JWT), not an installation client.
 * https://docs.github.com/rest/apps/apps#get-the-authenticated-app
 */
export async function getAppBotLogin(appClient: GitHub): Promise<string> {
  const { data } = await appClient.rest.apps.getAuthenticated();
  return `${data?.slug ?? ''}[bot]`;
}
