/**
 * What the App needs from the stages below `github`, as one interface: parsing findings, running the
 * pipeline over a snapshot of files, rendering the pull request. `default-engine.ts` binds the real stages;
 * tests may bind the same ones with a smaller catalog.
 */
import type { Config } from '../config/schema.js';
import type { AppliedFix, Diagnostic, FileResult, Finding, RunResult } from '../model.js';
import type { Catalog } from '../remediations/index.js';

export interface PipelineFile {
  path: string;
  text: string;
}

export interface EngineRunOptions {
  config: Config;
  /** Absent: kubemend's own detection over every file (scan). */
  findings?: Finding[];
  /** Only these remediations. Default: every enabled remediation. */
  only?: string[];
  /** Also split the changes by remediation (RunResult.partitions) for per-remediation pull requests. Default: false. */
  partition?: boolean;
}

export interface RenderedPullRequest {
  title: string;
  body: string;
}

/** An engine for one repository, or the problems of its remediation files and config that stop every run. */
export type RepositoryEngine = { ok: true; engine: Engine } | { ok: false; diagnostics: Diagnostic[] };

export interface Engine {
  /** The catalog the engine runs (a sweep's posture and catalog version read it). Default: unknown to the caller. */
  readonly catalog?: Catalog;
  /** Parses a scanner report of any supported format (text or parsed JSON); throws on an unknown or broken report. */
  parseFindings(input: unknown): Finding[];
  /** Runs locate → remediations → patch over the files; pure. */
  runPipeline(files: PipelineFile[], options: EngineRunOptions): RunResult;
  /** The pull request title and escaped body for the fixes in `files` (src/report renderPullRequest), at most `maxLength` characters. */
  renderPullRequest(files: readonly FileResult[], maxLength: number): RenderedPullRequest;
  fingerprintFix(fix: AppliedFix, file: string): string;
  /**
   * This engine for one repository: the repository's own remediation files (`remediations.directory`)
   * added to the catalog, and the config's remediation ids, options and severities checked against the
   * result. Remediation-file diagnostics name their file; config diagnostics carry only the key path.
   */
  forRepository(config: Config, remediationFiles: PipelineFile[]): RepositoryEngine;
}
