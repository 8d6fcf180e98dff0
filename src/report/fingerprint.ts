/**
 * Stable identities of fixes, stored in the hidden metadata of kubemend's pull requests (and as SARIF
 * partial fingerprints) so re-runs recognise what they already proposed. The operations are part of the
 * identity: when the manifest changes so that the patch would differ, it is a new fix.
 */
import { createHash } from 'node:crypto';
import type { AppliedFix } from '../model.js';

/** 16 hex characters of SHA-256 over file, remediation, resource, container and operations. */
export function fingerprintFix(
  fix: Pick<AppliedFix, 'remediation' | 'resource' | 'container' | 'ops'>,
  file: string,
): string {
  const { kind, name, namespace } = fix.resource;
  const container = fix.container ? [fix.container.type, fix.container.name] : null;
  const key = JSON.stringify([file, fix.remediation, kind, namespace ?? null, name, container, fix.ops]);
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** One short hash (16 hex characters) for a set of fingerprints: order and repeats do not matter. */
export function fingerprintSetHash(fingerprints: readonly string[]): string {
  return createHash('sha256')
    .update([...new Set(fingerprints)].sort().join(','))
    .digest('hex')
    .slice(0, 16);
}
