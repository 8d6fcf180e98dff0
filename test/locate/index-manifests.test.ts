import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { identityKey, indexManifests, indexManifestsParallel } from '../../src/locate/index.js';
import { repoFiles } from './repo.js';

describe('indexManifests', () => {
  const index = indexManifests(repoFiles());

  it('records every file, with what it is', () => {
    expect(
      [...index.files.values()].map((f) => [f.path, f.format, f.kubernetes, f.helmTemplate === true, f.docs.length]),
    ).toEqual([
      ['.github/workflows/ci.yml', 'yaml', false, false, 1],
      ['base/api.yaml', 'yaml', true, false, 1],
      ['charts/shop/Chart.yaml', 'yaml', false, false, 1],
      ['charts/shop/templates/deployment.yaml', 'yaml', false, true, 0],
      ['deploy/cron.json', 'json', true, false, 1],
      ['deploy/web.yaml', 'yaml', true, false, 2],
      ['deploy/worker.yaml', 'yaml', true, false, 1],
      ['overlays/prod/api.yaml', 'yaml', true, false, 1],
    ]);
  });

  it('enumerates workloads with their document, pointer and line range (List items in JSON too)', () => {
    expect(
      index.workloads.map((w) => [
        w.file,
        w.doc,
        w.pointer,
        w.podSpecPointer,
        `${w.id.kind}/${w.id.namespace ?? ''}/${w.id.name}`,
        w.lines,
      ]),
    ).toEqual([
      ['base/api.yaml', 0, '', '/spec/template/spec', 'Deployment//api', { start: 1, end: 10 }],
      [
        'deploy/cron.json',
        0,
        '/items/0',
        '/items/0/spec/jobTemplate/spec/template/spec',
        'CronJob//nightly-report',
        { start: 5, end: 22 },
      ],
      ['deploy/cron.json', 0, '/items/1', '/items/1/spec', 'Pod/ops/debug', { start: 23, end: 28 }],
      ['deploy/web.yaml', 1, '', '/spec/template/spec', 'Deployment//web', { start: 12, end: 34 }],
      ['deploy/worker.yaml', 0, '', '/spec/template/spec', 'Deployment/jobs/worker', { start: 1, end: 20 }],
      ['overlays/prod/api.yaml', 0, '', '/spec/template/spec', 'Deployment//api', { start: 1, end: 12 }],
    ]);
    expect(index.files.get('deploy/web.yaml')?.docs.map((d) => d.lines)).toEqual([
      { start: 2, end: 10 },
      { start: 12, end: 34 },
    ]);
  });

  it('indexes by kind + name across files', () => {
    expect(index.byIdentity.get(identityKey('Deployment', 'api'))?.map((w) => w.file)).toEqual([
      'base/api.yaml',
      'overlays/prod/api.yaml',
    ]);
    expect(index.byIdentity.get(identityKey('Deployment', 'shop'))).toBeUndefined();
  });

  it('records a malformed document with its error and keeps the rest of the file', () => {
    const bad = indexManifests([
      {
        path: 'bad.yaml',
        text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  containers: [{name: c, image: i}]\n',
      },
    ]);
    const file = bad.files.get('bad.yaml');
    expect(file?.docs[0]?.error?.code).toBe('yaml-parse-error');
    expect(file?.docs[0]?.error?.file).toBe('bad.yaml');
    expect(file?.workloads.map((w) => [w.id.name, w.doc, w.lines])).toEqual([['b', 1, { start: 5, end: 10 }]]);
  });

  it('a too-large file is recorded with its error and no workloads', () => {
    const big = indexManifests([{ path: 'big.yaml', text: `# ${'x'.repeat(4 * 1024 * 1024)}\n` }]);
    expect(big.files.get('big.yaml')?.error?.code).toBe('yaml-too-large');
    expect(big.workloads).toEqual([]);
  });

  it('`{{` inside a plain manifest string (an alert template) is not a Helm template', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerts\ndata:\n  summary: "{{ $labels.instance }} down"\n';
    const plain = indexManifests([{ path: 'cm.yaml', text }]).files.get('cm.yaml');
    expect(plain?.helmTemplate).toBeUndefined();
    expect(plain?.kubernetes).toBe(true);
    const helm = indexManifests([
      { path: 'cm.yaml', text: text.replace('$labels.instance', '.Values.instance') },
    ]).files.get('cm.yaml');
    expect(helm?.helmTemplate).toBe(true);
    expect(helm?.docs).toEqual([]);
    // Anything under a chart's templates/ with `{{` is a template, whatever the action.
    expect(indexManifests([{ path: 'c/templates/cm.yaml', text }]).files.get('c/templates/cm.yaml')?.helmTemplate).toBe(
      true,
    );
    // Values files are YAML: the templates they hold are strings handed to `tpl`.
    for (const path of ['c/values.yaml', 'c/values-prod.yml', 'c/ci/common-labels-values.yaml']) {
      expect(
        indexManifests([{ path, text: 'labels:\n  baz: \'{{ include "x.fullname" . }}\'\n' }]).files.get(path)
          ?.helmTemplate,
      ).toBeUndefined();
    }
  });
});

describe('indexManifests keepAst', () => {
  it('keeps the ASTs only when asked', () => {
    const files = [
      {
        path: 'w.yaml',
        text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: i}]\n',
      },
    ];
    expect(indexManifests(files).files.get('w.yaml')?.parsed).toBeUndefined();
    expect(indexManifests(files, { keepAst: true }).files.get('w.yaml')?.parsed?.docs[0]?.ast.toJS()).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'i' }] },
    });
  });
});

describe('indexManifestsParallel', () => {
  it('gives the same index as indexManifests (from sources it indexes on the calling thread; the bench checks the worker path)', async () => {
    const files = repoFiles();
    const parallel = await indexManifestsParallel(files, { workers: 2, chunk: 3 });
    const sequential = indexManifests(files);
    expect([...parallel.files.keys()]).toEqual([...sequential.files.keys()]);
    expect(parallel.workloads).toEqual(sequential.workloads);
    expect([...parallel.byIdentity.keys()]).toEqual([...sequential.byIdentity.keys()]);
  });
});

/** `npm test` builds first, so the compiled worker exists there; a bare `vitest run` without a build skips this. */
const BUILT = new URL('../../dist/locate/index-parallel.js', import.meta.url);

describe.skipIf(!existsSync(BUILT))('indexManifestsParallel, compiled (worker threads)', () => {
  it('two workers give the same index as one thread', async () => {
    const built = (await import(BUILT.href)) as typeof import('../../src/locate/index-parallel.js');
    const files = repoFiles();
    const parallel = await built.indexManifestsParallel(files, { workers: 2, chunk: 2 });
    const sequential = indexManifests(files);
    expect([...parallel.files.keys()]).toEqual([...sequential.files.keys()]);
    expect(parallel.workloads).toEqual(sequential.workloads);
    expect(parallel.files.get('deploy/web.yaml')?.docs).toEqual(sequential.files.get('deploy/web.yaml')?.docs);
  });
});
