/**
 * Remediation titles and controls from the built-in catalog, read from disk once per process and only
 * when a summary or reply first needs them. A repository's own remediation files are shown by id.
 */
import { loadCatalog } from '../../remediations/index.js';
import { type RemediationLookup, lookupFrom } from '../../report/remediation-info.js';

let cached: RemediationLookup | undefined;

export function builtinLookup(): RemediationLookup {
  cached ??= lookupFrom(loadCatalog().remediations);
  return cached;
}
