/**
 * Renders a chart's templates as `helm template` would for one release: values coalesced from its layers
 * (maps merged deeply, a null deletes; https://helm.sh/docs/chart_template_guide/values_files/), the
 * built-in objects (`.Release`, `.Chart`, `.Capabilities`, `.Template`), library subcharts' helpers in
 * scope, one output per template file. Each output keeps its traced segments (./segments.ts).
 */
import { parseYamlFile } from '../../yaml.js';
import type { Chart } from './charts.js';
import { HelmTemplateError } from './errors.js';
import { type EvalContext, type Origin, isObj, registerTree, renderTemplate } from './evaluate.js';
import type { Segment } from './segments.js';
import { type Node, type ParsedTemplate, parseTemplate } from './template-parse.js';
import type { Release, ValuesLayer } from './values-layers.js';

export interface RenderedTemplate {
  /** Repo path of the template file. */
  path: string;
  text: string;
  segments: Segment[];
  /** Where the objects the template printed came from (see evaluate.ts Origin). */
  origins: WeakMap<object, Origin>;
  error?: HelmTemplateError;
}

/** A chart's templates parsed once, with every helper in scope. */
export interface PreparedChart {
  chart: Chart;
  parsed: ParsedTemplate[];
  defines: Map<string, Node[]>;
  /** Templates that do not parse, with why. */
  errors: Map<string, HelmTemplateError>;
}

const KUBE = { Version: 'v1.31.0', Major: '1', Minor: '31', GitVersion: 'v1.31.0' };
/** The API versions `helm template` assumes without a cluster (chartutil.DefaultVersionSet, abridged). */
const API_VERSIONS = [
  'v1',
  'apps/v1',
  'batch/v1',
  'policy/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1',
  'storage.k8s.io/v1',
  'admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'certificates.k8s.io/v1',
];

function templatesOf(chart: Chart): Chart['templates'] {
  return [...chart.templates, ...chart.subcharts.filter((s) => s.library).flatMap(templatesOf)];
}

function rel(chart: Chart, path: string): string {
  return chart.dir ? path.slice(chart.dir.length + 1) : path;
}

export function prepareChart(chart: Chart): PreparedChart {
  const parsed: ParsedTemplate[] = [];
  const defines = new Map<string, Node[]>();
  const errors = new Map<string, HelmTemplateError>();
  for (const f of templatesOf(chart)) {
    try {
      const t = parseTemplate(f.text, f.path);
      parsed.push(t);
      for (const [k, body] of t.defines) defines.set(k, body);
      // Helm names every template file too: `include (print $.Template.BasePath "/x.yaml") .`.
      if (chart.templates.includes(f)) defines.set(`${chart.name}/${rel(chart, f.path)}`, t.nodes);
    } catch (err) {
      errors.set(f.path, asTemplateError(err, f.path));
    }
  }
  return { chart, parsed, defines, errors };
}

function valueAt(doc: unknown, pointer: string): unknown {
  let cur = doc;
  for (const t of pointer.split('/').slice(1))
    cur = isObj(cur) ? cur[t.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return cur;
}

/** A values document through the one YAML wrapper (its limits, and its memory of texts already parsed). */
function documentOf(file: string, text: string, doc: number): unknown {
  const parsed = parseYamlFile(text, { file });
  const d = parsed.docs[doc];
  const error = parsed.diagnostics[0] ?? d?.error;
  if (error) throw new HelmTemplateError('helm-template-error', `${file}: ${error.message}`);
  return d?.value;
}

/** Helm's coalescing of a later layer over an earlier one: maps merged, null deletes, anything else replaces. */
function coalesce(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (isObj(v) && isObj(out[k])) out[k] = coalesce(out[k] as Record<string, unknown>, v);
    else out[k] = v;
  }
  return out;
}

/** The values of a release, from the layers' current texts; a layer that does not parse throws. */
export function mergedValues(layers: ValuesLayer[], texts: Map<string, string>, chart: Chart): Record<string, unknown> {
  let values: Record<string, unknown> = {};
  for (const sub of chart.subcharts) {
    const v = sub.values ? documentOf(sub.values.path, sub.values.text, 0) : {};
    values[sub.name] = isObj(v) ? v : {};
  }
  for (const layer of layers) {
    const v = valueAt(documentOf(layer.file, texts.get(layer.file) ?? '', layer.doc), layer.pointer);
    if (v !== undefined && v !== null && !isObj(v))
      throw new HelmTemplateError('helm-template-error', `${layer.file}: the values are not a map`);
    values = coalesce(values, (v ?? {}) as Record<string, unknown>);
  }
  return structuredClone(values);
}

function capitalised(meta: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta))
    out[k === 'apiVersion' ? 'APIVersion' : k.charAt(0).toUpperCase() + k.slice(1)] = v;
  return out;
}

/** Renders every template file (not helpers, not NOTES.txt) of the chart with these values. */
export function renderChart(
  prepared: PreparedChart,
  values: Record<string, unknown>,
  release: Pick<Release, 'name' | 'namespace'>,
): RenderedTemplate[] {
  const { chart } = prepared;
  const out: RenderedTemplate[] = [];
  for (const t of prepared.parsed) {
    const name = rel(chart, t.file);
    if (!chart.templates.some((f) => f.path === t.file) || !/\.ya?ml$/.test(t.file) || /(^|\/)_[^/]*$/.test(t.file))
      continue;
    const ctx: EvalContext = {
      defines: new Map(prepared.defines),
      origins: new WeakMap(),
      at: { file: t.file, line: 1 },
      depth: 0,
    };
    const vals = structuredClone(values);
    registerTree(ctx, vals, []);
    const root = {
      Values: vals,
      Release: {
        Name: release.name,
        Namespace: release.namespace,
        Service: 'Helm',
        IsInstall: true,
        IsUpgrade: false,
        Revision: 1,
      },
      Chart: capitalised(chart.meta),
      Capabilities: {
        KubeVersion: KUBE,
        APIVersions: { Has: (v: unknown) => API_VERSIONS.includes(String(v)) },
        HelmVersion: { Version: 'v3.16.0' },
      },
      Template: { Name: `${chart.name}/${name}`, BasePath: `${chart.name}/templates` },
      Files: {
        Get: () => unsupported('.Files.Get'),
        Glob: () => unsupported('.Files.Glob'),
        AsConfig: () => unsupported('.Files'),
      },
    };
    try {
      const r = renderTemplate(ctx, t.nodes, { value: root });
      out.push({ path: t.file, text: r.text, segments: r.segments, origins: ctx.origins });
    } catch (err) {
      out.push({ path: t.file, text: '', segments: [], origins: ctx.origins, error: asTemplateError(err, t.file) });
    }
  }
  return out;
}

/**
 * A chart's template is input: whatever its evaluation throws (a bad regexp in `regexMatch`, JSON that does
 * not parse in `fromJson`, a stack too deep) is that template's error, reported with it, never the run's.
 */
function asTemplateError(err: unknown, file: string): HelmTemplateError {
  if (err instanceof HelmTemplateError) return err;
  return new HelmTemplateError(
    'helm-unsupported',
    `${file}: evaluation failed (${err instanceof Error ? `${err.name}: ${err.message}` : String(err)})`,
  );
}

function unsupported(what: string): never {
  throw new HelmTemplateError('helm-unsupported', `${what} reads chart files: not evaluated`);
}
