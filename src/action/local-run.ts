/**
 * `plan`, `fix` and `sarif`: the pipeline over the checkout, as `kubemend plan|fix|scan` runs it. `plan`
 * changes nothing, `fix` writes the fixed files into the workspace (a later step commits or uploads them),
 * `sarif` writes the failures as a SARIF log for code scanning. Each prints its diff or report to the log,
 * annotates the files, and says what it did in the job summary.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { RunResult } from '../model.js';
import { readRepoFiles } from '../pipeline/read-files.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { writeChangedFiles } from '../pipeline/write-files.js';
import { effectiveSeverity } from '../remediations/index.js';
import { type NotScanned, notScannedFrom } from '../report/not-scanned.js';
import { lookupFrom } from '../report/remediation-info.js';
import { renderDiff } from '../report/render-diff.js';
import { renderSarif } from '../report/render-sarif.js';
import { ActionError } from './action-error.js';
import { annotateRun } from './annotations.js';
import { expandFindings } from './expand-findings.js';
import type { ActionInputs, RunnerEnv } from './inputs.js';
import { loadLocalConfig } from './load-local-config.js';
import { packageVersion } from './package-version.js';
import { readFindings, workspaceRelative } from './read-findings.js';
import { localSummary } from './summary.js';
import { annotation, verbatim } from './workflow-commands.js';

export interface LocalRun {
  result: RunResult;
  notScanned: NotScanned[];
  /** Repository-relative paths `fix` wrote. */
  written: string[];
  /** The SARIF file written, relative to the workspace. */
  sarifFile?: string;
  /** What the step prints to the log (diff, annotations). */
  log: string;
  summary: string;
}

type LocalMode = Exclude<ActionInputs['mode'], 'pull-request'>;

/** Runs the pipeline on the checkout; nothing is printed or written but what the mode says. */
export async function runLocal(inputs: ActionInputs & { mode: LocalMode }, env: RunnerEnv): Promise<LocalRun> {
  const { config, catalog } = await loadLocalConfig(env.workspace, inputs.config);
  const read = await readRepoFiles(inputs.paths, config, env.workspace);
  const missing = read.diagnostics.find((d) => d.code === 'path-not-found');
  if (missing) throw new ActionError('paths-not-found', `input paths: ${missing.message}`);
  const reports = await expandFindings(inputs.findings, env.workspace);
  const loaded = reports.length > 0 ? await readFindings(reports, env.workspace, catalog.resolveRule) : undefined;
  const result = runPipeline(read.files, {
    catalog,
    config,
    root: read.root,
    ...(loaded ? { findings: loaded.findings } : {}),
  });
  const notScanned = notScannedFrom([...read.diagnostics, ...result.diagnostics]);
  const lookup = lookupFrom(catalog.remediations.map((r) => ({ ...r, severity: effectiveSeverity(r, config) })));
  const written = inputs.mode === 'fix' ? await writeChangedFiles(read.root, result.files) : [];
  let sarifFile: string | undefined;
  if (inputs.sarifFile) {
    const target = resolve(env.workspace, inputs.sarifFile);
    const sarif = renderSarif(result, { lookup, version: packageVersion(), root: read.root, notScanned });
    await writeFile(target, `${JSON.stringify(sarif, null, 2)}\n`, 'utf8');
    sarifFile = workspaceRelative(target, env.workspace);
  }
  const diff = inputs.mode === 'sarif' ? '' : renderDiff(result.files);
  const ignored = loaded?.diagnostics.length
    ? annotation(
        'warning',
        `${loaded.diagnostics.length} findings entries ignored; first: ${loaded.diagnostics[0]?.message ?? ''}`,
      )
    : '';
  const log = [
    diff === '' ? '' : verbatim(diff),
    ignored,
    annotateRun(result, { lookup, verb: inputs.mode === 'fix' ? 'fixed' : 'would fix', notScanned }),
  ].join('');
  return {
    result,
    notScanned,
    written,
    ...(sarifFile ? { sarifFile } : {}),
    log,
    summary: localSummary(inputs.mode, result, diff, sarifFile),
  };
}
