import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { duplicateAliases } from '../../src/remediations/aliases.js';
import {
  BUILTIN_DIR,
  REMEDIATION_SCHEMA_FILE,
  loadCatalog,
  normaliseRuleId,
  remediationJsonSchemaText,
  tryLoadCatalog,
} from '../../src/remediations/index.js';
import { catalog } from './helpers.js';

const BUILT_IN_IDS = [
  'cpu-limits',
  'drop-capabilities',
  'image-tag-pinned',
  'memory-limits',
  'no-automount-service-account-token',
  'no-dangerous-capabilities',
  'no-host-namespaces',
  'no-host-path',
  'no-host-port',
  'no-privilege-escalation',
  'no-privileged',
  'read-only-root-filesystem',
  'resource-requests',
  'run-as-non-root',
  'seccomp-runtime-default',
];

describe('catalog contract', () => {
  test('every built-in file is valid, named after its id, and the public ids are all there', () => {
    const files = readdirSync(BUILTIN_DIR)
      .filter((f) => f.endsWith('.yml'))
      .sort();
    expect(files).toEqual(BUILT_IN_IDS.map((id) => `${id}.yml`));
    expect(catalog().remediations.map((r) => r.id)).toEqual(BUILT_IN_IDS);
  });

  test('ids are unique', () => {
    expect(new Set(catalog().remediations.map((r) => r.id)).size).toBe(catalog().remediations.length);
  });

  test('every alias is unique across remediations (after normalisation)', () => {
    expect(duplicateAliases(catalog().remediations)).toEqual([]);
  });

  test('every control cites a source; SOC 2 and 800-53 mappings state a rationale', () => {
    const controls = catalog().remediations.flatMap((r) => r.controls.map((c) => ({ ...c, remediation: r.id })));
    expect(controls.length).toBeGreaterThan(40);
    expect(controls.filter((c) => c.source.trim().length < 20)).toEqual([]);
    expect(controls.filter((c) => ['soc2', 'nist-800-53'].includes(c.framework) && !c.rationale)).toEqual([]);
  });

  test('every option is documented with its default', () => {
    const options = catalog().remediations.flatMap((r) =>
      Object.entries(r.options).map(([name, o]) => ({ id: r.id, name, ...o })),
    );
    expect(options.filter((o) => !/Default: /.test(o.description))).toEqual([]);
  });

  test('each file starts with the schema modeline so editors validate it', () => {
    for (const id of BUILT_IN_IDS)
      expect(readFileSync(join(BUILTIN_DIR, `${id}.yml`), 'utf8').split('\n')[0]).toBe(
        '# yaml-language-server: $schema=../schemas/remediation.schema.json',
      );
  });
});

describe('resolveRule', () => {
  test.each([
    ['trivy', 'KSV012', 'run-as-non-root'],
    ['trivy', 'AVD-KSV-0012', 'run-as-non-root'],
    ['trivy', 'KSV-0012', 'run-as-non-root'],
    ['trivy', 'ksv-0105', 'run-as-non-root'],
    ['kubescape', 'C-0013', 'run-as-non-root'],
    ['kubescape', 'CIS-5.2.7', 'run-as-non-root'],
    ['checkov', 'CKV_K8S_23', 'run-as-non-root'],
    ['polaris', 'runAsRootAllowed', 'run-as-non-root'],
    ['kube-score', 'container-security-context-privileged', 'no-privileged'],
    ['kubescape', 'C-0055', 'drop-capabilities'],
    ['trivy', 'AVD-KSV-0001', 'no-privilege-escalation'],
    ['checkov', 'CKV_K8S_28', 'drop-capabilities'],
    ['polaris', 'hostPIDSet', 'no-host-namespaces'],
    ['sarif', 'KSV-0018', 'memory-limits'],
  ])('%s %s → %s', (tool, rule, id) => {
    expect(catalog().resolveRule(tool, rule)).toBe(id);
  });

  test.each([
    ['kubescape', 'C-0009'],
    ['kube-score', 'container-resources'],
    ['trivy', 'KSV-0020'],
    ['checkov', 'CKV_K8S_40'],
    ['polaris', 'linuxHardening'],
  ])('ambiguous or stricter rule %s %s resolves to nothing (see docs/remediations.md)', (tool, rule) => {
    expect(catalog().resolveRule(tool, rule)).toBe(undefined);
  });

  test('Trivy forms normalise to one key', () => {
    expect(['KSV012', 'AVD-KSV-0012', 'KSV-0012', 'ksv-12'].map(normaliseRuleId)).toEqual([
      'KSV-12',
      'KSV-12',
      'KSV-12',
      'KSV-12',
    ]);
  });
});

describe('loadCatalog', () => {
  const tmp = (): string => mkdtempSync(join(tmpdir(), 'kubemend-rem-'));

  test('the committed JSON Schema is current (regenerate with `npm run schemas`)', () => {
    expect(readFileSync(REMEDIATION_SCHEMA_FILE, 'utf8')).toBe(remediationJsonSchemaText());
  });

  const PROC_MOUNT = [
    'id: no-proc-mount',
    'title: Default /proc mount',
    'severity: medium',
    'scope: container',
    'rationale: Unmasked /proc exposes host information.',
    'risk: None for ordinary workloads.',
    'checks:',
    '  - field: securityContext.procMount',
    '    unset: passes',
    '    fails_when: { not_equal: Default }',
    '    fix: { action: set, value: Default }',
    'aliases: { polaris: [procMount] }',
    '',
  ].join('\n');

  test('an extra directory adds remediations written only in YAML', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'no-proc-mount.yml'), PROC_MOUNT);
    const cat = loadCatalog({ extraDirs: [dir] });
    expect(cat.byId.get('no-proc-mount')?.checks[0]?.field).toBe('securityContext.procMount');
    expect(cat.resolveRule('polaris', 'procMount')).toBe('no-proc-mount');
  });

  test('every invalid file is reported at once, with its path and problem', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.yml'), 'id: Bad_Id\n');
    writeFileSync(join(dir, 'b.yml'), 'key: [unclosed\n');
    writeFileSync(join(dir, 'c.yaml'), readFileSync(join(BUILTIN_DIR, 'no-privileged.yml'), 'utf8'));
    writeFileSync(
      join(dir, 'd.yml'),
      readFileSync(join(BUILTIN_DIR, 'no-host-port.yml'), 'utf8')
        .replace('id: no-host-port', 'id: other-port')
        .replace('only_if_option: removeHostPort', 'only_if_option: nope'),
    );
    const load = () => loadCatalog({ extraDirs: [dir] });
    expect(load).toThrow(new RegExp(`${join(dir, 'a.yml')}: id: remediation ids are kebab-case`));
    expect(load).toThrow(new RegExp(`${join(dir, 'a.yml')}: title: `));
    expect(load).toThrow(new RegExp(`${join(dir, 'b.yml')}: document 0: `));
    // Built-in files are named by the package path, never the server's disk path (messages reach repositories).
    expect(load).toThrow(
      new RegExp(
        `${join(dir, 'c.yaml')}: id "no-privileged" is already defined in kubemend:remediations/no-privileged.yml`,
      ),
    );
    expect(load).toThrow(new RegExp(`${join(dir, 'd.yml')}: refers to option "nope", which is not declared`));
  });

  test('extra files given as texts join the catalog after the built-in ones, through the same validation', () => {
    const cat = loadCatalog({ extraFiles: [{ path: 'policies/no-proc-mount.yml', text: PROC_MOUNT }] });
    expect(cat.remediations.map((r) => r.id)).toEqual([...BUILT_IN_IDS, 'no-proc-mount']);
    expect(cat.resolveRule('polaris', 'procMount')).toBe('no-proc-mount');
    expect(loadCatalog().byId.has('no-proc-mount')).toBe(false);
  });

  test('every invalid in-memory file is a diagnostic naming its path; ids and aliases may not be claimed twice', () => {
    const result = tryLoadCatalog({
      extraFiles: [
        { path: 'r/a.yml', text: 'id: Bad_Id\n' },
        { path: 'r/b.yml', text: PROC_MOUNT.replace('procMount]', 'procMount, KSV012]') },
        { path: 'r/c.yml', text: PROC_MOUNT.replace('[procMount]', '[other]') },
        { path: 'r/d.yml', text: '---\nid: x\n---\nid: y\n' },
      ],
    });
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.diagnostics.map((d) => `${d.code} ${d.file} ${d.message}`);
    expect(messages).toContainEqual(
      expect.stringMatching(/^remediation-invalid r\/a\.yml r\/a\.yml: id: remediation ids are kebab-case/),
    );
    expect(messages).toContain(
      'remediation-duplicate-alias r/b.yml r/b.yml: aliases.polaris: "KSV012" is already an alias of "run-as-non-root" (kubemend:remediations/run-as-non-root.yml)',
    );
    expect(messages.join('\n')).not.toContain(BUILTIN_DIR);
    // b.yml was rejected, so c.yml's id is free; its own alias is new.
    expect(messages.some((m) => m.includes('r/c.yml'))).toBe(false);
    expect(messages).toContain('remediation-invalid r/d.yml r/d.yml: expected one YAML document, found 2');
    expect(() =>
      loadCatalog({
        extraFiles: [
          { path: 'r/e.yml', text: PROC_MOUNT },
          { path: 'r/f.yml', text: PROC_MOUNT },
        ],
      }),
    ).toThrow(/r\/f\.yml: id "no-proc-mount" is already defined in r\/e\.yml/);
  });
});
