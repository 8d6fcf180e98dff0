/**
 * Which skipped items are still failures. A finding whose manifest already passes (fixed by hand since the
 * scan) is reported as skipped with this reason so it is visible, but it is no failure: `scan` does not
 * count it and SARIF does not report it.
 */
import type { SkippedFix } from '../model.js';

/** The skip reason of a finding whose manifest no longer fails the check. */
export const ALREADY_COMPLIANT = 'already compliant';

export function isFailure(skipped: Pick<SkippedFix, 'reason'>): boolean {
  return skipped.reason !== ALREADY_COMPLIANT;
}
