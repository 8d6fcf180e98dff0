/**
 * `push` to the default branch that touches YAML or JSON: the App's open pull requests may now be fixed
 * by hand (close them) or need their fixes recomputed (regenerate). The job re-checks only the files the
 * open pull requests patch; a push that touches no manifest-like file queues nothing.
 */
import type { Context } from 'probot';

type Payload = Context<'push'>['payload'];

const MANIFEST_LIKE = /\.(ya?ml|json)$/i;

/** True when the push is to the default branch and changes at least one YAML or JSON file. */
export function pushTouchesManifests(payload: Payload): boolean {
  if (payload.ref !== `refs/heads/${payload.repository.default_branch}`) return false;
  const commits = [...payload.commits, ...(payload.head_commit ? [payload.head_commit] : [])];
  return commits.some((c) =>
    [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].some((path) => MANIFEST_LIKE.test(path)),
  );
}
