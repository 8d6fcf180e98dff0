/**
 * kustomize's own end-to-end cases (../shared/peers/kustomize-krusty, api/krusty/*_test.go) run through the
 * model: every case that uses only modelled features must render exactly the expected resources, in order
 * (compared as parsed objects: formatting and key order aside), and every case kustomize expects to fail
 * must fail. Cases outside the model are skipped with the reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildKustomizeModel, renderRoot } from '../../src/locate/kustomize/index.js';
import { unmodelledIn } from '../../src/locate/kustomize/closure.js';
import { parseYamlFile } from '../../src/yaml.js';
import { extractTests, type KrustyCase } from './kustomize-krusty-cases.js';

const DIR = new URL('../../../shared/peers/kustomize-krusty/', import.meta.url);

const files = readdirSync(DIR).filter((f) => f.endsWith('_test.go')).sort();
const tests = files.flatMap((f) => extractTests(readFileSync(new URL(f, DIR), 'utf8')).map((t) => ({ ...t, file: f })));

/** Why a case is outside the model, or undefined when it is modelled. */
function skipReason(c: KrustyCase): string | undefined {
  if (c.unsupported) return c.unsupported;
  if (c.expected === undefined && !c.expectError) return 'no assertion on the output';
  const model = buildKustomizeModel(c.files);
  if (!model.kustomizations.has(c.dir)) return c.expectError ? undefined : `no kustomization in ${c.dir}`;
  return unmodelledIn(model, c.dir);
}

function expectedObjects(yaml: string): unknown[] {
  return parseYamlFile(yaml).docs.map((d) => d.value).filter((v) => v !== null && v !== undefined);
}

const all = tests.flatMap((t) => t.cases.map((c) => ({ file: t.file, c, skip: skipReason(c) })));
const modelled = all.filter((x) => !x.skip);

describe('kustomize krusty cases', () => {
  it('are extracted', () => {
    const unextractable = tests.filter((t) => t.unextractable);
    console.log(`krusty: ${files.length} files, ${tests.length} tests, ${unextractable.length} not followed; ${all.length} builds, ${modelled.length} modelled`);
    const reasons = new Map<string, number>();
    for (const x of all) if (x.skip) reasons.set(x.skip.replace(/^[^:]*kustomization\.yaml: /, '').replace(/ \(.*$/, ''), (reasons.get(x.skip.replace(/^[^:]*kustomization\.yaml: /, '').replace(/ \(.*$/, '')) ?? 0) + 1);
    console.log([...reasons].sort((a, b) => b[1] - a[1]).map(([r, n]) => `  ${n} × ${r}`).join('\n'));
    for (const t of unextractable) console.log(`  not followed: ${t.file} ${t.name}: ${t.unextractable}`);
    expect(modelled.length).toBeGreaterThan(0);
  });

  for (const { file, c } of modelled) {
    it(`${file} ${c.name}`, () => {
      const model = buildKustomizeModel(c.files);
      const result = renderRoot(model, c.files, c.dir);
      if (c.expectError) {
        expect(result.ok).toBe(false);
        return;
      }
      if (!result.ok) throw new Error(result.reason);
      expect(result.resources.map((r) => r.object)).toEqual(expectedObjects(c.expected ?? ''));
    });
  }
});
