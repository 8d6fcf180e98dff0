import type { GitHub, RepoRef } from './types.js';

/** The text of one file at a ref through the contents API, or undefined when it does not exist. */
export async function readFileText(gh: GitHub, repo: RepoRef, path: string, ref?: string): Promise<string | undefined> {
  try {
    const { data } = await gh.rest.repos.getContent({ ...repo, path, ...(ref ? { ref } : {}) });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return undefined;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (err) {
    if ((err as { status?: number }).status === 404) return undefined;
    throw err;
  }
}
