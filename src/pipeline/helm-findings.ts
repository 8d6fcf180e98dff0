/**
 * Which scanner findings are on a Helm chart, and which rendered workload each names: a path in a chart's
 * `templates/` (as a scanner of the repository reports it), the `# Source: <chart>/templates/x.yaml` path
 * a scanner of `helm template` output reports, or a live object's Helm release metadata: Helm's
 * `meta.helm.sh/release-name` and `release-namespace` annotations, else Flux's `helm.toolkit.fluxcd.io/name`
 * and `namespace` labels (which name the HelmRelease object). A release is matched by name and namespace, so
 * one chart deployed as `web` in staging and in prod is fixed in the environment the finding came from.
 * Findings on charts are handled by the Helm path; the others go on to the plain mapping.
 */
import type { Chart } from '../locate/helm/charts.js';
import type { Release } from '../locate/helm/values-layers.js';
import type { Finding } from '../model.js';

/** Where a finding points in the charts: the chart, and the template or the release named. */
export interface HelmTarget {
  chart: Chart;
  template?: string;
  /** The Helm release's name, and its namespace when the live object says it. */
  release?: string;
  releaseNamespace?: string;
  /** The Flux HelmRelease object that deployed it, when only Flux's labels say which release it is. */
  fluxRelease?: { name: string; namespace?: string };
}

function clean(path: string, prefix?: string): string {
  let p = path.replace(/\\/g, '/').replace(/^\.\//, '');
  if (prefix) {
    const pre = prefix.replace(/\/+$/, '');
    if (p.startsWith(`${pre}/`)) p = p.slice(pre.length + 1);
  }
  return p;
}

export function helmTargetOf(f: Finding, charts: Chart[], pathPrefix?: string): HelmTarget | undefined {
  if (f.location?.path) {
    const p = clean(f.location.path, pathPrefix);
    for (const chart of charts) {
      const exact = chart.templates.find((t) => t.path === p);
      if (exact) return { chart, template: exact.path };
      const source = new RegExp(`^${chart.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(templates/.+)$`).exec(p);
      const rendered = source
        ? chart.templates.find((t) => t.path === (chart.dir ? `${chart.dir}/${source[1]}` : source[1]))
        : undefined;
      if (rendered) return { chart, template: rendered.path };
    }
    return undefined;
  }
  const release = f.live?.annotations['meta.helm.sh/release-name'];
  const releaseNamespace = f.live?.annotations['meta.helm.sh/release-namespace'];
  const flux = f.live?.labels['helm.toolkit.fluxcd.io/name'];
  const fluxNamespace = f.live?.labels['helm.toolkit.fluxcd.io/namespace'];
  if (!release && !flux) return undefined;
  const chartLabel = f.live?.labels['helm.sh/chart'] ?? '';
  const chart =
    charts.find((c) => chartLabel.startsWith(`${c.name}-`)) ?? (charts.length === 1 ? charts[0] : undefined);
  if (!chart) return undefined;
  if (release) return { chart, release, ...(releaseNamespace ? { releaseNamespace } : {}) };
  return { chart, fluxRelease: { name: flux as string, ...(fluxNamespace ? { namespace: fluxNamespace } : {}) } };
}

/** Does the finding name this rendered violation (same template or release, remediation, kind, name, container)? */
export function findingNames(
  f: Finding,
  t: HelmTarget,
  v: {
    remediation: string;
    workload: { file: string; id: { kind: string; name: string } };
    container: { name: string } | null;
  },
  release: Pick<Release, 'name' | 'namespace' | 'fluxRelease'>,
): boolean {
  if (f.remediation !== v.remediation) return false;
  if (t.template && t.template !== v.workload.file) return false;
  if (t.release && t.release !== release.name) return false;
  if (t.releaseNamespace && t.releaseNamespace !== release.namespace) return false;
  if (t.fluxRelease) {
    const owner = release.fluxRelease;
    if (!owner || owner.name !== t.fluxRelease.name) return false;
    if (t.fluxRelease.namespace && t.fluxRelease.namespace !== owner.namespace) return false;
  }
  if (f.resource?.kind && f.resource.kind !== v.workload.id.kind) return false;
  // A repository scan names the template; its resource name is the chart's, not the release's.
  if ((t.release || t.fluxRelease) && f.resource?.name && f.resource.name !== v.workload.id.name) return false;
  if (f.container?.name && v.container && f.container.name !== v.container.name) return false;
  return true;
}
