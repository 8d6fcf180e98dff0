/**
 * A version of the remediation catalog a sweep ran with: a hash of its remediations. A new kubemend
 * release (or a changed remediation file) changes what is proposed, so every repository is swept again.
 */
import { createHash } from 'node:crypto';
import type { Catalog } from '../../remediations/index.js';

const versions = new WeakMap<Catalog, string>();

export function catalogVersion(catalog: Catalog): string {
  let version = versions.get(catalog);
  if (version === undefined) {
    version = createHash('sha256').update(JSON.stringify(catalog.remediations)).digest('hex').slice(0, 16);
    versions.set(catalog, version);
  }
  return version;
}
