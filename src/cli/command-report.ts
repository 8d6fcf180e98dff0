/**
 * `report`: the compliance evidence of the manifests under the paths: per framework and control, every
 * workload passing and failing with file:line and fix status (src/report/compliance). Runs the pipeline
 * as `plan` does (nothing is written but the report), so a fix status says whether kubemend has a verified
 * patch. With `--findings`, failures are the scanner's (re-checked on the manifests as they are now).
 */
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { includeFilter, runPipeline } from '../pipeline/run-pipeline.js';
import {
  type Posture,
  postureOfRun,
  renderComplianceCsv,
  renderComplianceHtml,
  renderComplianceJson,
  renderComplianceMarkdown,
} from '../report/compliance/index.js';
import { notScannedFrom } from '../report/not-scanned.js';
import { describeUnmapped } from '../report/unmapped.js';
import { CliError, type ExitCode } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { loadCommandInputs } from './load-inputs.js';
import { fixExitCode } from './outcome.js';
import type { CommandOptions } from './parse-options.js';

/** Builds and prints (or writes) the report; exit 1 when a file could not be evaluated (see `fix`). */
export async function runReport(opts: CommandOptions, io: CliIo): Promise<ExitCode> {
  const { config, catalog, read, loaded } = await loadCommandInputs(opts, io.cwd);
  const select = { ...(opts.only ? { only: opts.only } : {}), ...(opts.skip ? { skip: opts.skip } : {}) };
  const result = runPipeline(read.files, {
    catalog,
    config,
    root: read.root,
    ...select,
    ...(loaded ? { findings: loaded.findings } : {}),
    ...(opts.pathPrefix ? { pathPrefix: opts.pathPrefix } : {}),
  });
  const notScanned = notScannedFrom([...read.diagnostics, ...result.diagnostics]);
  const posture = postureOfRun({
    files: read.files,
    result,
    catalog,
    config,
    isIncluded: includeFilter(config),
    select,
    // A finding kubemend cannot count (no remediation for its rule, no manifest it names) is evidence too.
    notEvaluated: [
      ...notScanned.map((n) => ({ file: n.path, message: n.reason })),
      ...result.unmapped.map((u) => ({ message: `finding not counted: ${describeUnmapped(u)}` })),
    ],
  });
  const text = render(posture, opts.format, basename(read.root));
  if (opts.output === undefined) io.stdout(text);
  else {
    await writeFile(resolve(io.cwd, opts.output), text).catch((err: NodeJS.ErrnoException) => {
      throw new CliError(`kubemend report: --output ${opts.output}: cannot write (${err.code ?? err.message})`);
    });
    io.stderr(
      `kubemend: report written to ${opts.output}: posture ${posture.score.passed}/${posture.score.passed + posture.score.failed} checks pass\n`,
    );
  }
  return fixExitCode(result, notScanned);
}

function render(posture: Posture, format: CommandOptions['format'], subject: string): string {
  switch (format) {
    case 'json':
      return renderComplianceJson(posture);
    case 'csv':
      return renderComplianceCsv(posture);
    case 'html':
      return renderComplianceHtml(posture, { subject });
    default:
      return renderComplianceMarkdown(posture, { subject });
  }
}
