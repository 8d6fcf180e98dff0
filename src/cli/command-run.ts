/**
 * `scan`, `fix` and `plan`: read the manifests, run the pipeline, print the chosen format, and (fix
 * without --dry-run) write the files atomically or commit them on a branch (--git). The renderer of the
 * chosen format and the pull-request code of --git are loaded when used: `kubemend fix` runs as a process on
 * every push, and loading modules was a third of its start-up.
 */
import type { RunResult } from '../model.js';
import { runPipeline } from '../pipeline/run-pipeline.js';
import { writeChangedFiles } from '../pipeline/write-files.js';
import { type NotScanned, notScannedFrom } from '../report/not-scanned.js';
import { type RemediationLookup, lookupFrom } from '../report/remediation-info.js';
import type { ExitCode } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { loadCommandInputs } from './load-inputs.js';
import { effectiveSeverity } from '../remediations/index.js';
import type { CommandOptions } from './parse-options.js';
import { fixExitCode, scanExitCode, stderrNotes } from './outcome.js';
import { createProgress } from './progress.js';
import { packageVersion } from './version.js';

/** Runs scan, fix or plan; returns the exit code. */
export async function runCommand(opts: CommandOptions, io: CliIo): Promise<ExitCode> {
  const { config, catalog, read, loaded } = await loadCommandInputs(opts, io.cwd);
  const progress = createProgress(io, io.stderrIsTty && opts.format === 'text');
  const result = runPipeline(read.files, {
    catalog,
    config,
    root: read.root,
    onProgress: progress.onProgress,
    ...(loaded ? { findings: loaded.findings } : {}),
    ...(opts.pathPrefix ? { pathPrefix: opts.pathPrefix } : {}),
    ...(opts.only ? { only: opts.only } : {}),
    ...(opts.skip ? { skip: opts.skip } : {}),
    // --git makes the App's pull requests: per remediation, each file patched with that remediation alone.
    ...(opts.git && config.pullRequests.grouping === 'remediation' ? { partition: true } : {}),
  });
  progress.done();
  const notScanned = notScannedFrom([...read.diagnostics, ...result.diagnostics]);
  if (opts.format === 'text' && loaded?.diagnostics.length)
    io.stderr(
      `kubemend: ${loaded.diagnostics.length} findings entries ignored; first: ${loaded.diagnostics[0]?.message}\n`,
    );
  // Severities as the repo configures them (remediations.severity), for SARIF levels and PR bodies.
  const lookup = lookupFrom(catalog.remediations.map((r) => ({ ...r, severity: effectiveSeverity(r, config) })));
  const out: Rendered = { result, notScanned, root: read.root, lookup };
  if (opts.command === 'scan') {
    io.stdout(await render(out, opts));
    return scanExitCode(result, notScanned);
  }
  if (opts.git) {
    const { commitPullRequests, describePullRequests, emitPullRequests } = await import('./pull-request-output.js');
    const { createDefaultEngine } = await import('../bot/default-engine.js');
    const prs = await commitPullRequests(result, {
      root: read.root,
      config,
      engine: createDefaultEngine(catalog, config),
    });
    if (prs.length === 0) io.stderr('kubemend: nothing to fix; no branch created\n');
    else {
      io.stderr(describePullRequests(prs, config.pullRequests.prLimit));
      io.stdout(await emitPullRequests(prs, opts.prBody, io.cwd));
    }
    io.stderr(stderrNotes(result, notScanned, true));
    return fixExitCode(result, notScanned);
  }
  if (!opts.dryRun) await writeChangedFiles(read.root, result.files);
  io.stdout(await render(out, opts));
  // A diff shows only what changed: say on stderr what it does not cover (files not patched or not
  // scanned, findings not mapped), so a reviewer of the diff knows (the other formats carry these).
  if (opts.format === 'diff') io.stderr(stderrNotes(result, notScanned, true));
  return fixExitCode(result, notScanned);
}

interface Rendered {
  result: RunResult;
  notScanned: NotScanned[];
  /** Absolute repository root the paths are relative to. */
  root: string;
  lookup: RemediationLookup;
}

async function render({ result, notScanned, root, lookup }: Rendered, opts: CommandOptions): Promise<string> {
  switch (opts.format) {
    case 'json':
      return (await import('../report/render-json.js')).renderJson(result, notScanned);
    case 'sarif': {
      const { renderSarif } = await import('../report/render-sarif.js');
      return `${JSON.stringify(renderSarif(result, { lookup, version: packageVersion(), root, notScanned }), null, 2)}\n`;
    }
    case 'diff':
      return (await import('../report/render-diff.js')).renderDiff(result.files);
    case 'text': {
      const { renderText } = await import('../report/render-text.js');
      return renderText(result, opts.command === 'scan' ? 'scan' : opts.dryRun ? 'dry-run' : 'fix', notScanned);
    }
    default:
      // parseOptions offers scan, fix and plan only the formats above (the others are `report`'s).
      throw new Error(`kubemend ${opts.command}: no ${opts.format} output`);
  }
}
