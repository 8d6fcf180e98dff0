/** The shapes check runs with annotations and buttons share (write-check-run.ts). */

/** A line-level note on a check run. https://docs.github.com/rest/checks/runs#create-a-check-run */
export interface CheckAnnotation {
  path: string;
  startLine: number;
  endLine: number;
  level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

/** A button on a completed check run; GitHub takes at most 3 (label ≤ 20 characters, description ≤ 40, identifier ≤ 20). */
export interface CheckAction {
  label: string;
  description: string;
  identifier: string;
}

/** GitHub's limits on one check run request (GITHUB-NOTES.md). */
export const CHECK_LIMITS = { annotationsPerRequest: 50, actions: 3, summaryChars: 65535 } as const;

export function toApiAnnotation(a: CheckAnnotation) {
  return {
    path: a.path,
    start_line: a.startLine,
    end_line: a.endLine,
    annotation_level: a.level,
    title: a.title,
    message: a.message,
  };
}
