/**
 * Which skipped items are still failures. A finding whose manifest already passes (fixed by hand since the
 * scan) is reported as skipped with code `already-compliant` so it is visible, but it is no failure: `scan`
 * does not count it and SARIF does not report it.
 */
import type { SkippedFix } from '../model.js';

export function isFailure(skipped: Pick<SkippedFix, 'code'>): boolean {
  return skipped.code !== 'already-compliant';
}
