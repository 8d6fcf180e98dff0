import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.js';

/**
 * A stable hash of the effective configuration: a change lifts "closed means not this fix". `extra` are
 * further inputs that count as configuration (the repository's remediation files, `path@sha`); without
 * them the hash is the config's alone, as before they existed. Default: none.
 */
export function configHash(config: Config, extra: string[] = []): string {
  const proposing = withoutFrontSections(config);
  return createHash('sha256')
    .update(stableJson(extra.length > 0 ? { config: proposing, extra } : proposing))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Sections that change how kubemend talks (commands, review checks, the dashboard, sweep schedules), not
 * which fixes it proposes: left out, so adding or editing them does not lift "closed means not this fix"
 * (and upgrading kubemend, whose defaults fill them in, does not change every repository's hash).
 */
const FRONT_SECTIONS = ['commands', 'checks', 'dashboard', 'sweep'] as const;

function withoutFrontSections(config: Config): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...config };
  for (const key of FRONT_SECTIONS) delete rest[key];
  return rest;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
