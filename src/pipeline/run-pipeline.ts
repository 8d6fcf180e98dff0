/**
 * The pipeline for one repository snapshot, shared by the CLI and the App: index → collect violations
 * (detection or findings) → patch each file → results. Pure: files in, results out, no I/O, so the App can
 * feed it files read through the GitHub API and the CLI files read from disk.
 */
import picomatch from 'picomatch';
import type { Config } from '../config/schema.js';
import { indexManifests } from '../locate/index-manifests.js';
import type { Finding, RunResult, Violation } from '../model.js';
import type { Catalog } from '../remediations/index.js';
import { type NotFailing, collectViolations } from './collect-violations.js';
import { patchFile } from './patch-file.js';
import type { RepoFile } from './repo-file.js';

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
  /** Called after each file is processed. Default: none. */
  onProgress?: (done: number, total: number) => void;
}

/** Runs detection or findings mapping, patches, verifies, and reports every file that holds manifests. */
export function runPipeline(files: RepoFile[], opts: PipelineOptions): RunResult {
  const isIncluded = includeFilter(opts.config);
  const index = indexManifests(files.filter((f) => isIncluded(f.path)));
  const collected = collectViolations(index, { ...opts, isIncluded });
  const violations = groupByFile(collected.violations);
  const notFailing = groupByFile(collected.notFailing);
  const result: RunResult = { files: [], unmapped: collected.unmapped, diagnostics: collected.diagnostics, summary: emptySummary() };
  const total = index.files.size;
  let done = 0;
  for (const file of index.files.values()) {
    const vs = violations.get(file.path) ?? [];
    const nf = notFailing.get(file.path) ?? [];
    const broken = file.error !== undefined || file.docs.some((d) => d.error);
    if (file.helmTemplate) result.diagnostics.push({ code: 'helm-template', message: `${file.path}: Helm template, not patched`, file: file.path });
    else if (file.kubernetes || broken || vs.length || nf.length) result.files.push(patchFile(file, vs, nf, opts));
    opts.onProgress?.(++done, total);
  }
  result.summary = summarise(result);
  return result;
}

/** The config's include/exclude globs as a predicate over repo-relative paths. */
export function includeFilter(config: Config): (path: string) => boolean {
  const include = picomatch(config.paths.include, { dot: true });
  const exclude = config.paths.exclude.length ? picomatch(config.paths.exclude, { dot: true }) : () => false;
  return (path) => include(path) && !exclude(path);
}

function groupByFile<T extends Pick<Violation | NotFailing, 'workload'>>(items: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  // push, not a spread copy per item: a 1 MB bundle has ~8,000 violations in one file.
  for (const item of items) {
    const list = map.get(item.workload.file);
    if (list) list.push(item);
    else map.set(item.workload.file, [item]);
  }
  return map;
}

function emptySummary(): RunResult['summary'] {
  return { files: 0, filesChanged: 0, fixes: 0, skipped: 0, errors: 0, unmapped: 0 };
}

function summarise(r: RunResult): RunResult['summary'] {
  return {
    files: r.files.length,
    filesChanged: r.files.filter((f) => f.changed).length,
    fixes: r.files.reduce((n, f) => n + f.fixes.length, 0),
    skipped: r.files.reduce((n, f) => n + f.skipped.length, 0),
    errors: r.files.filter((f) => f.error).length,
    unmapped: r.unmapped.length,
  };
}
