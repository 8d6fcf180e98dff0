/**
 * The mapping rate: of the findings that have an automatic fix, how many land on exactly one workload and
 * container. Measured on this repo's scan fixtures, and on real data from ../shared/findings: Polaris's
 * audit with its input manifest, and the Kubescape regolibrary rule responses with their inputs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFindings } from '../../src/findings/index.js';
import { SHARED } from '../findings/resolver.js';
import { resolveRule } from '../findings/helpers.js';
import { indexManifests, mapFindings } from '../../src/locate/index.js';
import type { Finding } from '../../src/model.js';
import { repoFiles, scan } from './repo.js';

interface Rate {
  fixable: number;
  mapped: number;
}

function rate(findings: Finding[], files = repoFiles()): Rate {
  const fixable = findings.filter((f) => f.remediation);
  const { mapped } = mapFindings(fixable, indexManifests(files));
  return { fixable: fixable.length, mapped: mapped.reduce((n, m) => n + m.findings.length, 0) };
}

const KS = `${SHARED}/findings/kubescape`;

/** The control whose `rulesNames` lists the rule (first that has a fix), from kubescape/controls/*.json. */
function controlFor(rule: string): string {
  const controls = readdirSync(`${KS}/controls`).map(
    (f) => JSON.parse(readFileSync(`${KS}/controls/${f}`, 'utf8')) as { controlID: string; rulesNames: string[] },
  );
  const ids = controls.filter((c) => c.rulesNames.includes(rule)).map((c) => c.controlID);
  return ids.find((id) => resolveRule('kubescape', id)) ?? ids[0] ?? 'C-0000';
}

describe('mapping rate', () => {
  it('scan fixtures of the fixture repo (current scans): every fixable finding maps', () => {
    const findings = ['kubescape-file-scan.json', 'trivy-config-scan.json', 'checkov.json'].flatMap(
      (s) => scan(s).findings,
    );
    expect(rate(findings)).toEqual({ fixable: 12, mapped: 12 });
  });

  it('stale and missing-file fixtures: only the container that can be proven maps', () => {
    const findings = ['kubescape-file-scan-stale.json', 'trivy-config-scan-missing-file.json'].flatMap(
      (s) => scan(s).findings,
    );
    expect(rate(findings)).toEqual({ fixable: 4, mapped: 1 });
  });

  it('Polaris audit (DefectDojo) against its input manifest, by identity and container name', () => {
    const findings = parseFindings(
      readFileSync(`${SHARED}/findings/polaris/audit-json_many-failures_defectdojo.json`, 'utf8'),
      { resolveRule },
    ).findings;
    const files = [
      { path: 'many.yaml', text: readFileSync(`${SHARED}/findings/polaris/audit-input_many_defectdojo.yaml`, 'utf8') },
    ];
    expect(rate(findings, files)).toEqual({ fixable: 12, mapped: 12 });
  });

  it('Kubescape regolibrary rule responses against their inputs', () => {
    const cases = readdirSync(`${KS}/rule-responses`)
      .filter((f) => f.endsWith('__expected.json'))
      .map((f) => f.replace('__expected.json', ''));
    const total = cases.reduce<Rate>(
      (acc, name) => {
        const rule = name.split('__')[0] ?? '';
        const responses = JSON.parse(readFileSync(`${KS}/rule-responses/${name}__expected.json`, 'utf8')) as unknown[];
        const report = {
          controlReports: [{ controlID: controlFor(rule), ruleReports: [{ name: rule, ruleResponses: responses }] }],
        };
        const inputs = readdirSync(`${KS}/rule-responses`).filter((f) => f.startsWith(`${name}__input_`));
        const files = inputs.map((f) => ({ path: f, text: readFileSync(`${KS}/rule-responses/${f}`, 'utf8') }));
        const r = rate(parseFindings(report, { resolveRule }).findings, files);
        return { fixable: acc.fixable + r.fixable, mapped: acc.mapped + r.mapped };
      },
      { fixable: 0, mapped: 0 },
    );
    // The 3 not mapped give only a container index, no name anywhere, in pods with 2-3 containers:
    // refused as container-unverified rather than risk the wrong container.
    expect(total).toEqual({ fixable: 23, mapped: 20 });
  });
});
