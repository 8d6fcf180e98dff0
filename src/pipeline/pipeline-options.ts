/**
 * What one pipeline run is asked to do. Its own file so the stages run-pipeline calls (collect-violations)
 * can read the options without importing the orchestrator back (issue 11: no cycles, type-only included).
 */
import type { Config } from '../config/schema.js';
import type { Finding } from '../model.js';
import type { Catalog } from '../remediations/index.js';

export interface PipelineOptions {
  catalog: Catalog;
  config: Config;
  /** Scanner findings; when given, only what they name is fixed. Default: kubemend's own detection. */
  findings?: Finding[];
  /** Remediation ids to run exclusively. Default: every enabled remediation. */
  only?: string[];
  /** Remediation ids never to run. Default: none. */
  skip?: string[];
  /** Absolute root of the snapshot, to relate absolute paths in findings to it. Default: none. */
  root?: string;
  /** Leading path the scanner put before repo paths (it ran elsewhere), stripped from finding paths. Default: none. */
  pathPrefix?: string;
  /**
   * Also split the run's changes by remediation (RunResult.partitions), from the same index and detection,
   * for one pull request per remediation. Not done for fixes on Kustomize renderings (one change). Default: false.
   */
  partition?: boolean;
  /** Called after each file is processed. Default: none. */
  onProgress?: (done: number, total: number) => void;
}
