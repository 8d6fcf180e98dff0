import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.js';

/**
 * A stable hash of the effective configuration: a change lifts "closed means not this fix". `extra` are
 * further inputs that count as configuration (the repository's remediation files, `path@sha`); without
 * them the hash is the config's alone, as before they existed. Default: none.
 */
export function configHash(config: Config, extra: string[] = []): string {
  return createHash('sha256').update(stableJson(extra.length > 0 ? { config, extra } : config)).digest('hex').slice(0, 16);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
