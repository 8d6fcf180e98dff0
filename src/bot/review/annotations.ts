/**
 * Check run annotations on the lines a reviewer looks at: a warning for each fix kubemend has, a notice
 * for each finding it holds back. Annotation messages are shown as plain text (no markdown), so names go
 * in as they are. https://docs.github.com/rest/checks/runs#create-a-check-run (output.annotations)
 */
import type { CheckAnnotation } from '../../github/index.js';
import type { RemediationLookup } from '../../report/remediation-info.js';
import { fixText } from '../../report/fix-label.js';
import type { LocatedFix, LocatedHeld } from './analyse-files.js';

const MAX_MESSAGE = 1000;

/** The annotations, fixes first, each group by path and line. */
export function reviewAnnotations(
  fixes: LocatedFix[],
  held: LocatedHeld[],
  lookup?: RemediationLookup,
): CheckAnnotation[] {
  const byPlace = <T extends { path: string; line: number }>(a: T, b: T) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line;
  const fixNotes = [...fixes].sort(byPlace).map((f): CheckAnnotation => ({
    path: f.path,
    startLine: f.line,
    endLine: f.line,
    level: 'warning',
    title: `kubemend: ${f.fix.remediation}`,
    message: `${fixText(f.fix, lookup)}: a verified fix is available.`.slice(0, MAX_MESSAGE),
  }));
  const heldNotes = [...held].sort(byPlace).map((h): CheckAnnotation => ({
    path: h.path,
    startLine: h.line,
    endLine: h.line,
    level: 'notice',
    title: `kubemend: ${h.held.remediation} (held back)`,
    message: `${fixText(h.held, lookup)}: ${h.held.reason}`.slice(0, MAX_MESSAGE),
  }));
  return [...fixNotes, ...heldNotes];
}

/** Annotations in request-sized batches (GitHub takes 50 a request); one empty batch when there are none. */
export function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}
