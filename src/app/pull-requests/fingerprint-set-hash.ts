import { createHash } from 'node:crypto';

/** One short hash for a set of fingerprints (order does not matter). */
export function fingerprintSetHash(fingerprints: string[]): string {
  return createHash('sha256').update([...fingerprints].sort().join(',')).digest('hex').slice(0, 16);
}
