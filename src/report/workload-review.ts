/**
 * "Review per workload": every fix that changes runtime behaviour, and every fix that carries evidence a
 * reviewer must check (an image whose user is unknown, a limit derived from a request), listed under the
 * workload it touches, so a reviewer tests the right thing on the right workload before merging.
 */
import { escapeMarkdown, escapeName, inlineCode } from './escape-markdown.js';
import { type Row, plural } from './pull-request-sections.js';
import { containerLabel, resourceLabel } from './remediation-info.js';

/** The section ('' when no fix changes behaviour or carries evidence), capped at `budget` characters. */
export function workloadReview(rows: Row[], budget: number): string {
  const byWorkload = new Map<string, Row[]>();
  for (const row of rows.filter((r) => r.fix.behaviourChange || r.fix.evidence.length > 0)) {
    const key = `${row.path}\u0000${row.fix.doc}\u0000${resourceLabel(row.fix.resource)}`;
    byWorkload.set(key, [...(byWorkload.get(key) ?? []), row]);
  }
  if (!byWorkload.size) return '';
  const blocks: string[] = [];
  let used = 0;
  let shown = 0;
  for (const group of byWorkload.values()) {
    const first = group[0] as Row;
    const ns = first.fix.resource.namespace ? ` (ns ${escapeName(first.fix.resource.namespace)})` : '';
    const lines = [`- **${escapeName(resourceLabel(first.fix.resource))}**${ns} in ${inlineCode(first.path)}`];
    for (const { fix } of group) {
      const where = containerLabel(fix.container) ?? 'pod';
      const what = fix.evidence.length
        ? fix.evidence.map((e) => escapeMarkdown(e)).join('; ')
        : 'changes runtime behaviour: test it before merging';
      lines.push(`  - ${inlineCode(fix.remediation)} on ${escapeName(where)}: ${what}`);
    }
    const block = lines.join('\n');
    if (used + block.length > budget) break;
    blocks.push(block);
    used += block.length + 1;
    shown += 1;
  }
  const rest = byWorkload.size - shown;
  const more = rest > 0 ? `\n- … and ${plural(rest, 'more workload')}: see the changes table` : '';
  return `### Review per workload\n\nWhat each workload's fixes change at run time, and what kubemend could not check for you:\n\n${blocks.join('\n')}${more}`;
}
