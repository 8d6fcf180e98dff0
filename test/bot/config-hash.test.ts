/** The config hash recorded in pull requests moves with what changes the proposed fixes, and only with that. */
import { describe, expect, it } from 'vitest';
import { configHash } from '../../src/bot/config-hash.js';
import { ConfigSchema } from '../../src/config/schema.js';

const parse = (raw: Record<string, unknown>) => ConfigSchema.parse(raw);

describe('configHash', () => {
  it('ignores the sections that change how kubemend talks (commands, checks, dashboard, sweep)', () => {
    const base = configHash(parse({}));
    expect(
      configHash(parse({ commands: { enabled: false }, checks: { enabled: false }, dashboard: { enabled: false } })),
    ).toBe(base);
  });

  it('changes with what is proposed: remediations, paths, grouping, and the repository remediation files', () => {
    const base = configHash(parse({}));
    expect(configHash(parse({ paths: { exclude: ['legacy/**'] } }))).not.toBe(base);
    expect(configHash(parse({ pullRequests: { grouping: 'all' } }))).not.toBe(base);
    expect(configHash(parse({}), ['.kubemend/a.yml@0123'])).not.toBe(base);
  });
});
