/** Canonical tool names, so a rule reported through SARIF or code scanning resolves like the native report. */
const KNOWN: Array<[RegExp, string]> = [
  [/^trivy\b/i, 'trivy'],
  [/^checkov\b/i, 'checkov'],
  [/^kubescape\b/i, 'kubescape'],
  [/^kube-?score\b/i, 'kube-score'],
  [/^polaris\b/i, 'polaris'],
];

/** `Trivy` → `trivy`, `kube-score` → `kube-score`; any other tool keeps its name, lower-cased. */
export function canonicalToolName(name: string): string {
  for (const [pattern, tool] of KNOWN) if (pattern.test(name.trim())) return tool;
  return name.trim().toLowerCase();
}
