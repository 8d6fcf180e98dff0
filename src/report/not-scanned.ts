/**
 * Files kubemend was pointed at and did not scan: Helm templates (not YAML until rendered), symbolic links
 * to files outside the repository, files that cannot be read. Every report lists them with the reason and
 * what to do, and they make `scan` fail and `fix`/`plan` exit non-zero: "0 failures" must never mean
 * "nothing was looked at" (a Helm chart directory used to scan clean).
 */
import type { Diagnostic } from '../model.js';

export type NotScannedCode = 'helm-template' | 'outside-root' | 'unreadable';

export interface NotScanned {
  /** Repo-relative POSIX path. */
  path: string;
  code: NotScannedCode;
  /** Why, and what to do instead. */
  reason: string;
}

const HELM_HINT =
  "Helm template, not YAML until rendered, so neither scanned nor patched: make the fix in the chart's values (values.yaml), or in the template where no value controls the field";

function reason(d: Diagnostic, code: NotScannedCode, path: string): string {
  // A chart template kubemend could not render (src/pipeline/retarget-helm.ts) says why after the hint.
  if (code === 'helm-template') return d.detail ? `${HELM_HINT}; ${d.detail}` : HELM_HINT;
  // Read diagnostics start with the path; the report shows it already.
  const message = d.message.startsWith(`${path}: `) ? d.message.slice(path.length + 2) : d.message;
  return code === 'outside-root' ? message : `cannot be read: ${message}`;
}

function isCode(code: string): code is NotScannedCode {
  return code === 'helm-template' || code === 'outside-root' || code === 'unreadable';
}

/** The not-scanned files among diagnostics (reading's and the pipeline's), one entry per path, in path order. */
export function notScannedFrom(diagnostics: readonly Diagnostic[]): NotScanned[] {
  const byPath = new Map<string, NotScanned>();
  for (const d of diagnostics) {
    if (!isCode(d.code) || d.file === undefined || byPath.has(d.file)) continue;
    byPath.set(d.file, { path: d.file, code: d.code, reason: reason(d, d.code, d.file) });
  }
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
