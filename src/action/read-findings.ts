/**
 * Reads and parses the scanner reports the `findings` input names, any supported format (findings/), and
 * makes absolute paths under the workspace repository-relative: scanners that ran in the checkout
 * (Kubescape, Trivy) often name `/home/runner/work/<repo>/<repo>/k8s/app.yaml`, and a pull request job reads
 * the repository through the API, where only `k8s/app.yaml` exists.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { FindingsError, parseFindings } from '../findings/index.js';
import type { Diagnostic, Finding } from '../model.js';
import { ActionError } from './action-error.js';

export interface ReadFindings {
  findings: Finding[];
  /** Entries of the reports that were ignored, each naming its report. */
  diagnostics: Diagnostic[];
}

/** `path` relative to `workspace` when it is an absolute path inside it; otherwise as it was. */
export function workspaceRelative(path: string, workspace: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(workspace, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel.split(sep).join('/');
}

/** Every report parsed; an unreadable or unrecognisable report is an ActionError naming it. */
export async function readFindings(
  files: readonly string[],
  workspace: string,
  resolveRule: (tool: string, ruleId: string) => string | undefined,
): Promise<ReadFindings> {
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const name = workspaceRelative(file, workspace);
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new ActionError('findings-unreadable', `input findings: ${name}: cannot read (${err.code ?? err.message})`);
    });
    try {
      const parsed = parseFindings(text, { resolveRule, source: name });
      findings.push(
        ...parsed.findings.map((f) =>
          f.location ? { ...f, location: { ...f.location, path: workspaceRelative(f.location.path, workspace) } } : f,
        ),
      );
      diagnostics.push(...parsed.diagnostics);
    } catch (err) {
      if (err instanceof FindingsError)
        throw new ActionError('findings-invalid', `input findings: ${err.message.split('\n')[0]}`);
      throw err;
    }
  }
  return { findings, diagnostics };
}
