import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_FILE, configJsonSchemaText } from '../../src/config/json-schema.js';
import { loadConfigObject, loadConfigText } from '../../src/config/load-config.js';
import { defaultConfig } from '../../src/config/schema.js';

describe('config', () => {
  it('the committed JSON Schema is generated from the zod source (run `npm run schemas` when this fails)', () => {
    expect(readFileSync(CONFIG_SCHEMA_FILE, 'utf8')).toBe(configJsonSchemaText());
  });

  it('docs/config.md documents every key of the schema', () => {
    const doc = readFileSync('docs/config.md', 'utf8');
    const keys: string[] = [];
    const walk = (schema: Record<string, unknown>, prefix: string): void => {
      const props = (schema.properties ?? (schema.items as Record<string, unknown> | undefined)?.properties) as
        Record<string, Record<string, unknown>> | undefined;
      for (const [key, sub] of Object.entries(props ?? {})) {
        if (key === '$schema') continue;
        const name = schema.items ? `${prefix}[].${key}` : prefix ? `${prefix}.${key}` : key;
        const nested = sub.properties || (sub.items as Record<string, unknown> | undefined)?.properties;
        if (nested) walk(sub, sub.items ? name : name);
        else keys.push(name);
      }
    };
    walk(JSON.parse(configJsonSchemaText()) as Record<string, unknown>, '');
    expect(keys.length).toBeGreaterThan(15);
    expect(keys.filter((k) => !doc.includes(`\`${k}\``))).toEqual([]);
  });

  it('an empty file gives every default', () => {
    const result = loadConfigText('');
    expect(result).toEqual({ ok: true, config: defaultConfig() });
    expect(defaultConfig().pullRequests.grouping).toBe('remediation');
    expect(defaultConfig().remediations.enabled).toBe('all');
  });

  it('names the file, the line and the key path of each problem', () => {
    const text = 'pullRequests:\n  labels: [security]\n  grouping: per-team\nscanOnInstall: yes-please\n';
    const result = loadConfigText(text, '.github/kubemend.yml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.diagnostics.map((d) => d.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^\.github\/kubemend\.yml:3: pullRequests\.grouping: /);
    expect(messages[1]).toMatch(/^\.github\/kubemend\.yml:4: scanOnInstall: /);
    expect(result.diagnostics.map((d) => d.line)).toEqual([3, 4]);
  });

  it('rejects unknown keys instead of ignoring a typo', () => {
    const result = loadConfigText('pullRequest:\n  draft: true\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]?.message).toMatch(/^\.github\/kubemend\.yml:1: \(root\): .*pullRequest/);
  });

  it('reports YAML syntax errors with their line', () => {
    const result = loadConfigText('paths:\n  include: [a\n', 'cfg.yml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]?.code).toBe('config-invalid-yaml');
    expect(result.diagnostics[0]?.message).toMatch(/^cfg\.yml:\d+: /);
  });

  it('parses through the one YAML wrapper: an alias bomb, a flow nest past the depth limit and two documents are invalid YAML', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
    ])
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    const bomb = loadConfigText(`${rows.join('\n')}\n`, 'cfg.yml');
    const deep = loadConfigText(`paths: ${'['.repeat(300)}${']'.repeat(300)}\n`, 'cfg.yml');
    const two = loadConfigText('pullRequests:\n  draft: true\n---\nscanOnInstall: true\n', 'cfg.yml');
    for (const result of [bomb, deep, two]) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.diagnostics.map((d) => d.code)).toEqual(['config-invalid-yaml']);
    }
    if (bomb.ok || deep.ok || two.ok) return;
    expect(bomb.diagnostics[0]?.message).toMatch(/^cfg\.yml: .*alias expansion exceeds 100/);
    expect(deep.diagnostics[0]?.message).toMatch(/^cfg\.yml: /);
    expect(two.diagnostics[0]).toMatchObject({
      message: 'cfg.yml:4: 2 YAML documents; a configuration is one',
      line: 4,
    });
  });

  it('names the line of a problem after comments and a document marker', () => {
    const result = loadConfigText('# kubemend\n---\npullRequests:\n  # how PRs are cut\n  grouping: per-team\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([['config-invalid', 5]]);
  });

  it('validates objects already merged by Probot (no line numbers there)', () => {
    expect(loadConfigObject({ pullRequests: { prLimit: 2 } })).toEqual({
      ok: true,
      config: { ...defaultConfig(), pullRequests: { ...defaultConfig().pullRequests, prLimit: 2 } },
    });
    const bad = loadConfigObject({ pullRequests: { prLimit: -1 } });
    expect(bad.ok).toBe(false);
  });
});
