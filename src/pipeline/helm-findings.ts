/**
 * Which scanner findings are on a Helm chart, and which rendered workload each names: a path in a chart's
 * `templates/` (as a scanner of the repository reports it), the `# Source: <chart>/templates/x.yaml` path
 * a scanner of `helm template` output reports, or a live object's Helm release metadata
 * (`meta.helm.sh/release-name`, Flux's `helm.toolkit.fluxcd.io/name`). Findings on charts are handled by
 * the Helm path; the others go on to the plain mapping.
 */
import type { Chart } from '../locate/helm/charts.js';
import type { Finding } from '../model.js';

/** Where a finding points in the charts: the chart, and the template or the release named. */
export interface HelmTarget {
  chart: Chart;
  template?: string;
  release?: string;
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
  const release = f.live?.annotations['meta.helm.sh/release-name'] ?? f.live?.labels['helm.toolkit.fluxcd.io/name'];
  if (!release) return undefined;
  const chartLabel = f.live?.labels['helm.sh/chart'] ?? '';
  const chart =
    charts.find((c) => chartLabel.startsWith(`${c.name}-`)) ?? (charts.length === 1 ? charts[0] : undefined);
  return chart ? { chart, release } : undefined;
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
  release: string,
): boolean {
  if (f.remediation !== v.remediation) return false;
  if (t.template && t.template !== v.workload.file) return false;
  if (t.release && t.release !== release) return false;
  if (f.resource?.kind && f.resource.kind !== v.workload.id.kind) return false;
  // A repository scan names the template; its resource name is the chart's, not the release's.
  if (t.release && f.resource?.name && f.resource.name !== v.workload.id.name) return false;
  if (f.container?.name && v.container && f.container.name !== v.container.name) return false;
  return true;
}
