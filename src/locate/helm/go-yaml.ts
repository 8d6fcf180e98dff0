/**
 * `toYaml` as Helm writes it: sigs.k8s.io/yaml (keys sorted, as it goes through JSON), without the final
 * newline (Helm trims it). Only the parsed value matters downstream; the layout is close enough to read.
 */
import { stringify } from 'yaml';

export function goYaml(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  return stringify(value, {
    sortMapEntries: true,
    lineWidth: 0,
    indentSeq: false,
    aliasDuplicateObjects: false,
  }).replace(/\n$/, '');
}
