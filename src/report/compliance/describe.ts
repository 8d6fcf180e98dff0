/**
 * The words every compliance renderer uses for a check's state and a finding's fix status, so the
 * markdown, CSV, HTML reports and the dashboard say the same thing. Plain text: each renderer escapes it.
 */
import type { ResourceId } from '../../model.js';
import type { FixStatus, ResourceCheck } from './posture.js';

/** `Kind/name` with the namespace when the manifest sets one: `Deployment/web (ns shop)`. */
export function describeResource(id: ResourceId): string {
  return `${id.kind}/${id.name}${id.namespace ? ` (ns ${id.namespace})` : ''}`;
}

/** `path:line`, or the path alone when the line is unknown. */
export function describePlace(item: { file: string; line?: number }): string {
  return item.line === undefined ? item.file : `${item.file}:${item.line}`;
}

/** One line for a fix status: what a reader can do about the failure. */
export function describeFix(fix: FixStatus): string {
  switch (fix.state) {
    case 'fixable':
      return 'fixable: kubemend has a verified patch';
    case 'pr-open':
      return `fix proposed in pull request #${fix.pullRequest}`;
    case 'not-fixed':
      return `not fixed automatically [${fix.code}]: ${fix.reason}`;
  }
}

/** The fix statuses of a check, one line per failing remediation; the exemption reasons when exempted. */
export function describeCheck(check: ResourceCheck): string[] {
  if (check.status === 'fail')
    return check.failures.map(
      (f) => `${f.remediation}${f.containers.length ? ` (${f.containers.join(', ')})` : ''}: ${describeFix(f.fix)}`,
    );
  if (check.status === 'exempted') return check.exemptions.map((e) => `${e.remediation}: ${e.reason}`);
  return [];
}

/** A control link only when it is http(s): repository-supplied catalogs must not smuggle other schemes. */
export function safeUrl(url: string | undefined): string | undefined {
  return url !== undefined && /^https?:\/\/[^\s<>"']+$/i.test(url) ? url : undefined;
}
