/** Reading a checkout (what is skipped and why) and writing patched files atomically with their modes. */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigSchema, defaultConfig } from '../../src/config/schema.js';
import { readRepoFiles } from '../../src/pipeline/read-files.js';
import { writeChangedFiles, writeFileAtomic } from '../../src/pipeline/write-files.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x\n';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kubemend-read-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('readRepoFiles', () => {
  it('walks a directory in path order: skips .git, node_modules, links out of the root and non-included files; reads a link inside as its target; passes Helm templates on', async () => {
    const outside = tree({ 'secret.yaml': POD });
    const root = tree({
      'b.yaml': POD,
      'a/pod.yml': POD,
      'a/data.json': '{}',
      'README.md': '# not yaml',
      '.git/config.yaml': POD,
      'node_modules/x/pod.yaml': POD,
      'chart/templates/d.yaml': `${POD}  labels: {{ .Values.labels }}\n`,
    });
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'leak.yaml'));
    symlinkSync(join(root, 'b.yaml'), join(root, 'inside-link.yaml'));
    const read = await readRepoFiles([root], defaultConfig());
    expect(read.root).toBe(root);
    // The link inside the root is read once, as the file it names; the index recognises the Helm template.
    expect(read.files.map((f) => f.path)).toEqual(['a/data.json', 'a/pod.yml', 'b.yaml', 'chart/templates/d.yaml']);
    expect(read.files[2]?.text).toBe(POD);
    expect(read.diagnostics.map((d) => [d.code, d.file])).toEqual([['outside-root', 'leak.yaml']]);
  });

  it("reads the files a kustomization's generators name (config.env), which the manifest globs leave out; never outside the root", async () => {
    const root = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'app/kustomization.yaml':
        'resources: [web.yaml]\nconfigMapGenerator:\n- name: cfg\n  envs: [config.env]\n  files: [app=application.properties, ../../outside.txt]\n',
      'app/web.yaml': 'kind: Pod\n',
      'app/config.env': 'A=1\n',
      'app/application.properties': 'x=y\n',
      'app/unrelated.txt': 'not read\n',
    });
    const read = await readRepoFiles(['.'], defaultConfig(), root);
    expect(read.files.map((f) => f.path)).toEqual([
      'app/application.properties',
      'app/config.env',
      'app/kustomization.yaml',
      'app/web.yaml',
    ]);
  });

  it('reads the kustomizations beside and above an explicit file, so a patch file is known as one', async () => {
    const root = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'kustomization.yaml': 'resources: [overlays/prod]\n',
      'overlays/prod/kustomization.yaml': 'patches:\n- path: patch.yaml\n',
      'overlays/prod/patch.yaml': 'kind: Deployment\n',
      'overlays/dev/kustomization.yaml': 'resources: []\n',
    });
    const read = await readRepoFiles(['overlays/prod/patch.yaml'], defaultConfig(), root);
    expect(read.files.map((f) => f.path)).toEqual([
      'kustomization.yaml',
      'overlays/prod/kustomization.yaml',
      'overlays/prod/patch.yaml',
    ]);
  });

  it('applies the config include and exclude globs, reads explicit files, and reports missing paths', async () => {
    const root = tree({ 'apps/a.yaml': POD, 'apps/legacy/b.yaml': POD, 'c.yaml': POD });
    const config = ConfigSchema.parse({ paths: { include: ['apps/**/*.yaml'], exclude: ['apps/legacy/**'] } });
    expect((await readRepoFiles(['.'], config, root)).files.map((f) => f.path)).toEqual(['apps/a.yaml']);
    const files = await readRepoFiles(['c.yaml', 'apps/a.yaml'], defaultConfig(), root);
    expect(files.root).toBe(root);
    expect(files.files.map((f) => f.path)).toEqual(['apps/a.yaml', 'c.yaml']);
    const missing = await readRepoFiles(['nope', 'c.yaml'], defaultConfig(), root);
    expect(missing.files).toEqual([]);
    expect(missing.diagnostics).toEqual([
      { code: 'path-not-found', message: 'nope: no such file or directory', file: 'nope' },
    ]);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the mode and leaves no temporary file', async () => {
    const root = tree({ 'a.yaml': 'old\n', 'b.yaml': 'same\n' });
    chmodSync(join(root, 'a.yaml'), 0o751);
    await writeFileAtomic(join(root, 'a.yaml'), 'new\r\n');
    expect(readFileSync(join(root, 'a.yaml'), 'utf8')).toBe('new\r\n');
    expect(statSync(join(root, 'a.yaml')).mode & 0o7777).toBe(0o751);
    const written = await writeChangedFiles(root, [
      { path: 'a.yaml', after: 'newer\n', changed: true },
      { path: 'b.yaml', after: 'ignored\n', changed: false },
    ]);
    expect(written).toEqual(['a.yaml']);
    expect(readFileSync(join(root, 'b.yaml'), 'utf8')).toBe('same\n');
    expect(readdirSync(root).sort()).toEqual(['a.yaml', 'b.yaml']);
  });

  it('replaces nothing when one new text cannot be written, and leaves no temporary file', async () => {
    // A name of 250 bytes exists, but its temporary file's name (+23 bytes) is over the 255-byte limit.
    const long = `${'x'.repeat(245)}.yaml`;
    const root = tree({ 'a.yaml': 'old a\n', [long]: 'old long\n', 'c.yaml': 'old c\n' });
    await expect(
      writeChangedFiles(root, [
        { path: 'a.yaml', after: 'new a\n', changed: true },
        { path: long, after: 'new long\n', changed: true },
        { path: 'c.yaml', after: 'new c\n', changed: true },
      ]),
    ).rejects.toThrow(/ENAMETOOLONG/);
    expect(readFileSync(join(root, 'a.yaml'), 'utf8')).toBe('old a\n');
    expect(readFileSync(join(root, 'c.yaml'), 'utf8')).toBe('old c\n');
    expect(readdirSync(root).sort()).toEqual(['a.yaml', 'c.yaml', long].sort());
  });

  it('writes many files, each with its own mode, in the order given', async () => {
    const files = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`d${i % 3}/f${i}.yaml`, `old ${i}\n`]));
    const root = tree(files);
    chmodSync(join(root, 'd1/f7.yaml'), 0o640);
    const paths = Object.keys(files);
    const written = await writeChangedFiles(
      root,
      paths.map((path, i) => ({ path, after: `new ${i}\n`, changed: i % 5 !== 0 })),
    );
    expect(written).toEqual(paths.filter((_, i) => i % 5 !== 0));
    for (const [i, path] of paths.entries())
      expect(readFileSync(join(root, path), 'utf8')).toBe(i % 5 !== 0 ? `new ${i}\n` : `old ${i}\n`);
    expect(statSync(join(root, 'd1/f7.yaml')).mode & 0o7777).toBe(0o640);
    expect(['d0', 'd1', 'd2'].flatMap((d) => readdirSync(join(root, d))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('fails on a missing file without creating it', async () => {
    const root = tree({});
    await expect(writeFileAtomic(join(root, 'missing.yaml'), 'x')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(root)).toEqual([]);
  });
});
