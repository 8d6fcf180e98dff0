/**
 * Scanner rule ids → remediation ids. Ids are normalised so that every spelling a scanner emits resolves:
 * Trivy's `KSV012`, `AVD-KSV-0012` and `KSV-0012` (checks v2, 2026) are one rule; case does not matter.
 */
import type { Remediation } from './schema.js';

/** The canonical form of a rule id: `KSV-<n>` for Trivy's forms, upper case otherwise. */
export function normaliseRuleId(ruleId: string): string {
  const id = ruleId.trim().toUpperCase();
  const ksv = /^(?:AVD-)?KSV-?0*(\d+)$/.exec(id);
  if (ksv) return `KSV-${Number(ksv[1])}`;
  return id;
}

/** Every alias of a remediation with the tool it belongs to. */
export function aliasesOf(rem: Remediation): Array<{ tool: string; ruleId: string }> {
  return Object.entries(rem.aliases).flatMap(([tool, ids]) => ids.map((ruleId) => ({ tool, ruleId })));
}

/** Normalised alias → remediation id; the first remediation wins (the contract test forbids duplicates). */
export function buildAliasIndex(remediations: Remediation[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const rem of remediations) {
    for (const { ruleId } of aliasesOf(rem)) {
      const key = normaliseRuleId(ruleId);
      if (!index.has(key)) index.set(key, rem.id);
    }
  }
  return index;
}

/** Aliases claimed by more than one remediation (after normalisation). */
export function duplicateAliases(remediations: Remediation[]): string[] {
  const owners = new Map<string, Set<string>>();
  for (const rem of remediations) {
    for (const { ruleId } of aliasesOf(rem)) {
      const key = normaliseRuleId(ruleId);
      owners.set(key, (owners.get(key) ?? new Set()).add(rem.id));
    }
  }
  return [...owners].filter(([, ids]) => ids.size > 1).map(([key, ids]) => `${key}: ${[...ids].join(', ')}`);
}
