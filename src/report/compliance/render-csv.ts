/**
 * `kubemend report --format csv`: one row per (framework × control × workload) check, for spreadsheets
 * and GRC tools. RFC 4180 quoting; a cell that a spreadsheet would run as a formula (starting with `=`, `+`,
 * `-`, `@`, tab or carriage return, OWASP's CSV injection rule) is prefixed with `'`, since paths, names and
 * reasons come from the repository. https://www.rfc-editor.org/rfc/rfc4180, https://owasp.org/www-community/attacks/CSV_Injection
 */
import { describeCheck } from './describe.js';
import type { Posture } from './posture.js';

const HEADER = [
  'framework',
  'control',
  'control_title',
  'status',
  'kind',
  'namespace',
  'name',
  'file',
  'line',
  'remediations',
  'fix_status',
  'details',
];

/** The report as CSV with a header row; CRLF line ends, as RFC 4180 writes them. */
export function renderComplianceCsv(posture: Posture): string {
  const rows: string[][] = [HEADER];
  for (const f of posture.frameworks) {
    for (const c of f.controls) {
      for (const r of c.resources) {
        const items = r.status === 'fail' ? r.failures : r.status === 'exempted' ? r.exemptions : [];
        const fix =
          r.status === 'fail'
            ? [...new Set(r.failures.map((x) => x.fix.state))].join(';')
            : r.status === 'exempted'
              ? 'exempted'
              : '';
        rows.push([
          f.name,
          c.id,
          c.title,
          r.status,
          r.resource.kind,
          r.resource.namespace ?? '',
          r.resource.name,
          r.file,
          r.line === undefined ? '' : String(r.line),
          items.map((x) => x.remediation).join(';'),
          fix,
          describeCheck(r).join('; '),
        ]);
      }
    }
  }
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
