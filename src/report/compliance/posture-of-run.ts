/**
 * The posture of a repository snapshot after a pipeline run, for both fronts: the CLI's `report` and the
 * App's dashboard. The run says what fails; the workloads come from indexing the same files (the run does
 * not list what passes). Only the remediations that ran are counted, with the repository's severities.
 */
import type { Config } from '../../config/schema.js';
import { indexManifests } from '../../locate/index-manifests.js';
import type { RunResult } from '../../model.js';
import { type Catalog, effectiveSeverity, isEnabled } from '../../remediations/index.js';
import type { RemediationInfo } from '../remediation-info.js';
import { buildPosture } from './build-posture.js';
import type { Posture, PostureError } from './posture.js';

export interface PostureOfRunInput {
  /** The snapshot's files, as given to the pipeline. */
  files: ReadonlyArray<{ path: string; text: string }>;
  result: RunResult;
  catalog: Catalog;
  config: Config;
  /** The config's path filter (pipeline/run-pipeline.ts includeFilter). */
  isIncluded: (path: string) => boolean;
  /** The run's `only`/`skip` remediation ids. Default: every enabled remediation. */
  select?: { only?: string[]; skip?: string[] };
  /** Fingerprints of fixes held by open kubemend pull requests → pull request number. Default: none. */
  openFixes?: ReadonlyMap<string, number>;
  /** Files not evaluated (Helm templates, unreadable). Default: []. */
  notEvaluated?: readonly PostureError[];
}

/** The remediations a run with `config` and `select` evaluates, as renderers need them. */
export function remediationsRun(
  catalog: Catalog,
  config: Config,
  select: { only?: string[]; skip?: string[] } = {},
): RemediationInfo[] {
  return catalog.remediations
    .filter((r) => isEnabled(r.id, config, select))
    .map((r) => ({ ...r, severity: effectiveSeverity(r, config) }));
}

export function postureOfRun(input: PostureOfRunInput): Posture {
  const index = indexManifests(input.files.filter((f) => input.isIncluded(f.path)));
  return buildPosture({
    workloads: index.workloads,
    result: input.result,
    remediations: remediationsRun(input.catalog, input.config, input.select),
    ...(input.openFixes ? { openFixes: input.openFixes } : {}),
    ...(input.notEvaluated ? { notEvaluated: input.notEvaluated } : {}),
  });
}
