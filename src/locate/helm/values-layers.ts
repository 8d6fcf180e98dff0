/**
 * Which values files a chart is rendered with, in Helm's order (later wins): the chart's `values.yaml`,
 * then what a deployment names: an Argo CD Application's `spec.source.helm.valueFiles` (relative to the
 * source path; https://argo-cd.readthedocs.io/en/stable/user-guide/helm/#values-files), a Flux
 * HelmRelease's inline `spec.values` (https://fluxcd.io/flux/components/helm/helmreleases/#values), a
 * helmfile release's `values:` files. The last layer is the most specific: an environment's fix goes there.
 */
import { parseAllDocuments } from 'yaml';
import { type Chart, type ChartFile } from './charts.js';
import { isObj } from './evaluate.js';

/** Where values are read and written: a file, a document, and the pointer of the values map in it. */
export interface ValuesLayer {
  file: string;
  doc: number;
  /** JSON pointer of the values map in the document: '' for a values file, '/spec/values' in a HelmRelease. */
  pointer: string;
}

/** One way the chart is deployed: a release name and its values layers. */
export interface Release {
  name: string;
  namespace: string;
  /** Who deploys it ('chart defaults', 'Argo CD Application x', ...), for reports. */
  via: string;
  layers: ValuesLayer[];
  /** Values the deployment takes from places kubemend cannot edit (a ConfigMap, a `$values` ref). */
  unreadable: string[];
  /**
   * The Flux HelmRelease that deploys it, as the `helm.toolkit.fluxcd.io/name` and `/namespace` labels of
   * its live objects name it (its own metadata, not the Helm release's name).
   */
  fluxRelease?: { name: string; namespace: string };
}

function norm(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part && part !== '.') out.push(part);
  }
  return out.join('/');
}

function join(dir: string, rel: string): string {
  return norm(dir ? `${dir}/${rel}` : rel);
}

function docsOf(f: ChartFile): unknown[] {
  try {
    return parseAllDocuments(f.text).map((d) => ('toJS' in d ? d.toJS() : undefined));
  } catch {
    return [];
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function releasesIn(f: ChartFile, chart: Chart, own: ValuesLayer[]): Release[] {
  const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
  const out: Release[] = [];
  docsOf(f).forEach((doc, i) => {
    if (!isObj(doc)) return;
    const meta = isObj(doc.metadata) ? doc.metadata : {};
    const spec = isObj(doc.spec) ? doc.spec : {};
    if (doc.kind === 'Application' && str(doc.apiVersion)?.startsWith('argoproj.io/')) {
      const sources = [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])].filter(isObj);
      for (const s of sources.filter((x) => norm(str(x.path) ?? '\u0000') === chart.dir)) {
        const helm = isObj(s.helm) ? s.helm : {};
        const files = (Array.isArray(helm.valueFiles) ? helm.valueFiles : []).filter(
          (x): x is string => typeof x === 'string',
        );
        const name = str(helm.releaseName) ?? str(meta.name) ?? chart.name;
        const dest = isObj(spec.destination) ? spec.destination : {};
        const layers = files
          .filter((x) => !x.startsWith('$'))
          .map((x) => ({ file: join(chart.dir, x), doc: 0, pointer: '' }));
        out.push({
          name,
          namespace: str(dest.namespace) ?? 'default',
          via: `Argo CD Application ${str(meta.name) ?? ''} (${f.path})`,
          layers: [...own, ...layers],
          unreadable: files.filter((x) => x.startsWith('$')),
        });
      }
    }
    if (doc.kind === 'HelmRelease' && str(doc.apiVersion)?.startsWith('helm.toolkit.fluxcd.io/')) {
      const chartSpec = isObj(spec.chart) && isObj(spec.chart.spec) ? spec.chart.spec : {};
      if (norm(str(chartSpec.chart) ?? '\u0000') !== chart.dir) return;
      const inline = isObj(spec.values) ? [{ file: f.path, doc: i, pointer: '/spec/values' }] : [];
      const from = (Array.isArray(spec.valuesFrom) ? spec.valuesFrom : [])
        .filter(isObj)
        .map((x) => `${str(x.kind) ?? '?'}/${str(x.name) ?? '?'}`);
      const name = str(meta.name) ?? chart.name;
      const target = str(spec.targetNamespace);
      out.push({
        // Flux: "Defaults to a composition of '[TargetNamespace-]Name'" (HelmReleaseSpec.ReleaseName).
        name: str(spec.releaseName) ?? (target ? `${target}-${name}` : name),
        namespace: target ?? str(meta.namespace) ?? 'default',
        via: `Flux HelmRelease ${str(meta.name) ?? ''} (${f.path})`,
        layers: [...own, ...inline],
        unreadable: from,
        fluxRelease: { name, namespace: str(meta.namespace) ?? 'default' },
      });
    }
    if (/(^|\/)helmfile\.ya?ml$/.test(f.path) && Array.isArray(doc.releases)) {
      for (const r of doc.releases.filter(isObj).filter((x) => join(dir, str(x.chart) ?? '\u0000') === chart.dir)) {
        const files = (Array.isArray(r.values) ? r.values : []).filter(
          (x): x is string => typeof x === 'string' && !x.includes('{{'),
        );
        out.push({
          name: str(r.name) ?? chart.name,
          namespace: str(r.namespace) ?? 'default',
          via: `helmfile release ${str(r.name) ?? ''} (${f.path})`,
          layers: [...own, ...files.map((x) => ({ file: join(dir, x), doc: 0, pointer: '' }))],
          unreadable: [],
        });
      }
    }
  });
  return out;
}

/**
 * The releases of a chart the snapshot describes; without any, the chart with its own values (as
 * `helm template` renders it). A layer whose file is not in the snapshot is reported as unreadable.
 */
export function releasesOf(chart: Chart, files: ChartFile[]): Release[] {
  const own: ValuesLayer[] = chart.values ? [{ file: chart.values.path, doc: 0, pointer: '' }] : [];
  const known = new Set(files.map((f) => f.path));
  const found = files
    .filter((f) => /(^|\/)helmfile\.ya?ml$/.test(f.path) || /\bkind:\s*(Application|HelmRelease)\b/.test(f.text))
    .flatMap((f) => releasesIn(f, chart, own));
  const releases = found.length
    ? found
    : [{ name: 'release-name', namespace: 'default', via: 'the chart defaults', layers: own, unreadable: [] }];
  return releases.map((r) => ({
    ...r,
    layers: r.layers.filter((l) => known.has(l.file)),
    unreadable: [...r.unreadable, ...r.layers.filter((l) => !known.has(l.file)).map((l) => l.file)],
  }));
}
