/**
 * Issue 9's proof over the whole corpus (../shared/corpus: plain manifests and Kustomize layouts), with
 * kubemend's own detection, every patching remediation and the real defaults: no fix stops a workload
 * from starting or undoes a human's choice. Each property is checked on what was written (the documents
 * before and after), not on what the planner meant to do, and everything left failing has a typed reason.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { findWorkloads, isObject } from '../../src/locate/workloads.js';
import type { FileResult, SkipCode, Workload } from '../../src/model.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { nodeAgentEvidence } from '../../src/remediations/guards/node-agent.js';
import { partialManifest } from '../../src/remediations/guards/partial-manifest.js';
import { lookupImage, numericUser, runsAsRoot } from '../../src/remediations/images/lookup-image.js';
import { loadCatalog } from '../../src/remediations/index.js';
import { yaml11Boolean } from '../../src/remediations/predicates.js';
import { parseYamlFile } from '../../src/yaml.js';
import { SHARED } from '../shared-dir.js';

const CORPUS = join(SHARED, 'corpus');
const catalog = loadCatalog();
const CODES: SkipCode[] = [
  'already-compliant',
  'disabled',
  'exempted',
  'conflict',
  'report-only',
  'explicit-value',
  'image-user',
  'image-root',
  'image-writes',
  'node-agent',
  'partial-manifest',
  'needs-value',
  'file-error',
  'patch-refused',
  'not-converged',
  'kustomize-unplaced',
  'render-mismatch',
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
}

/** One run per repository snapshot: every plain manifest alone, every Kustomize layout as a whole. */
function snapshots(): Array<Array<{ path: string; text: string }>> {
  const read = (root: string, f: string) => ({ path: relative(root, f), text: readFileSync(f, 'utf8') });
  const files = walk(join(CORPUS, 'files'))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => [read(join(CORPUS, 'files'), f)]);
  const layouts = readdirSync(join(CORPUS, 'kustomize'))
    .filter((d) => statSync(join(CORPUS, 'kustomize', d)).isDirectory())
    .map((d) =>
      walk(join(CORPUS, 'kustomize', d))
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => read(join(CORPUS, 'kustomize', d), f)),
    );
  return [...files, ...layouts];
}

function workloads(text: string, path: string): Workload[] {
  return parseYamlFile(text).docs.flatMap((d) => (d.value === undefined ? [] : findWorkloads(d.value, path, d.index)));
}

function sc(v: unknown): Record<string, unknown> {
  return isObject(v) && isObject(v.securityContext) ? v.securityContext : {};
}

function containers(w: Workload): Array<Record<string, unknown>> {
  return ['initContainers', 'containers'].flatMap((t) =>
    Array.isArray(w.podSpec[t]) ? (w.podSpec[t] as unknown[]).filter(isObject) : [],
  );
}

/** The explicit insecure values of a workload a human wrote, keyed by where they are. */
function explicitValues(w: Workload): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const k of ['hostNetwork', 'hostPID', 'hostIPC', 'automountServiceAccountToken'])
    if (yaml11Boolean(w.podSpec[k]) === true) out.set(`pod.${k}`, w.podSpec[k]);
  const podSc = sc(w.podSpec);
  if (podSc.runAsNonRoot !== undefined && yaml11Boolean(podSc.runAsNonRoot) === false)
    out.set('pod.runAsNonRoot', podSc.runAsNonRoot);
  if (isObject(podSc.seccompProfile) && podSc.seccompProfile.type === 'Unconfined')
    out.set('pod.seccomp', 'Unconfined');
  for (const c of containers(w)) {
    const s = sc(c);
    const at = `container ${String(c.name)}`;
    if (yaml11Boolean(s.privileged) === true) out.set(`${at}.privileged`, s.privileged);
    if (yaml11Boolean(s.allowPrivilegeEscalation) === true)
      out.set(`${at}.allowPrivilegeEscalation`, s.allowPrivilegeEscalation);
    if (s.readOnlyRootFilesystem !== undefined && yaml11Boolean(s.readOnlyRootFilesystem) === false)
      out.set(`${at}.readOnlyRootFilesystem`, s.readOnlyRootFilesystem);
    if (s.runAsNonRoot !== undefined && yaml11Boolean(s.runAsNonRoot) === false)
      out.set(`${at}.runAsNonRoot`, s.runAsNonRoot);
    if (isObject(s.capabilities) && Array.isArray(s.capabilities.add))
      out.set(`${at}.capabilities.add`, JSON.stringify(s.capabilities.add));
    if (isObject(s.seccompProfile) && s.seccompProfile.type === 'Unconfined') out.set(`${at}.seccomp`, 'Unconfined');
  }
  return out;
}

function valueNow(w: Workload, key: string): unknown {
  return explicitValues(w).get(key);
}

/** Containers of `after` given runAsNonRoot by kubemend although their image runs as root or a name, with no non-zero runAsUser. */
function rootImagesMadeNonRoot(before: Workload, after: Workload): string[] {
  return containers(after).flatMap((c, i) => {
    const was = containers(before)[i] ?? {};
    const nonRoot = (x: Record<string, unknown>) => (sc(x).runAsNonRoot ?? sc(after.podSpec).runAsNonRoot) === true;
    const beforeNonRoot = (sc(was).runAsNonRoot ?? sc(before.podSpec).runAsNonRoot) === true;
    if (!nonRoot(c) || beforeNonRoot) return [];
    const uid = sc(c).runAsUser ?? sc(after.podSpec).runAsUser;
    if (typeof uid === 'number' && uid > 0) return [];
    const entry = lookupImage(catalog.images, c.image);
    return entry && (runsAsRoot(entry) || numericUser(entry) === undefined)
      ? [`${after.file} ${after.id.kind}/${after.id.name} ${String(c.name)} (${String(c.image)})`]
      : [];
  });
}

describe('the corpus with every patching remediation and the real defaults', () => {
  const results: FileResult[] = snapshots().flatMap(
    (files) => runPipeline(files, { catalog, config: defaultConfig() }).files,
  );
  const pairs = results.flatMap((f) => {
    const before = workloads(f.before, f.path);
    const after = workloads(f.after, f.path);
    return before.map((b) => ({
      file: f,
      before: b,
      after: after.find((a) => a.doc === b.doc && a.pointer === b.pointer) as Workload,
    }));
  });

  it('adds runAsNonRoot to no container whose image runs as root or a user name, without a runAsUser', () => {
    expect(pairs.flatMap((p) => rootImagesMadeNonRoot(p.before, p.after))).toEqual([]);
  });

  it('changes no explicit value (privileged, allowPrivilegeEscalation, readOnlyRootFilesystem, runAsNonRoot, host namespaces, capabilities.add, Unconfined, automount)', () => {
    const changed = pairs.flatMap((p) =>
      [...explicitValues(p.before)]
        .filter(([k, v]) => valueNow(p.after, k) !== v)
        .map(([k]) => `${p.file.path} ${p.before.id.name} ${k}`),
    );
    expect(changed).toEqual([]);
    // The corpus does hold explicit values, so the property is not vacuous.
    expect(pairs.filter((p) => explicitValues(p.before).size > 0).length).toBeGreaterThan(20);
  });

  it('removes no host setting from a node agent, and gives none runAsNonRoot or a read-only root', () => {
    const agents = pairs.filter((p) => nodeAgentEvidence(p.before));
    expect(agents.length).toBeGreaterThan(5);
    const broken = agents.flatMap((p) => {
      const lost = [...explicitValues(p.before)].filter(([k, v]) => valueNow(p.after, k) !== v).map(([k]) => k);
      const added = containers(p.after).flatMap((c, i) => {
        const was = sc(containers(p.before)[i]);
        return (['runAsNonRoot', 'readOnlyRootFilesystem'] as const).filter(
          (k) => sc(c)[k] === true && was[k] !== true,
        );
      });
      return [...lost, ...added].map((k) => `${p.file.path} ${p.before.id.name} ${k}`);
    });
    expect(broken).toEqual([]);
  });

  it('gives no partial manifest (Kustomize patch, workload without images) a single value', () => {
    const partial = results.flatMap((f) => {
      const marked = new Set(f.skipped.filter((s) => s.code === 'partial-manifest').map((s) => s.doc));
      return [...marked].map((doc) => ({ f, doc }));
    });
    expect(partial.length).toBeGreaterThan(3);
    const touched = partial.filter(({ f, doc }) => {
      const b = parseYamlFile(f.before).docs[doc ?? 0];
      const a = parseYamlFile(f.after).docs[doc ?? 0];
      return f.before.slice(b?.range[0], b?.range[1]) !== f.after.slice(a?.range[0], a?.range[1]);
    });
    expect(touched.map(({ f }) => f.path)).toEqual([]);
    // Every image-less workload is reported as partial, never fixed.
    const imageless = pairs.filter(
      (p) =>
        partialManifest(p.before) &&
        p.file.fixes.some((x) => x.doc === p.before.doc && x.resource.name === p.before.id.name),
    );
    expect(imageless.map((p) => p.file.path)).toEqual([]);
  });

  it('reports everything left failing with a typed reason; the figures', () => {
    const skipped = results.flatMap((f) => f.skipped);
    expect(skipped.filter((s) => !CODES.includes(s.code) || !s.reason)).toEqual([]);
    const byCode: Record<string, number> = {};
    for (const s of skipped) byCode[s.code] = (byCode[s.code] ?? 0) + 1;
    const fixes = results.reduce((n, f) => n + f.fixes.length, 0);
    // The guards' effect on the corpus, for the record (and to notice when a change moves them).
    expect({ files: results.length, fixes, ...byCode }).toMatchInlineSnapshot(`
      {
        "conflict": 80,
        "exempted": 98,
        "explicit-value": 40,
        "files": 442,
        "fixes": 2293,
        "image-root": 189,
        "image-user": 188,
        "image-writes": 101,
        "needs-value": 1662,
        "node-agent": 64,
        "partial-manifest": 52,
        "report-only": 245,
      }
    `);
  });
});
