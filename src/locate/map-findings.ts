/**
 * Maps findings to the workload and container that define them in the repo, and merges what several tools
 * report about the same (resource, container, remediation) into one MappedFinding. Each finding is mapped
 * by the most specific thing it carries: file + line, file + document index, then identity.
 */
import type { ContainerRef, Finding, FindingSource, UnmappedFinding, Workload } from '../model.js';
import type { IndexedFile, ManifestIndex } from './index-manifests.js';
import { identityKey } from './index-manifests.js';
import { normaliseFindingPath, symlinkEscape } from './safe-path.js';
import { type ContainerCode, selectContainer } from './select-container.js';

export type MappingRule = 'file+line' | 'file+doc' | 'file+identity' | 'identity' | 'identity-any-namespace';

export type UnmappedCode =
  | 'no-automatic-fix'
  | 'unsafe-path'
  | 'outside-paths'
  | 'file-not-found'
  | 'ambiguous-path'
  | 'helm-template'
  | 'file-unparseable'
  | 'not-kubernetes'
  | 'document-not-found'
  | 'not-a-workload'
  | 'identity-mismatch'
  | 'no-identity'
  | 'not-found'
  | 'multiple-definitions'
  | ContainerCode;

export interface MappedFinding {
  remediation: string;
  workload: Workload;
  container: ContainerRef | null;
  /** Every tool + rule that reported it, without repeats. */
  sources: FindingSource[];
  findings: Finding[];
  /** Which mapping rule matched (of the first finding merged here). */
  rule: MappingRule;
}

export interface MapOptions {
  /** Absolute repo root on disk, for symlink checks. Default: none (snapshot from the API, no symlinks to follow). */
  root?: string;
  /** The configured include/exclude paths. Default: every file is included. */
  isIncluded?: (path: string) => boolean;
  /** Directory the scanner ran in, stripped from finding paths. Default: none. */
  pathPrefix?: string;
}

type Step<T> = { ok: true; value: T } | { ok: false; code: UnmappedCode; reason: string };
type Located = { workload: Workload; rule: MappingRule };

function fail<T>(code: UnmappedCode, reason: string): Step<T> {
  return { ok: false, code, reason };
}

/** The indexed file a finding's path names: exact, else by unambiguous suffix (scanners print paths relative to where they ran). */
function findFile(index: ManifestIndex, path: string): Step<IndexedFile> {
  const exact = index.files.get(path);
  if (exact) return { ok: true, value: exact };
  const matches = [...index.files.values()].filter((f) => f.path.endsWith(`/${path}`) || path.endsWith(`/${f.path}`));
  if (matches.length === 1 && matches[0]) return { ok: true, value: matches[0] };
  if (matches.length > 1) return fail('ambiguous-path', `${path} matches ${matches.length} files (${matches.map((m) => m.path).slice(0, 5).join(', ')}); set a path prefix`);
  return fail('file-not-found', `${path} is not in the repository (the report may be older than the checkout, or from another directory)`);
}

function sameObject(w: Workload, f: Finding): boolean {
  const r = f.resource;
  return !r || ((!r.kind || r.kind === w.id.kind) && (!r.name || r.name === w.id.name));
}

function describeResource(f: Finding): string {
  const r = f.resource ?? {};
  return `${r.kind ?? '?'}/${r.namespace ? `${r.namespace}/` : ''}${r.name ?? '?'}`;
}

/** The document containing the line; a line in a document's leading comments belongs to that document. */
function docAtLine(file: IndexedFile, line: number): number | undefined {
  const doc = file.docs.find((d) => line <= d.lines.end);
  return doc?.index;
}

function locateInFile(file: IndexedFile, f: Finding): Step<Located> {
  if (file.helmTemplate) return fail('helm-template', `${file.path} is a Helm template; fix the chart's values or template by hand`);
  if (file.error) return fail('file-unparseable', `${file.path}: ${file.error.message}`);
  if (!file.kubernetes) return fail('not-kubernetes', `${file.path} holds no Kubernetes objects`);
  const loc = f.location;
  let candidates: Workload[];
  let rule: MappingRule;
  if (loc?.startLine !== undefined) {
    const doc = docAtLine(file, loc.startLine);
    if (doc === undefined) return fail('document-not-found', `${file.path} has no document at line ${loc.startLine}`);
    const inDoc = file.workloads.filter((w) => w.doc === doc);
    const atLine = inDoc.filter((w) => w.lines && w.lines.start <= loc.startLine! && loc.startLine! <= w.lines.end);
    candidates = atLine.length ? atLine : inDoc.length === 1 ? inDoc : inDoc.filter((w) => sameObject(w, f));
    rule = 'file+line';
  } else if (loc?.doc !== undefined) {
    if (!file.docs.some((d) => d.index === loc.doc)) return fail('document-not-found', `${file.path} has no document ${loc.doc} now; the report is stale`);
    const inDoc = file.workloads.filter((w) => w.doc === loc.doc);
    candidates = inDoc.length > 1 ? inDoc.filter((w) => sameObject(w, f)) : inDoc;
    rule = 'file+doc';
  } else {
    candidates = f.resource?.name ? file.workloads.filter((w) => sameObject(w, f)) : file.workloads.length === 1 ? file.workloads : [];
    rule = 'file+identity';
  }
  const [workload, ...rest] = candidates;
  if (!workload) return fail('not-a-workload', `no pod template for ${describeResource(f)} at that place in ${file.path}`);
  if (rest.length) return fail('multiple-definitions', `${file.path} defines ${candidates.length} matching workloads; the finding does not say which`);
  // A stale report can point at a document that now holds another object.
  if (!sameObject(workload, f)) return fail('identity-mismatch', `${file.path} now defines ${workload.id.kind}/${workload.id.name} there, not ${describeResource(f)}; the report is stale`);
  return { ok: true, value: { workload, rule } };
}

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
    if (new RegExp(`^\\s*name:\\s*["']?${name.replace(/[^A-Za-z0-9.-]/g, '').replace(/\./g, '\\.')}["']?\\s*$`, 'm').test(file.text)) return true;
    const chart = chartName(index, file.path);
    return chart !== undefined && /^\s*name:\s*.*\{\{/m.test(file.text) && name.includes(chart);
  });
}

function locateByIdentity(index: ManifestIndex, f: Finding, included: (w: Workload) => boolean): Step<Located> {
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
    if (helm) return fail('helm-template', `${describeResource(f)} is not in a plain manifest; it is probably rendered from the Helm template ${helm.path}`);
    return fail('not-found', `no manifest in the repository defines ${describeResource(f)}`);
  }
  if (candidates.length > 1) {
    const files = [...new Set(candidates.map((w) => w.file))];
    return fail('multiple-definitions', `${describeResource(f)} is defined in ${candidates.length} places (${files.slice(0, 5).join(', ')}), e.g. kustomize overlays; kubemend does not guess which one`);
  }
  return { ok: true, value: { workload: candidates[0] as Workload, rule } };
}

function locate(f: Finding, index: ManifestIndex, opts: MapOptions): Step<Located> {
  const isIncluded = opts.isIncluded ?? (() => true);
  const safeOnDisk = (path: string): string | undefined => (opts.root ? symlinkEscape(opts.root, path) : undefined);
  if (f.location?.path) {
    const checked = normaliseFindingPath(f.location.path, opts.pathPrefix);
    if (!checked.ok) return fail('unsafe-path', checked.reason);
    const file = findFile(index, checked.path);
    if (!file.ok) return file;
    if (!isIncluded(file.value.path)) return fail('outside-paths', `${file.value.path} is outside the configured paths`);
    const escape = safeOnDisk(file.value.path);
    if (escape) return fail('unsafe-path', escape);
    return locateInFile(file.value, f);
  }
  const found = locateByIdentity(index, f, (w) => isIncluded(w.file));
  if (!found.ok) {
    // Say "outside the configured paths" rather than "not found" when an excluded file defines it.
    if (found.code === 'not-found' && locateByIdentity(index, f, () => true).ok) return fail('outside-paths', `${describeResource(f)} is defined only outside the configured paths`);
    return found;
  }
  const escape = safeOnDisk(found.value.workload.file);
  return escape ? fail('unsafe-path', escape) : found;
}

function mergeKey(m: Omit<MappedFinding, 'sources' | 'findings' | 'rule'>): string {
  const c = m.container ? `${m.container.type}/${m.container.index}` : '-';
  return [m.workload.file, m.workload.doc, m.workload.pointer, c, m.remediation].join('\u0000');
}

/** Maps findings to workloads + containers; dedupes (resource, container, remediation) across tools; refuses unsafe paths. */
export function mapFindings(findings: Finding[], index: ManifestIndex, opts: MapOptions = {}): { mapped: MappedFinding[]; unmapped: UnmappedFinding[] } {
  const merged = new Map<string, MappedFinding>();
  const unmapped: UnmappedFinding[] = [];
  for (const finding of findings) {
    const remediation = finding.remediation;
    if (!remediation) {
      unmapped.push({ finding, code: 'no-automatic-fix', reason: `${finding.tool} rule ${finding.ruleId} has no automatic fix in the catalog` });
      continue;
    }
    const located = locate(finding, index, opts);
    if (!located.ok) {
      unmapped.push({ finding, code: located.code, reason: located.reason });
      continue;
    }
    const choice = selectContainer(located.value.workload, finding);
    if (!choice.ok) {
      unmapped.push({ finding, code: choice.code, reason: choice.reason });
      continue;
    }
    const base = { remediation, workload: located.value.workload, container: choice.container };
    const key = mergeKey(base);
    const entry = merged.get(key) ?? { ...base, sources: [], findings: [], rule: located.value.rule };
    if (!entry.sources.some((s) => s.tool === finding.tool && s.ruleId === finding.ruleId)) entry.sources.push({ tool: finding.tool, ruleId: finding.ruleId });
    entry.findings.push(finding);
    merged.set(key, entry);
  }
  return { mapped: [...merged.values()], unmapped };
}
