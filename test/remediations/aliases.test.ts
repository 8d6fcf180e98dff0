/**
 * Every alias is a real rule id of its scanner, checked against the scanners' own tables in
 * ../shared/findings and ../shared/peers; Kubescape's CIS-x.y.z names point at the same remediation as
 * the control they name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { normaliseRuleId } from '../../src/remediations/index.js';
import { catalog } from './helpers.js';
import { SHARED } from '../shared-dir.js';

const FINDINGS = SHARED + '/findings';

function tsvColumn(file: string): Set<string> {
  return new Set(
    readFileSync(`${FINDINGS}/${file}`, 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t')[0] ?? '')
      .filter(Boolean),
  );
}

function cisNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const f of ['cis-v1.10.0.json', 'cis-v1.12.0.json']) {
    const fw = JSON.parse(readFileSync(`${FINDINGS}/kubescape/frameworks/${f}`, 'utf8')) as {
      activeControls: Array<{ controlID: string; patch?: { name?: string } }>;
    };
    for (const c of fw.activeControls) {
      const m = /^(CIS-\d+(?:\.\d+)+) /.exec(c.patch?.name ?? '');
      if (m?.[1]) names.set(m[1], c.controlID);
    }
  }
  return names;
}

describe('aliases are real rule ids', () => {
  const rems = catalog().remediations;

  test('Kubescape C-ids have a control definition; CIS-x.y.z names a control of the same remediation', () => {
    const controls = new Set(readdirSync(`${FINDINGS}/kubescape/controls`).map((f) => f.slice(0, 6)));
    const cis = cisNames();
    const problems = rems.flatMap((r) =>
      r.aliases.kubescape.flatMap((id) => {
        if (id.startsWith('C-')) return controls.has(id) ? [] : [`${r.id}: ${id} has no control definition`];
        const target = cis.get(id);
        return target && r.aliases.kubescape.includes(target) ? [] : [`${r.id}: ${id} names ${target ?? 'nothing'}`];
      }),
    );
    expect(problems).toEqual([]);
  });

  test('Trivy ids are in ksv-metadata.tsv', () => {
    const ids = new Set([...tsvColumn('trivy/ksv-metadata.tsv')].map(normaliseRuleId));
    expect(rems.flatMap((r) => r.aliases.trivy.filter((id) => !ids.has(normaliseRuleId(id))))).toEqual([]);
  });

  test('Checkov and kube-score ids are in their check tables; Polaris ids are check files', () => {
    const checkov = tsvColumn('checkov/ckv-k8s-checks.tsv');
    const kubeScore = tsvColumn('kube-score/kube-score-checks.tsv');
    const polaris = new Set(readdirSync(SHARED + '/peers/polaris/checks').map((f) => f.replace(/\.yaml$/, '')));
    expect(rems.flatMap((r) => r.aliases.checkov.filter((id) => !checkov.has(id)))).toEqual([]);
    expect(rems.flatMap((r) => r.aliases['kube-score'].filter((id) => !kubeScore.has(id)))).toEqual([]);
    expect(rems.flatMap((r) => r.aliases.polaris.filter((id) => !polaris.has(id)))).toEqual([]);
  });

  test('the rule ids of the real Trivy golden output resolve alike in their pre-v2 and v2 forms', () => {
    const ids = (file: string, key: string) =>
      [...readFileSync(`${FINDINGS}/trivy/${file}`, 'utf8').matchAll(new RegExp(`"${key}": "([^"]+)"`, 'g'))].map(
        (m) => m[1] ?? '',
      );
    const v2 = [...new Set(ids('config-json_helm-testchart_checks-v2.golden.json', 'ID'))].sort();
    const pre = [...new Set(ids('config-json_helm-testchart_pre-checks-v2.golden.json', 'ID'))].sort();
    expect(v2.map((id) => catalog().resolveRule('trivy', id))).toEqual(
      pre.map((id) => catalog().resolveRule('trivy', id)),
    );
    // Out of the catalog's scope, listed in docs/controls.md: namespace choice, port numbers, "any default security context".
    expect(v2.filter((id) => catalog().resolveRule('trivy', id) === undefined)).toEqual([
      'KSV-0110',
      'KSV-0117',
      'KSV-0118',
    ]);
    expect(v2.map((id) => [id, catalog().resolveRule('trivy', id)])).toEqual([
      ['KSV-0001', 'no-privilege-escalation'],
      ['KSV-0030', 'seccomp-runtime-default'],
      ['KSV-0104', 'seccomp-runtime-default'],
      ['KSV-0110', undefined],
      ['KSV-0117', undefined],
      ['KSV-0118', undefined],
    ]);
  });
});
