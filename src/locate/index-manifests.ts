/**
 * The repo index: every manifest file parsed once (YAML through `parseYamlFile`; JSON is YAML 1.2 flow, so
 * the same parser gives JSON files their line ranges too), its pod templates enumerated with their line
 * ranges, and the workloads indexed by kind + name. Helm templates and non-Kubernetes YAML are recorded but
 * contribute no workloads.
 */
import { isNode } from 'yaml';
import type { Diagnostic, RepoFile, Workload } from '../model.js';
import { type ParsedDoc, type ParsedFile, type ParseMemory, parseYamlFile } from '../yaml.js';
import { markKustomizePatches } from './kustomize-patches.js';
import { findWorkloads, isObject } from './workloads.js';

/** A file of the repository snapshot (src/model.ts): the index reads its path and text. */
export type { RepoFile };

export interface IndexedDoc {
  index: number;
  value: unknown;
  /** 1-based inclusive line range of the document's content. */
  lines: { start: number; end: number };
  error?: Diagnostic;
}

export interface IndexedFile {
  path: string;
  text: string;
  format: 'yaml' | 'json';
  /**
   * The parse (ASTs with source tokens), only when indexed with `keepAst: true`: the ASTs take ~20x the
   * text in memory, and the patch stage re-parses the one file it edits anyway.
   */
  parsed?: ParsedFile;
  docs: IndexedDoc[];
  workloads: Workload[];
  /** File-level problem (too large). */
  error?: Diagnostic;
  /** A Go template (Helm): not YAML until rendered, so not parsed. */
  helmTemplate?: boolean;
  /** At least one document is a Kubernetes object (has `apiVersion` and `kind`). */
  kubernetes: boolean;
}

export interface ManifestIndex {
  files: Map<string, IndexedFile>;
  /** Every workload of every file, in file order. */
  workloads: Workload[];
  /** Workloads by `identityKey(kind, name)`; several entries when namespaces or files differ. */
  byIdentity: Map<string, Workload[]>;
}

/**
 * Go-template actions as Helm writes them. Plain manifests may hold `{{` in strings — Prometheus alert
 * templates (`{{ $labels.instance }}`), Argo Workflows parameters — so `{{` alone does not make a template.
 */
const HELM_MARKER =
  /\{\{-?\s*(?:\.Values\b|\.Release\b|\.Chart\b|\.Capabilities\b|\.Files\b|\.Template\b|if\b|else\b|range\b|end\b|with\b|include\b|template\b|define\b|toYaml\b|tpl\b|required\b)/;

export function identityKey(kind: string, name: string): string {
  return `${kind}\u0000${name}`;
}

/** Helm values files (`values.yaml`, `values-prod.yaml`, `ci/x-values.yaml`): YAML, whose `{{ }}` are strings for `tpl`. */
const VALUES_FILE = /(^|\/)([^/]*[-_.])?values([-_.][^/]*)?\.ya?ml$/i;

/** A Go template (Helm) rather than YAML: any `{{` in a chart's `templates/`, elsewhere a Helm action outside a values file. */
export function isHelmTemplate(path: string, text: string): boolean {
  if (!text.includes('{{')) return false;
  if (/(^|\/)templates\//.test(path)) return true;
  return !VALUES_FILE.test(path) && HELM_MARKER.test(text);
}

function isKubernetesObject(value: unknown): boolean {
  return isObject(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

/** The 1-based line range of the object at `pointer` ('' or '/items/N') in its document. */
function objectLines(doc: ParsedDoc, pointer: string, file: ParsedFile): { start: number; end: number } {
  const item = /^\/items\/(\d+)$/.exec(pointer);
  if (!item) return doc.lines;
  const node = doc.ast.getIn(['items', Number(item[1])], true);
  if (!isNode(node) || !node.range) return doc.lines;
  // range[1] ends at the value; range[2] also takes the whitespace up to the next token.
  const [start, end] = node.range;
  return { start: file.lineCounter.linePos(start).line, end: file.lineCounter.linePos(Math.max(start, end - 1)).line };
}

export interface IndexOptions {
  /** Keep each file's ASTs on `IndexedFile.parsed`. Default: false (memory: see IndexedFile.parsed). */
  keepAst?: boolean;
  /**
   * The run's parse memory (src/yaml-documents.ts): the patch stage reads the documents parsed here from it
   * instead of parsing the file again. Default: none.
   */
  memory?: ParseMemory;
}

/** Parses and indexes one file. */
export function indexFile(file: RepoFile, opts: IndexOptions = {}): IndexedFile {
  const format = /\.json$/i.test(file.path) ? 'json' : 'yaml';
  const base = { path: file.path, text: file.text, format } as const;
  if (isHelmTemplate(file.path, file.text))
    return { ...base, docs: [], workloads: [], helmTemplate: true, kubernetes: false };
  const parsed = parseYamlFile(file.text, { file: file.path, ...(opts.memory ? { memory: opts.memory } : {}) });
  const docs: IndexedDoc[] = parsed.docs.map((d) =>
    d.error
      ? { index: d.index, value: d.value, lines: d.lines, error: d.error }
      : { index: d.index, value: d.value, lines: d.lines },
  );
  const workloads: Workload[] = [];
  let kubernetes = false;
  for (const doc of parsed.docs) {
    if (!isKubernetesObject(doc.value)) continue;
    kubernetes = true;
    for (const w of findWorkloads(doc.value, file.path, doc.index)) {
      w.lines = objectLines(doc, w.pointer, parsed);
      workloads.push(w);
    }
  }
  const indexed: IndexedFile = { ...base, docs, workloads, kubernetes };
  if (opts.keepAst) indexed.parsed = parsed;
  if (parsed.diagnostics[0]) indexed.error = parsed.diagnostics[0];
  return indexed;
}

/**
 * Parses every file once (YAML via src/yaml.ts parseYamlFile; JSON manifests too), enumerates workloads
 * (findWorkloads) and fills Workload.lines; marks the workloads of Kustomize patch files partial. Skips
 * non-Kubernetes YAML and Helm templates but records them.
 */
export function indexManifests(files: RepoFile[], opts: IndexOptions = {}): ManifestIndex {
  const index = emptyIndex();
  for (const file of files) addToIndex(index, indexFile(file, opts));
  markKustomizePatches(index);
  return index;
}

export function emptyIndex(): ManifestIndex {
  return { files: new Map(), workloads: [], byIdentity: new Map() };
}

/** Adds an indexed file and its workloads to the index. */
export function addToIndex(index: ManifestIndex, indexed: IndexedFile): void {
  index.files.set(indexed.path, indexed);
  for (const w of indexed.workloads) {
    index.workloads.push(w);
    const key = identityKey(w.id.kind, w.id.name);
    const list = index.byIdentity.get(key);
    if (list) list.push(w);
    else index.byIdentity.set(key, [w]);
  }
}
