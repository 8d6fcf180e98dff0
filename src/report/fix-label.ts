/**
 * One line naming a fix or a held-back finding for replies, check runs and review comments: the
 * remediation, the resource and the container, every name escaped (they come from the repository).
 */
import type { ContainerRef, ResourceId } from '../model.js';
import { escapeMarkdown, escapeName, inlineCode } from './escape-markdown.js';
import type { RemediationLookup } from './remediation-info.js';

export interface FixLike {
  remediation: string;
  resource: ResourceId;
  container: ContainerRef | null;
}

/** `run-as-non-root` (Run as a non-root user) on Deployment/web, container `app`: markdown, escaped. */
export function fixLabel(fix: FixLike, lookup?: RemediationLookup): string {
  const title = lookup?.(fix.remediation)?.title;
  const what = `${inlineCode(fix.remediation)}${title ? ` (${escapeMarkdown(title)})` : ''}`;
  const where = `${escapeName(fix.resource.kind)}/${escapeName(fix.resource.name)}`;
  const container = fix.container ? `, container ${escapeName(fix.container.name)}` : '';
  return `${what} on ${where}${container}`;
}

/** The same as plain text, for check run annotations (GitHub shows their message as text, not markdown). */
export function fixText(fix: FixLike, lookup?: RemediationLookup): string {
  const title = lookup?.(fix.remediation)?.title;
  const container = fix.container ? `, container ${fix.container.name}` : '';
  return `${fix.remediation}${title ? ` (${title})` : ''} on ${fix.resource.kind}/${fix.resource.name}${container}`;
}
