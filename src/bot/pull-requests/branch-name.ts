import { createHash } from 'node:crypto';

/** Characters git and GitHub accept in a ref component without quoting (git-check-ref-format). */
function slug(text: string): string {
  return text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
}

/**
 * The branch for a grouping key: the same key always gives the same branch, so a re-run finds its pull
 * request instead of opening another. Keys built from file paths or resource names get a short hash so
 * two keys that slug alike (`a/b.yaml`, `a-b.yaml`) cannot share a branch.
 */
export function branchName(prefix: string, key: string): string {
  if (/^[a-z0-9][a-z0-9-]*$/.test(key)) return `${prefix}${key}`;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
  return `${prefix}${slug(key)}-${hash}`;
}
