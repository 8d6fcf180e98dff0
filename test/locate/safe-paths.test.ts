import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model.js';
import { indexManifests, mapFindings, normaliseFindingPath } from '../../src/locate/index.js';
import { repoFiles } from './repo.js';

const DEPLOY =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n';

function finding(path: string): Finding {
  return { tool: 'native', ruleId: 'R', remediation: 'privileged-false', message: 'm', location: { path } };
}

describe('untrusted paths', () => {
  const index = indexManifests(repoFiles());

  it.each([
    ['/etc/passwd', 'absolute path "/etc/passwd"'],
    ['C:\\Windows\\system.ini', 'absolute path "C:\\\\Windows\\\\system.ini"'],
    ['../../etc/passwd', `path "../../etc/passwd" contains '..'`],
    ['deploy/../../outside.yaml', `path "deploy/../../outside.yaml" contains '..'`],
    ['deploy\\..\\..\\x.yaml', `path "deploy\\\\..\\\\..\\\\x.yaml" contains '..'`],
    ['deploy/web.yaml\u0000.png', 'path contains a NUL byte'],
    ['./', 'empty path "./"'],
  ])('%j is refused', (path, reason) => {
    expect(mapFindings([finding(path)], index).unmapped.map((u) => [u.code, u.reason])).toEqual([
      ['unsafe-path', reason],
    ]);
  });

  it('harmless spellings are normalised: ./, duplicate slashes, backslashes', () => {
    expect(normaliseFindingPath('./deploy//web.yaml')).toEqual({ ok: true, path: 'deploy/web.yaml' });
    expect(normaliseFindingPath('deploy\\web.yaml')).toEqual({ ok: true, path: 'deploy/web.yaml' });
  });

  it('pathPrefix strips where the scanner ran, even an absolute directory', () => {
    const r = mapFindings([finding('/home/ci/work/repo/deploy/worker.yaml')], index, {
      pathPrefix: '/home/ci/work/repo',
    });
    expect(r.mapped.map((m) => m.workload.file)).toEqual(['deploy/worker.yaml']);
    expect(mapFindings([finding('/home/ci/work/repo/deploy/worker.yaml')], index).unmapped.map((u) => u.code)).toEqual([
      'unsafe-path',
    ]);
  });

  it('suffix matching only when unambiguous (scanner ran in a subdirectory or a parent)', () => {
    expect(
      mapFindings([finding('worker.yaml'), finding('checkout/deploy/worker.yaml')], index).mapped.map(
        (m) => m.workload.file,
      ),
    ).toEqual(['deploy/worker.yaml']);
    expect(mapFindings([finding('api.yaml')], index).unmapped.map((u) => [u.code, u.reason])).toEqual([
      ['ambiguous-path', 'api.yaml matches 2 files (base/api.yaml, overlays/prod/api.yaml); set a path prefix'],
    ]);
  });

  describe('symlinks on disk', () => {
    const base = mkdtempSync(join(tmpdir(), 'kubemend-locate-'));
    const root = join(base, 'repo');
    const outside = join(base, 'outside');
    mkdirSync(join(root, 'deploy'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(root, 'deploy', 'web.yaml'), DEPLOY);
    writeFileSync(join(outside, 'secret.yaml'), DEPLOY.replace('name: web', 'name: secret'));
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'deploy', 'secret.yaml'));
    symlinkSync(outside, join(root, 'linked-dir'));
    symlinkSync(join(root, 'deploy', 'web.yaml'), join(root, 'deploy', 'alias.yaml'));
    afterAll(() => rmSync(base, { recursive: true, force: true }));
    // The index holds what a naive reader would have read through the links.
    const files = [
      { path: 'deploy/web.yaml', text: DEPLOY },
      { path: 'deploy/secret.yaml', text: DEPLOY.replace('name: web', 'name: secret') },
      { path: 'linked-dir/secret.yaml', text: DEPLOY.replace('name: web', 'name: secret2') },
      { path: 'deploy/alias.yaml', text: DEPLOY.replace('name: web', 'name: alias') },
    ];
    const linked = indexManifests(files);

    it('a file or directory symlink leaving the root is refused, by path and by identity', () => {
      const r = mapFindings(
        [
          finding('deploy/secret.yaml'),
          finding('linked-dir/secret.yaml'),
          { ...finding('x'), location: undefined, resource: { kind: 'Deployment', name: 'secret' } },
        ],
        linked,
        { root },
      );
      expect(r.mapped).toEqual([]);
      expect(r.unmapped.map((u) => [u.code, u.reason])).toEqual([
        ['unsafe-path', 'deploy/secret.yaml resolves outside the repo root (symbolic link)'],
        ['unsafe-path', 'linked-dir/secret.yaml resolves outside the repo root (symbolic link)'],
        ['unsafe-path', 'deploy/secret.yaml resolves outside the repo root (symbolic link)'],
      ]);
    });

    it('a plain file is fine, and a symlink inside the root names the file it links to (the one kubemend reads and patches)', () => {
      const r = mapFindings([finding('deploy/web.yaml'), finding('deploy/alias.yaml')], linked, { root });
      expect(r.unmapped).toEqual([]);
      expect(r.mapped.map((m) => [m.workload.file, m.findings.map((f) => f.location?.path)])).toEqual([
        ['deploy/web.yaml', ['deploy/web.yaml', 'deploy/alias.yaml']],
      ]);
    });

    it('without a root (a snapshot from the API) there is nothing on disk to follow', () => {
      expect(mapFindings([finding('deploy/secret.yaml')], linked).mapped.map((m) => m.workload.id.name)).toEqual([
        'secret',
      ]);
    });
  });
});

describe('normaliseFindingPath (property)', () => {
  it('whatever the input, an accepted path resolves inside the root', () => {
    const root = resolve('/repo/root');
    const segment = fc.constantFrom(
      '..',
      '.',
      '',
      'a',
      'b.yaml',
      '...',
      '..a',
      'C:',
      '\\',
      '\\..',
      '%2e%2e',
      '~',
      '\u0000',
    );
    const pathArb = fc.oneof(
      fc.string(),
      fc.array(segment, { maxLength: 6 }).map((s) => s.join('/')),
      fc.array(segment, { maxLength: 6 }).map((s) => s.join('\\')),
    );
    fc.assert(
      fc.property(pathArb, fc.option(fc.constantFrom('/repo', 'ci/work', '..'), { nil: undefined }), (raw, prefix) => {
        const r = normaliseFindingPath(raw, prefix);
        if (!r.ok) return true;
        const abs = resolve(root, r.path);
        return (
          abs.startsWith(root + sep) &&
          !r.path.split('/').includes('..') &&
          !r.path.includes('\\') &&
          !r.path.includes('\u0000')
        );
      }),
      { numRuns: 2000, seed: 5 },
    );
  });
});

describe('absolute paths inside the repo on disk', () => {
  const base = mkdtempSync(join(tmpdir(), 'kubemend-abs-'));
  mkdirSync(join(base, 'deploy'));
  writeFileSync(join(base, 'deploy', 'web.yaml'), DEPLOY);
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const index = indexManifests([{ path: 'deploy/web.yaml', text: DEPLOY }]);

  it('are made relative to the root; absolute paths elsewhere stay refused', () => {
    const r = mapFindings(
      [
        finding(join(base, 'deploy', 'web.yaml')),
        finding(`${base}-other/deploy/web.yaml`),
        finding(join(base, 'deploy', '..', '..', 'etc', 'passwd')),
      ],
      index,
      { root: base },
    );
    expect(r.mapped.map((m) => m.workload.file)).toEqual(['deploy/web.yaml']);
    expect(r.unmapped.map((u) => u.code)).toEqual(['unsafe-path', 'unsafe-path']);
  });
});
