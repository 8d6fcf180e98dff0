/**
 * Maps findings to the workload and container that define them in the repo, and merges what several tools
 * report about the same (resource, container, remediation) into one MappedFinding. Each finding is mapped
 * by the most specific thing it carries: file + line, file + document index, then identity.
 */
import type { ContainerRef, Finding, FindingSource, UnmappedFinding, Workload } from '../model.js';
import type { ManifestIndex } from './index-manifests.js';
import { locateByIdentity } from './locate-by-identity.js';
import { type KustomizeLocated, type KustomizeView, locateInKustomize } from './locate-in-kustomize.js';
import { describeResource, findFile, locateInFile } from './locate-in-file.js';
import { normaliseFindingPath, resolveLinkInRoot, symlinkEscape } from './safe-path.js';
import { selectContainer } from './select-container.js';
import { type Located, type MappingRule, type Step, fail } from './step.js';

export type { MappingRule, UnmappedCode } from './step.js';

export interface MappedFinding {
  remediation: string;
  workload: Workload;
  container: ContainerRef | null;
  /** Every tool + rule that reported it, without repeats. */
  sources: FindingSource[];
  findings: Finding[];
  /** Which mapping rule matched (of the first finding merged here). */
  rule: MappingRule;
  /** For a resource rendered by Kustomize roots: the rendering, the roots; `workload` is the rendered one. */
  kustomize?: KustomizeLocated;
}

export interface MapOptions {
  /** Absolute repo root on disk, for symlink checks; absolute finding paths under it are made relative. Default: none (snapshot from the API). */
  root?: string;
  /** The configured include/exclude paths. Default: every file is included. */
  isIncluded?: (path: string) => boolean;
  /** Directory the scanner ran in, stripped from finding paths. Default: none. */
  pathPrefix?: string;
  /** The repository's Kustomize model, for findings on rendered resources. Default: none (identity only). */
  kustomize?: KustomizeView;
}

function locate(f: Finding, index: ManifestIndex, opts: MapOptions): Step<Located> {
  const isIncluded = opts.isIncluded ?? (() => true);
  const safeOnDisk = (path: string): string | undefined => (opts.root ? symlinkEscape(opts.root, path) : undefined);
  if (f.location?.path) {
    // An absolute path inside the repo on disk (a scan of this checkout) is as good as a relative one.
    const checked = normaliseFindingPath(f.location.path, opts.pathPrefix, opts.root);
    if (!checked.ok) return fail('unsafe-path', checked.reason);
    // A finding on a symbolic link is a finding on the file it names (the one in the index).
    const file = findFile(index, opts.root ? resolveLinkInRoot(opts.root, checked.path) : checked.path);
    if (!file.ok) return file;
    if (!isIncluded(file.value.path))
      return fail('outside-paths', `${file.value.path} is outside the configured paths`);
    const escape = safeOnDisk(file.value.path);
    if (escape) return fail('unsafe-path', escape);
    return locateInFile(file.value, f);
  }
  const rendered = opts.kustomize ? locateInKustomize(opts.kustomize, index, f) : undefined;
  if (rendered)
    return rendered.ok
      ? { ok: true, value: { workload: rendered.value.workload, rule: 'kustomize', kustomize: rendered.value } }
      : rendered;
  const found = locateByIdentity(index, f, (w) => isIncluded(w.file));
  if (!found.ok) {
    // Say "outside the configured paths" rather than "not found" when an excluded file defines it.
    if (found.code === 'not-found' && locateByIdentity(index, f, () => true).ok)
      return fail('outside-paths', `${describeResource(f)} is defined only outside the configured paths`);
    return found;
  }
  const escape = safeOnDisk(found.value.workload.file);
  return escape ? fail('unsafe-path', escape) : found;
}

function mergeKey(m: Omit<MappedFinding, 'sources' | 'findings' | 'rule'>): string {
  const c = m.container ? `${m.container.type}/${m.container.index}` : '-';
  const roots = m.kustomize ? `kustomize:${m.kustomize.roots.join(',')}:${m.kustomize.rendered.id.name}` : '';
  return [m.workload.file, m.workload.doc, m.workload.pointer, c, m.remediation, roots].join('\u0000');
}

/** Maps findings to workloads + containers; dedupes (resource, container, remediation) across tools; refuses unsafe paths. */
export function mapFindings(
  findings: Finding[],
  index: ManifestIndex,
  opts: MapOptions = {},
): { mapped: MappedFinding[]; unmapped: UnmappedFinding[] } {
  const merged = new Map<string, MappedFinding>();
  const unmapped: UnmappedFinding[] = [];
  for (const finding of findings) {
    const remediation = finding.remediation;
    if (!remediation) {
      unmapped.push({
        finding,
        code: 'no-automatic-fix',
        reason: `${finding.tool} rule ${finding.ruleId} has no automatic fix in the catalog`,
      });
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
    const k = located.value.kustomize;
    const base = {
      remediation,
      workload: located.value.workload,
      container: choice.container,
      ...(k ? { kustomize: k } : {}),
    };
    const key = mergeKey(base);
    const entry = merged.get(key) ?? { ...base, sources: [], findings: [], rule: located.value.rule };
    if (!entry.sources.some((s) => s.tool === finding.tool && s.ruleId === finding.ruleId))
      entry.sources.push({ tool: finding.tool, ruleId: finding.ruleId });
    entry.findings.push(finding);
    merged.set(key, entry);
  }
  return { mapped: [...merged.values()], unmapped };
}
