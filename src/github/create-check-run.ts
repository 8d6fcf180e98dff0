import type { GitHub, RepoRef } from './types.js';

export interface CheckRunInput {
  name: string;
  headSha: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  /** Stored on the check run so a later run can tell it already reported the same thing. */
  externalId: string;
}

/** Creates a completed check run. https://docs.github.com/rest/checks/runs#create-a-check-run */
export async function createCheckRun(gh: GitHub, repo: RepoRef, input: CheckRunInput): Promise<void> {
  await gh.rest.checks.create({
    ...repo,
    name: input.name,
    head_sha: input.headSha,
    status: 'completed',
    conclusion: input.conclusion,
    external_id: input.externalId,
    output: { title: input.title, summary: input.summary },
  });
}
