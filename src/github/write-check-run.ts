import { type CheckAction, type CheckAnnotation, CHECK_LIMITS, toApiAnnotation } from './check-run-output.js';
import type { GitHub, RepoRef } from './types.js';

/** One write of a check run: its output, a batch of annotations (≤ 50), and, to complete it, a conclusion. */
export interface CheckRunWrite {
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
  /** Completes the run with this conclusion; absent: the run stays in progress (more annotations follow). */
  conclusion?: 'success' | 'failure' | 'neutral';
  /** Buttons, on the completing write. Default: none. */
  actions?: CheckAction[];
  externalId: string;
}

function body(write: CheckRunWrite) {
  if (write.annotations.length > CHECK_LIMITS.annotationsPerRequest)
    throw new Error(
      `at most ${CHECK_LIMITS.annotationsPerRequest} annotations a request, got ${write.annotations.length}`,
    );
  return {
    external_id: write.externalId,
    output: {
      title: write.title,
      summary: write.summary,
      ...(write.annotations.length ? { annotations: write.annotations.map(toApiAnnotation) } : {}),
    },
    ...(write.conclusion
      ? { status: 'completed' as const, conclusion: write.conclusion }
      : { status: 'in_progress' as const }),
    ...(write.conclusion && write.actions?.length ? { actions: write.actions.slice(0, CHECK_LIMITS.actions) } : {}),
  };
}

/** Creates a check run on `headSha` and returns its id. https://docs.github.com/rest/checks/runs#create-a-check-run */
export async function startCheckRun(
  gh: GitHub,
  repo: RepoRef,
  name: string,
  headSha: string,
  write: CheckRunWrite,
): Promise<number> {
  const { data } = await gh.rest.checks.create({ ...repo, name, head_sha: headSha, ...body(write) });
  return data.id;
}

/**
 * Updates a check run; its annotations are appended to the ones it has (that is how more than 50 get on a
 * run). https://docs.github.com/rest/checks/runs#update-a-check-run
 */
export async function updateCheckRun(
  gh: GitHub,
  repo: RepoRef,
  checkRunId: number,
  write: CheckRunWrite,
): Promise<void> {
  await gh.rest.checks.update({ ...repo, check_run_id: checkRunId, ...body(write) });
}
