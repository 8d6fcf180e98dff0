/**
 * Findings on a chart, from Trivy's own golden output of a `helm create` chart (../shared/findings/trivy:
 * the chart's templates/deployment.yaml as Trivy scanned it): mapped to the rendered workload by template
 * path, fixed in values.yaml, templates untouched. The `# Source:` path of `helm template` output and a live
 * object's Helm release metadata name the same chart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { parseFindings } from '../../src/findings/index.js';
import { findCharts } from '../../src/locate/helm/charts.js';
import type { Finding } from '../../src/model.js';
import { helmTargetOf } from '../../src/pipeline/helm-findings.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { loadCatalog } from '../../src/remediations/index.js';
import { SHARED } from '../shared-dir.js';
import { readChart } from './helm-fixture.js';

const catalog = loadCatalog();
const files = readChart('test/fixtures/helm-testchart');
const report = readFileSync(join(SHARED, 'findings/trivy/config-json_helm-testchart_checks-v2.golden.json'), 'utf8');
const findings = parseFindings(report, { resolveRule: catalog.resolveRule }).findings;

describe("Trivy's findings on a helm create chart", () => {
  it('are fixed in values.yaml through the keys the template reads; templates untouched', () => {
    const result = runPipeline(files, { catalog, config: defaultConfig(), findings });
    const values = files.find((f) => f.path === 'values.yaml')?.text ?? '';
    const out = result.files.find((f) => f.path === 'values.yaml');
    expect(out?.fixes.map((f) => [f.remediation, f.sources.map((s) => s.ruleId).join(',')]).sort())
      .toMatchInlineSnapshot(`
      [
        [
          "no-privilege-escalation",
          "KSV-0001",
        ],
        [
          "seccomp-runtime-default",
          "KSV-0030,KSV-0104",
        ],
      ]
    `);
    expect(out?.after).toMatchInlineSnapshot(`
      "# Default values for testchart.
      # This is a YAML-formatted file.
      # Declare variables to be passed into your templates.

      replicaCount: 1

      image:
        repository: nginx
        pullPolicy: IfNotPresent
        # Overrides the image tag whose default is the chart appVersion.
        tag: ""

      imagePullSecrets: []
      nameOverride: ""
      fullnameOverride: ""

      serviceAccount:
        # Specifies whether a service account should be created
        create: true
        # Annotations to add to the service account
        annotations: {}
        # The name of the service account to use.
        # If not set and create is true, a name is generated using the fullname template
        name: ""

      podAnnotations: {}

      podSecurityContext:
        seccompProfile:
          type: RuntimeDefault
        # fsGroup: 2000

      securityContext:
        allowPrivilegeEscalation: false
        # capabilities:
        #   drop:
        #   - ALL
        # readOnlyRootFilesystem: true
        # runAsNonRoot: true
        # runAsUser: 1000

      service:
        type: ClusterIP
        port: 80

      resources: {}
        # We usually recommend not to specify default resources and to leave this as a conscious
        # choice for the user. This also increases chances charts run on environments with little
        # resources, such as Minikube. If you do want to specify resources, uncomment the following
        # lines, adjust them as necessary, and remove the curly braces after 'resources:'.
        # limits:
        #   cpu: 100m
        #   memory: 128Mi
        # requests:
        #   cpu: 100m
        #   memory: 128Mi

      autoscaling:
        enabled: false
        minReplicas: 1
        maxReplicas: 100
        targetCPUUtilizationPercentage: 80

      nodeSelector: {}

      tolerations: []

      affinity: {}
      "
    `);
    expect(out?.after.split('\n').filter((l) => l.trim().startsWith('#'))).toEqual(
      values.split('\n').filter((l) => l.trim().startsWith('#')),
    );
    for (const f of files.filter((x) => x.path.startsWith('templates/')))
      expect(result.files.find((r) => r.path === f.path)?.after ?? f.text).toBe(f.text);
    expect(result.unmapped.map((u) => `${u.finding.ruleId} ${u.code}`)).toMatchInlineSnapshot(`
      [
        "KSV-0110 no-automatic-fix",
        "KSV-0117 no-automatic-fix",
        "KSV-0118 no-automatic-fix",
      ]
    `);
  });
});

describe('which chart a finding names', () => {
  const charts = findCharts(readChart('test/fixtures/helm-testchart', 'deploy/testchart'));
  const base: Finding = { tool: 'kubescape', ruleId: 'C-0016', remediation: 'no-privilege-escalation', message: '' };

  it('a template path in the repository, or the # Source: path of helm template output', () => {
    expect(
      helmTargetOf({ ...base, location: { path: 'deploy/testchart/templates/deployment.yaml' } }, charts)?.template,
    ).toBe('deploy/testchart/templates/deployment.yaml');
    expect(helmTargetOf({ ...base, location: { path: 'testchart/templates/deployment.yaml' } }, charts)?.template).toBe(
      'deploy/testchart/templates/deployment.yaml',
    );
    expect(helmTargetOf({ ...base, location: { path: 'k8s/deployment.yaml' } }, charts)).toBeUndefined();
  });

  it("a live object's Helm release metadata", () => {
    const live = {
      labels: { 'helm.sh/chart': 'testchart-0.1.0' },
      annotations: { 'meta.helm.sh/release-name': 'web' },
    };
    expect(helmTargetOf({ ...base, live }, charts)).toEqual({ chart: charts[0], release: 'web' });
    expect(
      helmTargetOf(
        { ...base, live: { ...live, annotations: { ...live.annotations, 'meta.helm.sh/release-namespace': 'prod' } } },
        charts,
      ),
    ).toEqual({ chart: charts[0], release: 'web', releaseNamespace: 'prod' });
    // Only Flux's labels: they name the HelmRelease object, not the Helm release.
    const flux = {
      labels: { 'helm.toolkit.fluxcd.io/name': 'web', 'helm.toolkit.fluxcd.io/namespace': 'flux-apps' },
      annotations: {},
    };
    expect(helmTargetOf({ ...base, live: flux }, charts)).toEqual({
      chart: charts[0],
      fluxRelease: { name: 'web', namespace: 'flux-apps' },
    });
    expect(helmTargetOf({ ...base, live: { labels: {}, annotations: {} } }, charts)).toBeUndefined();
  });
});

describe('one chart deployed as the same release name in two namespaces', () => {
  const chart = readChart('test/fixtures/helm-testchart', 'charts/testchart');
  const app = (env: string) =>
    `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web-${env}\nspec:\n  source:\n    path: charts/testchart\n    helm:\n      releaseName: web\n      valueFiles: [values-${env}.yaml]\n  destination:\n    namespace: ${env}\n`;
  const repo = [
    ...chart,
    { path: 'charts/testchart/values-staging.yaml', text: '# staging overrides\nreplicaCount: 1\n' },
    { path: 'charts/testchart/values-prod.yaml', text: '# prod overrides\nreplicaCount: 3\n' },
    { path: 'apps/web-staging.yaml', text: app('staging') },
    { path: 'apps/web-prod.yaml', text: app('prod') },
  ];
  const live = (namespace: string): Finding => ({
    tool: 'kubescape',
    ruleId: 'C-0016',
    remediation: 'no-privilege-escalation',
    message: 'Allow privilege escalation',
    resource: { kind: 'Deployment', name: 'web-testchart', namespace },
    container: { name: 'testchart' },
    live: {
      labels: { 'helm.sh/chart': 'testchart-0.1.0' },
      annotations: { 'meta.helm.sh/release-name': 'web', 'meta.helm.sh/release-namespace': namespace },
    },
  });
  const changed = (f: Finding) =>
    runPipeline(repo, { catalog, config: defaultConfig(), findings: [f] })
      .files.filter((x) => x.changed)
      .map((x) => x.path);

  it("is fixed in the values file of the release's namespace only", () => {
    expect(changed(live('prod'))).toEqual(['charts/testchart/values-prod.yaml']);
    expect(changed(live('staging'))).toEqual(['charts/testchart/values-staging.yaml']);
  });
});
