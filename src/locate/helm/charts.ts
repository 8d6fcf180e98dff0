/**
 * The Helm charts of a repository snapshot: every directory with a `Chart.yaml`, its templates (rendered
 * files and `_*.tpl` helpers), its `values.yaml`, and the library charts it carries under `charts/` (their
 * helpers are in scope, as Helm loads them). Application subcharts are listed so their templates are
 * reported, not silently dropped. https://helm.sh/docs/topics/charts/#the-chart-file-structure
 */
import { parse } from 'yaml';
import { isObj } from './evaluate.js';

export interface ChartFile {
  path: string;
  text: string;
}

export interface Chart {
  /** Repo-relative directory ('' for the root). */
  dir: string;
  name: string;
  /** Chart.yaml as parsed. */
  meta: Record<string, unknown>;
  /** Files under `templates/` (rendered ones and helpers). */
  templates: ChartFile[];
  /** The chart's own `values.yaml`, when present. */
  values?: ChartFile;
  /** Charts under `charts/`; library charts only contribute helpers. */
  subcharts: Chart[];
  library: boolean;
}

const CHART_FILE = /(^|\/)Chart\.ya?ml$/;

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function under(dir: string, path: string): string | undefined {
  if (!dir) return path;
  return path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : undefined;
}

function chartAt(dir: string, chartText: string, files: ChartFile[]): Chart {
  let meta: Record<string, unknown> = {};
  try {
    const parsed: unknown = parse(chartText);
    if (isObj(parsed)) meta = parsed;
  } catch {
    // A Chart.yaml that does not parse names no chart; the directory is still one (Helm would refuse it).
  }
  const own = files.filter((f) => {
    const rel = under(dir, f.path);
    return rel !== undefined && !rel.startsWith('charts/');
  });
  const templates = own.filter((f) => under(dir, f.path)?.startsWith('templates/'));
  const values = own.find((f) => under(dir, f.path) === 'values.yaml' || under(dir, f.path) === 'values.yml');
  const subcharts = files
    .filter((f) => CHART_FILE.test(f.path) && under(dir, dirOf(dirOf(f.path))) === 'charts')
    .map((f) =>
      chartAt(
        dirOf(f.path),
        f.text,
        files.filter((x) => under(dirOf(f.path), x.path) !== undefined),
      ),
    );
  return {
    dir,
    name: typeof meta.name === 'string' ? meta.name : (dir.split('/').pop() ?? 'chart'),
    meta,
    templates,
    ...(values ? { values } : {}),
    subcharts,
    library: meta.type === 'library',
  };
}

/** The top-level charts of the snapshot (charts under another chart's `charts/` are its subcharts). */
export function findCharts(files: ChartFile[]): Chart[] {
  const dirs = files.filter((f) => CHART_FILE.test(f.path)).map((f) => ({ dir: dirOf(f.path), text: f.text }));
  const nested = (d: string) =>
    /(^|\/)charts\/[^/]+$/.test(d) && dirs.some((o) => o.dir !== d && under(o.dir, d)?.startsWith('charts/'));
  return dirs
    .filter((d) => !nested(d.dir))
    .map((d) =>
      chartAt(
        d.dir,
        d.text,
        files.filter((f) => under(d.dir, f.path) !== undefined),
      ),
    );
}

/** The chart a repo path belongs to (its templates, values, or Chart.yaml), if any. */
export function chartOf(charts: Chart[], path: string): Chart | undefined {
  return charts.filter((c) => under(c.dir, path) !== undefined).sort((a, b) => b.dir.length - a.dir.length)[0];
}
