/** The one selection rule (src/pipeline/select-files.ts) on plain entries, as both readers hand them to it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSchema, defaultConfig } from '../../src/config/schema.js';
import type { Finding, RepoEntry } from '../../src/model.js';
import { readRepoFiles } from '../../src/pipeline/read-files.js';
import { directoryFilter, namedBy, selectEntries } from '../../src/pipeline/select-files.js';
import { YAML_LIMITS } from '../../src/yaml.js';

const entries: RepoEntry[] = [
  { path: 'README.md', size: 10 },
  { path: 'apps/web.yaml', size: 100 },
  { path: 'apps/link.yaml', size: 12, mode: '120000' },
  { path: 'apps/huge.yaml', size: YAML_LIMITS.maxBytes + 1 },
  { path: 'charts/web/templates/deployment.yaml', size: 300 },
  { path: 'overlays/prod/kustomization.yaml', size: 50 },
  { path: 'overlays/prod/config.env', size: 20 },
  { path: 'vendor/x.yaml', size: 10 },
];

function finding(path?: string): Finding {
  return {
    tool: 'trivy',
    ruleId: 'KSV-0001',
    remediation: 'no-privilege-escalation',
    ...(path ? { location: { path } } : {}),
  } as Finding;
}

describe('selectEntries', () => {
  it('reads what the globs include, never a link as itself, and reports a file over the size limit', () => {
    const config = ConfigSchema.parse({ paths: { exclude: ['vendor/**'] } });
    const { selected, skipped } = selectEntries(entries, config);
    expect(selected.map((e) => e.path)).toEqual([
      'apps/web.yaml',
      'charts/web/templates/deployment.yaml',
      'overlays/prod/kustomization.yaml',
    ]);
    expect(skipped).toEqual([
      {
        code: 'unreadable',
        file: 'apps/huge.yaml',
        message: `apps/huge.yaml: file is ${YAML_LIMITS.maxBytes + 1} bytes, over the ${YAML_LIMITS.maxBytes}-byte limit; not read`,
      },
    ]);
  });

  it('narrows to the files findings name, by exact path or path suffix, as locate matches them', () => {
    const { selected } = selectEntries(entries, defaultConfig(), [
      finding('./templates/deployment.yaml'),
      finding('/apps/web.yaml'),
    ]);
    expect(selected.map((e) => e.path)).toEqual(['apps/web.yaml', 'charts/web/templates/deployment.yaml']);
  });

  it('reads every candidate and the kustomization sidecars when a finding names no file', () => {
    const { selected } = selectEntries(entries, defaultConfig(), [finding('apps/web.yaml'), finding()]);
    expect(selected.map((e) => e.path)).toContain('overlays/prod/config.env');
    expect(selected.map((e) => e.path)).not.toContain('README.md');
  });
});

describe('namedBy', () => {
  it('matches a repo path under the scanner directory and a finding path above the repository, not a partial segment', () => {
    const named = namedBy(['templates/deployment.yaml', '/checkout/infra/apps/web.yaml'.slice(1)]);
    expect(named('charts/web/templates/deployment.yaml')).toBe(true);
    expect(named('apps/web.yaml')).toBe(true);
    expect(named('charts/web/mytemplates/deployment.yaml')).toBe(false);
    expect(named('apps/web.yml')).toBe(false);
  });
});

describe('directoryFilter', () => {
  it('walks only the directories an include glob can reach', () => {
    const mayHold = directoryFilter(ConfigSchema.parse({ paths: { include: ['k8s/**/*.yaml', 'deploy/app.yaml'] } }));
    expect(['k8s', 'k8s/apps', 'deploy', 'docs', 'deploy/sub'].map(mayHold)).toEqual([true, true, true, false, false]);
    expect(directoryFilter(defaultConfig())('any/where')).toBe(true);
  });
});

describe('the disk reader applies the same rule', () => {
  it('does not read a file over the size limit and reports it as the tree reader does', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kubemend-select-'));
    try {
      const big = `# ${'x'.repeat(YAML_LIMITS.maxBytes)}\nkind: ConfigMap\n`;
      writeFileSync(join(root, 'big.yaml'), big);
      writeFileSync(join(root, 'small.yaml'), 'kind: ConfigMap\n');
      const read = await readRepoFiles([root], defaultConfig(), root);
      expect(read.files.map((f) => f.path)).toEqual(['small.yaml']);
      const tree = selectEntries(
        [
          { path: 'big.yaml', size: Buffer.byteLength(big) },
          { path: 'small.yaml', size: 16 },
        ],
        defaultConfig(),
      );
      expect(read.diagnostics).toEqual(tree.skipped);
      expect(tree.skipped.map((d) => d.code)).toEqual(['unreadable']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
