/**
 * Issue 15's proof on the corpus (../shared/corpus/helm-charts, helm-values): each chart rendered with its
 * own values by kubemend's evaluator, kubemend's detection on its workloads' templates, how many findings are
 * fixed through values and verified by rendering again, how many are reported and why. Templates are never
 * edited; values files keep every byte outside the edit (they are mostly comments), on every values file of
 * the corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyPatch } from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { isObj } from '../../src/locate/helm/evaluate.js';
import { valuesOps } from '../../src/locate/helm/values-edit.js';
import { applyChanges } from '../../src/patch/index.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { notScannedFrom } from '../../src/report/not-scanned.js';
import { loadCatalog } from '../../src/remediations/index.js';
import { parseYamlFile } from '../../src/yaml.js';
import { SHARED } from '../shared-dir.js';
import { readChart } from './helm-fixture.js';

const CORPUS = join(SHARED, 'corpus');
const CHARTS = join(CORPUS, 'helm-charts');
const catalog = loadCatalog();

/** Each chart of the corpus as a repository: a library chart it depends on goes under charts/, as `helm dependency build` puts it. */
function chartRepo(name: string) {
  const files = readChart(join(CHARTS, name));
  const deps = /^\s*-\s*name:\s*common\b/m.test(files.find((f) => f.path === 'Chart.yaml')?.text ?? '')
    ? readChart(join(CHARTS, 'bitnami__charts__common'), 'charts/common')
    : [];
  return [...files, ...deps];
}

function figures(name: string) {
  const files = chartRepo(name);
  const result = runPipeline(files, { catalog, config: defaultConfig() });
  const templates = result.files.filter((f) => /(^|\/)templates\//.test(f.path));
  for (const t of templates) expect(t.after, t.path).toBe(files.find((f) => f.path === t.path)?.text);
  const fixed = result.files.flatMap((f) => f.fixes);
  const reported: Record<string, number> = {};
  for (const s of result.files.flatMap((f) => f.skipped)) reported[s.code] = (reported[s.code] ?? 0) + 1;
  return {
    findings: fixed.length + Object.values(reported).reduce((a, b) => a + b, 0),
    fixedThroughValues: fixed.map(
      (f) =>
        `${f.resource.kind} ${f.container?.name ?? '(pod)'} ${f.remediation} → ${f.ops.map((o) => o.path).join(', ')}`,
    ),
    reported,
    notRendered: notScannedFrom(result.diagnostics).map((n) => `${n.path}: ${n.reason}`),
    valuesFilesChanged: result.files.filter((f) => f.changed).map((f) => f.path),
  };
}

describe('corpus charts, rendered with their own values', () => {
  it('cert-manager', () => {
    expect(figures('cert-manager__cert-manager__cert-manager')).toMatchInlineSnapshot(`
      {
        "findings": 20,
        "fixedThroughValues": [],
        "notRendered": [],
        "reported": {
          "conflict": 4,
          "needs-value": 16,
        },
        "valuesFilesChanged": [],
      }
    `);
  });

  it('prometheus-node-exporter', () => {
    expect(figures('prometheus-community__helm-charts__prometheus-node-exporter')).toMatchInlineSnapshot(`
      {
        "findings": 9,
        "fixedThroughValues": [
          "DaemonSet node-exporter drop-capabilities → /containerSecurityContext/capabilities",
          "DaemonSet node-exporter no-privilege-escalation → /containerSecurityContext/allowPrivilegeEscalation",
          "DaemonSet (pod) seccomp-runtime-default → /securityContext/seccompProfile",
        ],
        "notRendered": [],
        "reported": {
          "needs-value": 4,
          "node-agent": 2,
        },
        "valuesFilesChanged": [
          "values.yaml",
        ],
      }
    `);
  });

  it('bitnami nginx (with the common library chart)', () => {
    expect(figures('bitnami__charts__nginx')).toMatchInlineSnapshot(`
      {
        "findings": 0,
        "fixedThroughValues": [],
        "notRendered": [
          "templates/tls-secret.yaml: Helm template, not YAML until rendered, so neither scanned nor patched: make the fix in the chart's values (values.yaml), or in the template where no value controls the field; not rendered (helm-unsupported: templates/tls-secret.yaml:7: genCA generates keys: not verifiable)",
        ],
        "reported": {},
        "valuesFilesChanged": [],
      }
    `);
  });
});

describe('one pull request per remediation', () => {
  it('the chart fixed with each remediation alone: each partition carries only its own values edit', () => {
    const files = chartRepo('prometheus-community__helm-charts__prometheus-node-exporter');
    const run = runPipeline(files, { catalog, config: defaultConfig(), partition: true });
    const values = files.find((f) => f.path === 'values.yaml')?.text ?? '';
    expect(
      run.partitions?.map((p) => [
        p.key,
        p.files.map((f) => `${f.path}: ${f.fixes.map((x) => x.ops.map((o) => o.path).join()).join()}`),
      ]),
    ).toEqual([
      ['drop-capabilities', ['values.yaml: /containerSecurityContext/capabilities']],
      ['no-privilege-escalation', ['values.yaml: /containerSecurityContext/allowPrivilegeEscalation']],
      ['seccomp-runtime-default', ['values.yaml: /securityContext/seccompProfile']],
    ]);
    const own = run.partitions?.find((p) => p.key === 'no-privilege-escalation')?.files[0]?.after;
    expect(own).toBe(
      values.replace(
        '  readOnlyRootFilesystem: true\n',
        '  readOnlyRootFilesystem: true\n  allowPrivilegeEscalation: false\n',
      ),
    );
  });
});

/** The first map under a key named like a security context, depth first: where a chart's values set one. */
function contextPath(v: unknown, at: string[] = []): string[] | undefined {
  if (!isObj(v)) return undefined;
  for (const [k, x] of Object.entries(v)) if (/securityContext$/i.test(k) && isObj(x)) return [...at, k];
  for (const [k, x] of Object.entries(v)) {
    const found = contextPath(x, [...at, k]);
    if (found) return found;
  }
  return undefined;
}

describe('values files of the corpus keep every byte outside the edit', () => {
  const dirs = readdirSync(join(CORPUS, 'helm-values'), { withFileTypes: true }).filter((d) => d.isDirectory());
  const files = dirs.flatMap((d) =>
    readdirSync(join(CORPUS, 'helm-values', d.name)).map((f) => join(CORPUS, 'helm-values', d.name, f)),
  );

  it.each(files)('%s', (file) => {
    const text = readFileSync(file, 'utf8');
    const doc = parseYamlFile(text).docs[0]?.value;
    const path = contextPath(doc);
    if (!path) return;
    const ops = valuesOps(doc, '', { path: [...path, 'allowPrivilegeEscalation'], value: false }) ?? [];
    const out = applyChanges(text, [{ id: 'helm', doc: 0, ops }]);
    expect(out.applied).toEqual(['helm']);
    expect(parseYamlFile(out.text).docs[0]?.value).toEqual(
      applyPatch(structuredClone(doc), structuredClone(ops)).newDocument,
    );
    // Every line of the file is still there, in order, comments included: only lines were added or one rewritten.
    const before = text.split('\n');
    const after = out.text.split('\n');
    const kept = before.filter((line) => after.includes(line));
    expect(before.length - kept.length).toBeLessThanOrEqual(1);
    expect(before.filter((l) => l.trim().startsWith('#'))).toEqual(
      after.filter((l) => l.trim().startsWith('#') && before.includes(l)),
    );
  });
});
