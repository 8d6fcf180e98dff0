/**
 * The fields every job from a repository event carries (src/bot/jobs.ts): the installation to act as, the
 * repository, its default branch at the time of the event, and the delivery. Undefined without an
 * installation: there is nothing to act as.
 */
export interface RepoEventPayload {
  repository: { name: string; owner: { login: string }; default_branch?: string };
  installation?: { id: number } | null;
}

export interface JobBase {
  installationId: number;
  owner: string;
  repo: string;
  baseBranch?: string;
  deliveryId: string;
}

export function jobBase(payload: RepoEventPayload, deliveryId: string): JobBase | undefined {
  const installationId = payload.installation?.id;
  if (installationId === undefined) return undefined;
  const { repository } = payload;
  return {
    installationId,
    owner: repository.owner.login,
    repo: repository.name,
    ...(repository.default_branch ? { baseBranch: repository.default_branch } : {}),
    deliveryId,
  };
}
