/**
 * A rule resolver for tests, built from the shared controls table (../shared/findings/controls.csv) the
 * catalog is also built from: each scanner column's rule ids → a slug of the remediation column.
 * First row wins when a rule appears in several rows (Kubescape C-0055 covers capabilities and seccomp).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The read-only shared data, beside the repository checkout (override with KUBEMEND_SHARED). */
export const SHARED = process.env.KUBEMEND_SHARED ?? fileURLToPath(new URL('../../../shared', import.meta.url));
export const CONTROLS_CSV = `${SHARED}/findings/controls.csv`;

/** RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(field), (field = ''));
    else if (ch === '\n') (row.push(field), rows.push(row), (row = []), (field = ''));
    else if (ch !== '\r') field += ch;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  return rows;
}

const ID_PATTERNS: Record<string, RegExp> = {
  kubescape_control: /C-\d{4}/g,
  trivy_id: /(?:AVD-)?KSV-?\d+/g,
  checkov_id: /CKV_K8S_\d+/g,
  polaris_check: /\b[a-z]+[A-Z][A-Za-z]+\b/g,
  kube_score_check: /\b[a-z]+(?:-[a-z]+)+\b/g,
};
const TOOLS: Record<string, string> = {
  kubescape_control: 'kubescape',
  trivy_id: 'trivy',
  checkov_id: 'checkov',
  polaris_check: 'polaris',
  kube_score_check: 'kube-score',
};

export function slug(remediation: string): string {
  return remediation
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function buildResolver(
  csv = readFileSync(CONTROLS_CSV, 'utf8'),
): (tool: string, ruleId: string) => string | undefined {
  const [header, ...rows] = parseCsv(csv);
  const table = new Map<string, string>();
  for (const row of rows) {
    const remediation = slug(row[0] ?? '');
    for (const [column, pattern] of Object.entries(ID_PATTERNS)) {
      const cell = row[header?.indexOf(column) ?? -1] ?? '';
      for (const id of cell.match(pattern) ?? []) {
        const key = `${TOOLS[column]}\u0000${id}`;
        if (!table.has(key)) table.set(key, remediation);
      }
    }
  }
  return (tool, ruleId) => table.get(`${tool}\u0000${ruleId}`);
}
