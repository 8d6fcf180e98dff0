/**
 * Issue 14's proof on the real Kustomize layouts of ../shared/corpus/kustomize: findings taken from each
 * root's rendering, given with identity only (kind, name, namespace, container: what a cluster scan
 * reports), are fixed at their source; every root still renders afterwards and changes only in the fields
 * kubemend owns; kubemend's own detection leaves every patch file alone. Resource values are configured and
 * the guards lifted (MECHANICS) so that placement, not policy, is measured; the figures are snapshotted.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSchema, defaultConfig } from '../../src/config/schema.js';
import { buildKustomizeModel, renderRoot } from '../../src/locate/kustomize/index.js';
import { findWorkloads, isObject } from '../../src/locate/workloads.js';
import type { Finding } from '../../src/model.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { detect, loadCatalog } from '../../src/remediations/index.js';
import { MECHANICS } from '../remediations/helpers.js';
import { SHARED } from '../shared-dir.js';

const CORPUS = join(SHARED, 'corpus', 'kustomize');
const catalog = loadCatalog();
const config = ConfigSchema.parse(MECHANICS);
const walk = (d: string): string[] =>
  readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const layouts = readdirSync(CORPUS).filter((d) => statSync(join(CORPUS, d)).isDirectory());

function filesOf(layout: string): Array<{ path: string; text: string }> {
  const dir = join(CORPUS, layout);
  return walk(dir).map((f) => ({ path: relative(dir, f), text: readFileSync(f, 'utf8') }));
}

/** What a cluster scan of every modelled root reports: one finding per failing check, identity only. */
function renderedFindings(files: Array<{ path: string; text: string }>): { findings: Finding[]; unmodelled: string[] } {
  const model = buildKustomizeModel(files);
  const findings: Finding[] = [];
  const unmodelled: string[] = [];
  for (const root of model.roots) {
    const r = renderRoot(model, files, root);
    if (!r.ok) {
      unmodelled.push(`${root}: ${r.reason}`);
      continue;
    }
    for (const res of r.resources) {
      for (const w of findWorkloads(res.object, 'rendered', 0)) {
        for (const v of detect(w, catalog, config).filter((x) => !x.skip)) {
          const resource = {
            kind: res.id.kind,
            name: res.id.name,
            ...(res.id.namespace ? { namespace: res.id.namespace } : {}),
          };
          findings.push({
            tool: 'cluster-scan',
            ruleId: v.remediation,
            remediation: v.remediation,
            message: v.message,
            resource,
            ...(v.container ? { container: { name: v.container.name, type: v.container.type } } : {}),
          });
        }
      }
    }
  }
  return { findings, unmodelled };
}

/** Owned fields: what remediations write (securityContext, resources, host namespaces, automount). */
const OWNED = /\/(securityContext|resources|hostNetwork|hostPID|hostIPC|automountServiceAccountToken)(\/|$)/;

function diffs(a: unknown, b: unknown, at = ''): string[] {
  if (isObject(a) && isObject(b))
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) => diffs(a[k], b[k], `${at}/${k}`));
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length)
    return a.flatMap((x, i) => diffs(x, b[i], `${at}/${i}`));
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [at];
}

describe.each(layouts)('%s', (layout) => {
  const files = filesOf(layout);
  const { findings, unmodelled } = renderedFindings(files);
  const result = runPipeline(files, { catalog, config, findings });
  const patched = files.map((f) => ({
    path: f.path,
    text: result.files.find((r) => r.path === f.path)?.after ?? f.text,
  }));
  const created = result.files.filter((f) => f.created).map((f) => ({ path: f.path, text: f.after }));

  it('fixes at least 95% of what each modelled root renders; the rest is reported with a reason', () => {
    const fixed = result.files.reduce((n, f) => n + f.fixes.length, 0);
    const reported = [
      ...result.unmapped.map((u) => u.code),
      ...result.files.flatMap((f) => f.skipped.filter((s) => s.code !== 'already-compliant').map((s) => s.code)),
    ];
    // A finding several environments share is one fix of their base: count findings no longer failing.
    const after = renderedFindings([...patched, ...created]).findings;
    expect(after.length).toBeLessThanOrEqual(Math.floor(findings.length * 0.05));
    expect({
      findings: findings.length,
      fixes: fixed,
      leftFailing: after.length,
      reported,
      unmodelled,
    }).toMatchSnapshot();
  });

  it('every root still renders, changed only in the fields kubemend owns', () => {
    const before = buildKustomizeModel(files);
    const afterModel = buildKustomizeModel([...patched, ...created]);
    for (const root of before.roots) {
      const b = renderRoot(before, files, root);
      const a = renderRoot(afterModel, [...patched, ...created], root);
      expect(a.ok).toBe(b.ok);
      if (!a.ok || !b.ok) continue;
      expect(a.resources.map((r) => `${r.id.kind}/${r.id.name}`)).toEqual(
        b.resources.map((r) => `${r.id.kind}/${r.id.name}`),
      );
      const outside = b.resources.flatMap((r, i) =>
        diffs(r.object, a.resources[i]?.object).filter((p) => !OWNED.test(p)),
      );
      expect(outside).toEqual([]);
    }
  });

  it("kubemend's own detection leaves every patch file's overrides intact", () => {
    const model = buildKustomizeModel(files);
    const patches = new Set(
      [...model.kustomizations.values()].flatMap((k) => k.patches.flatMap((p) => (p.file ? [p.file] : []))),
    );
    const own = runPipeline(files, { catalog, config: defaultConfig() });
    expect(own.files.filter((f) => patches.has(f.path) && f.changed).map((f) => f.path)).toEqual([]);
  });
});
