/**
 * Mapping by identity (kind + name, then namespace) through the index, for findings without a file:
 * cluster scans, Polaris. A manifest without a namespace matches any namespace unless one sets it.
 */
import type { Finding, Workload } from '../model.js';
import { type IndexedFile, type ManifestIndex, identityKey } from './index-manifests.js';
import { describeResource } from './locate-in-file.js';
import { type Located, type MappingRule, type Step, fail } from './step.js';

/** The chart's name (Chart.yaml `name:`) for a file under `<chart>/templates/`. */
function chartName(index: ManifestIndex, templatePath: string): string | undefined {
  const cut = templatePath.lastIndexOf('/templates/');
  const chartYaml = cut >= 0 ? index.files.get(`${templatePath.slice(0, cut)}/Chart.yaml`) : undefined;
  return chartYaml ? /^name:\s*["']?([^"'\s]+)/m.exec(chartYaml.text)?.[1] : undefined;
}

/**
 * A Helm template that probably renders the resource: it declares the kind, and either names the resource
 * literally or templates the name (`{{ include "x.fullname" . }}`, which contains the chart's name).
 */
function helmTemplateFor(index: ManifestIndex, f: Finding): IndexedFile | undefined {
  const kind = (f.resource?.kind ?? '').replace(/[^A-Za-z0-9]/g, '');
  const name = f.resource?.name ?? '';
  const kindLine = new RegExp(`^\\s*kind:\\s*["']?${kind}["']?\\s*$`, 'm');
  return [...index.files.values()].find((file) => {
    if (!file.helmTemplate || !kindLine.test(file.text)) return false;
    if (
      new RegExp(`^\\s*name:\\s*["']?${name.replace(/[^A-Za-z0-9.-]/g, '').replace(/\./g, '\\.')}["']?\\s*$`, 'm').test(
        file.text,
      )
    )
      return true;
    const chart = chartName(index, file.path);
    return chart !== undefined && /^\s*name:\s*.*\{\{/m.test(file.text) && name.includes(chart);
  });
}

export function locateByIdentity(index: ManifestIndex, f: Finding, included: (w: Workload) => boolean): Step<Located> {
  const kind = f.resource?.kind;
  const name = f.resource?.name;
  if (!kind || !name) return fail('no-identity', 'the finding names neither a file nor a resource');
  const all = (index.byIdentity.get(identityKey(kind, name)) ?? []).filter(included);
  const ns = f.resource?.namespace;
  const exact = ns ? all.filter((w) => w.id.namespace === ns) : all;
  // A manifest without a namespace deploys wherever it is applied, so it matches any namespace.
  const anyNs = ns && exact.length === 0 ? all.filter((w) => w.id.namespace === undefined) : [];
  const candidates = exact.length ? exact : anyNs;
  const rule: MappingRule = exact.length ? 'identity' : 'identity-any-namespace';
  if (candidates.length === 0) {
    const helm = helmTemplateFor(index, f);
    if (helm)
      return fail(
        'helm-template',
        `${describeResource(f)} is not in a plain manifest; it is probably rendered from the Helm template ${helm.path}`,
      );
    return fail('not-found', `no manifest in the repository defines ${describeResource(f)}`);
  }
  if (candidates.length > 1) {
    const files = [...new Set(candidates.map((w) => w.file))];
    return fail(
      'multiple-definitions',
      `${describeResource(f)} is defined in ${candidates.length} places (${files.slice(0, 5).join(', ')}), e.g. kustomize overlays; kubemend does not guess which one`,
    );
  }
  return { ok: true, value: { workload: candidates[0] as Workload, rule } };
}
