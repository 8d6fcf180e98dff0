/**
 * Explicit values are choices: a field the manifest sets to an insecure value (`privileged: true`,
 * `readOnlyRootFilesystem: false`, `hostNetwork: true`, an entry of `capabilities.add`) was written by
 * someone, often with a reason in a comment beside it. Replacing or removing it is not a default fix.
 * Appending to a list (`drop: [NET_RAW]` gains `ALL`) keeps what was written, so it is not an override.
 */
import type { FailedMatch } from '../evaluate.js';
import type { Options } from '../predicates.js';
import type { Check } from '../schema.js';

/** Whether fixing this match would replace or remove a value the manifest sets explicitly. */
export function overridesExplicit(check: Check, m: FailedMatch, options: Options): boolean {
  if (m.reason !== 'insecure-value' || m.source === 'unset') return false;
  // A patch option (`removeHostPort: true`) is already the team's explicit opt-in.
  if (check.fix.only_if_option !== undefined && options[check.fix.only_if_option] === true) return false;
  return check.fix.action === 'set' || check.fix.action === 'remove' || check.fix.action === 'remove_items';
}

/** `privileged: true` as a reviewer reads it in the manifest. */
export function describeExplicit(check: Check, m: FailedMatch): string {
  const field = m.tokens.filter((t) => typeof t === 'string').at(-1) ?? check.field;
  return `${field}: ${JSON.stringify(m.value)}`;
}
