/**
 * The control tables of docs/controls.md, rendered from the catalog so the document cannot drift from the
 * YAML (a test compares; `UPDATE_DOCS=1 npx vitest run test/remediations/docs.test.ts` rewrites).
 */
import type { Catalog } from '../../src/remediations/index.js';

const FRAMEWORKS: Record<string, string> = {
  'cis-kubernetes': 'CIS Kubernetes Benchmark v1.9',
  'pod-security-standards': 'Pod Security Standards',
  'nsa-cisa': 'NSA/CISA Kubernetes Hardening Guide',
  'nist-800-53': 'NIST SP 800-53 Rev 5',
  soc2: 'SOC 2 TSC',
  'nist-800-190': 'NIST SP 800-190',
};

const cell = (s: string | undefined): string => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export const BEGIN = '<!-- BEGIN GENERATED CONTROL TABLES -->';
export const END = '<!-- END GENERATED CONTROL TABLES -->';

export function controlTables(catalog: Catalog): string {
  const parts = catalog.remediations.map((r) => {
    const rows = r.controls.map(
      (c) =>
        `| ${FRAMEWORKS[c.framework] ?? c.framework} | ${c.url ? `[${cell(c.id)}](${c.url})` : cell(c.id)} | ${cell(c.title)} | ${cell(c.source)} | ${cell(c.rationale)} |`,
    );
    const body =
      rows.length > 0
        ? ['| framework | control | title | source | rationale |', '|---|---|---|---|---|', ...rows].join('\n')
        : '_No sourced control mapping (see below)._';
    const aliases = Object.entries(r.aliases)
      .filter(([, ids]) => ids.length > 0)
      .map(([tool, ids]) => `${tool}: ${ids.join(', ')}`)
      .join('; ');
    return `### \`${r.id}\` — ${r.title}\n\nScanner rules: ${aliases}.\n\n${body}\n`;
  });
  return `${BEGIN}\n${parts.join('\n')}${END}`;
}
