import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, FindingsError, detectFormat, parseFindings } from '../../src/findings/index.js';
import { parseSample, resolveRule, sample } from './helpers.js';

/** Every scanner output in ../shared/findings (definitions, schemas and check tables are not reports). */
const SAMPLES: Array<[string, string, number]> = [
  ['checkov/json_terraform_defectdojo.json', 'checkov', 3],
  ['checkov/sarif_docs-example_terraform.json', 'sarif', 2],
  ['github-code-scanning/get-alert.example.json', 'github-code-scanning', 0],
  ['github-code-scanning/list-alert-instances.example.json', 'github-code-scanning', 0],
  ['github-code-scanning/list-alerts-for-repo.example.json', 'github-code-scanning', 1],
  ['kubescape/json-v2_file-scan_nginx_v3.0.3.json', 'kubescape', 0],
  ['kubescape/json-v2_file-scan_nginx_v3.0.3_with-failure.json', 'kubescape', 3],
  ['kubescape/json-v2_results_cluster-scan_excerpt.json', 'kubescape', 18],
  ['polaris/audit-json_many-failures_defectdojo.json', 'polaris', 21],
  ['polaris/audit-json_own-example.json', 'polaris', 0],
  ['trivy/config-json_helm-testchart_checks-v2.golden.json', 'trivy', 6],
  ['trivy/config-json_helm-testchart_pre-checks-v2.golden.json', 'trivy', 6],
  ['trivy/k8s-json_cluster_redis_defectdojo.json', 'trivy', 10],
  ['trivy/k8s-json_docs-example_legacy.json', 'trivy', 2],
];

describe('parseFindings', () => {
  it.each(SAMPLES)('%s parses as %s with %i findings', (path, format, count) => {
    const r = parseSample(path);
    expect(r.format).toBe(format);
    expect(r.findings).toHaveLength(count);
    for (const f of r.findings) {
      expect(typeof f.tool).toBe('string');
      expect(f.ruleId.length).toBeGreaterThan(0);
      expect(typeof f.message).toBe('string');
    }
  });

  it('detection is by content, not file name', () => {
    expect(detectFormat(JSON.parse(sample('trivy/k8s-json_docs-example_legacy.json')))).toBe('trivy');
    expect(detectFormat({ hello: 'world' })).toBeUndefined();
  });

  it('unknown format: FindingsError naming every format tried', () => {
    const call = () => parseFindings('{"hello":"world"}', { resolveRule, source: 'x.json' });
    expect(call).toThrow(FindingsError);
    expect(call).toThrow(`x.json: unrecognised findings format; tried: ${FORMAT_NAMES.join(', ')}`);
    expect(FORMAT_NAMES).toEqual([
      'native',
      'sarif',
      'kubescape',
      'trivy',
      'checkov',
      'polaris',
      'kube-score',
      'github-code-scanning',
    ]);
  });

  it('invalid JSON: findings-invalid-json', () => {
    expect(() => parseFindings('{"runs": [', { resolveRule })).toThrow(
      /^not valid JSON \(.*\); expected one of: native, sarif/,
    );
    expect(() => parseFindings('<html>', { resolveRule })).toThrow(
      expect.objectContaining({ code: 'findings-invalid-json', name: 'FindingsError' }),
    );
  });

  it('a report of a known format with an unusable top level: findings-invalid', () => {
    const bad = { format: 'kubemend-findings', version: 2, findings: [] };
    expect(() => parseFindings(bad, { resolveRule })).toThrow(
      expect.objectContaining({
        code: 'findings-invalid',
        message: expect.stringMatching(/^looks like native but is not a valid native report/),
      }),
    );
  });

  it('an empty list is a report with no findings', () => {
    expect(parseFindings('[]', { resolveRule })).toEqual({
      format: 'native',
      findings: [],
      diagnostics: [{ code: 'findings-empty', message: 'empty list: no findings' }],
    });
  });

  it('a UTF-8 BOM is tolerated', () => {
    expect(
      parseFindings(`\uFEFF${sample('trivy/k8s-json_docs-example_legacy.json')}`, { resolveRule }).findings,
    ).toHaveLength(2);
  });

  it('missing optional fields never crash any parser', () => {
    const minimal: unknown[] = [
      { results: [{ resourceID: 'x', controls: [{ controlID: 'C-0016', status: { status: 'failed' } }] }] },
      { SchemaVersion: 2, Results: [{ Misconfigurations: [{ ID: 'KSV001' }] }] },
      { check_type: 'kubernetes', results: { failed_checks: [{ check_id: 'CKV_K8S_20' }] } },
      { PolarisOutputVersion: '1.0', Results: [{ Name: 'n', Kind: 'Pod', Results: { a: { Success: false } } }] },
      [{ object_name: 'o', checks: [{ check: { id: 'k' }, grade: 1 }] }],
      { version: '2.1.0', runs: [{ tool: { driver: { name: 't' } }, results: [{ ruleId: 'r' }] }] },
      [{ rule: { id: 'r' }, tool: {}, html_url: 'u' }],
      { format: 'kubemend-findings', version: 1, findings: [{ tool: 't', ruleId: 'r', message: '' }] },
    ];
    expect(minimal.map((v) => parseFindings(v, { resolveRule }).findings.length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });
});
