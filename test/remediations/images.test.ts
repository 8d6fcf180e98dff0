/** Image knowledge: reference parsing as the runtime resolves it, lookup order, the shipped file, a repository's extension. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMAGES_SCHEMA_FILE, imagesJsonSchemaText } from '../../src/remediations/json-schema.js';
import { lookupImage, numericUser, runsAsRoot } from '../../src/remediations/images/lookup-image.js';
import { parseImage } from '../../src/remediations/images/parse-image.js';
import { loadCatalog, tryLoadCatalog } from '../../src/remediations/index.js';

describe('parseImage', () => {
  it.each([
    ['redis', { repository: 'docker.io/library/redis', tag: 'latest' }],
    ['redis:7.2.5', { repository: 'docker.io/library/redis', tag: '7.2.5' }],
    ['docker.io/redis:7', { repository: 'docker.io/library/redis', tag: '7' }],
    ['index.docker.io/library/nginx:1.27', { repository: 'docker.io/library/nginx', tag: '1.27' }],
    ['bitnami/redis:7.2', { repository: 'docker.io/bitnami/redis', tag: '7.2' }],
    ['registry:5000/team/app', { repository: 'registry:5000/team/app', tag: 'latest' }],
    ['localhost/app:1', { repository: 'localhost/app', tag: '1' }],
    ['Quay.io/Prometheus/Prometheus:v2.53.0', { repository: 'quay.io/prometheus/prometheus', tag: 'v2.53.0' }],
    ['gcr.io/distroless/static@sha256:abc', { repository: 'gcr.io/distroless/static', digest: 'sha256:abc' }],
    ['nginx:1.27@sha256:abc', { repository: 'docker.io/library/nginx', tag: '1.27', digest: 'sha256:abc' }],
  ])('%s', (image, ref) => {
    expect(parseImage(image)).toEqual(ref);
  });

  it.each([[''], ['{{ .Values.image }}'], ['$(IMAGE)'], [42], [undefined]])('%s is no reference', (image) => {
    expect(parseImage(image)).toBeUndefined();
  });
});

describe('the shipped knowledge', () => {
  const { images } = loadCatalog();

  it('loads without problems, every entry sourced', () => {
    expect(images.entries.length).toBeGreaterThan(80);
    expect(images.entries.filter((e) => !e.source.startsWith('https://'))).toEqual([]);
  });

  it('the committed JSON Schema is current (regenerate with `npm run schemas`)', () => {
    expect(readFileSync(IMAGES_SCHEMA_FILE, 'utf8')).toBe(imagesJsonSchemaText());
  });

  it('tag-specific entries win: distroless nonroot tags run as 65532, the others as root', () => {
    const nonroot = lookupImage(images, 'gcr.io/distroless/static-debian12:nonroot');
    const root = lookupImage(images, 'gcr.io/distroless/static-debian12:latest');
    expect(nonroot && numericUser(nonroot)).toBe(65532);
    expect(root && runsAsRoot(root)).toBe(true);
  });

  it('official images by any spelling find the same entry', () => {
    expect(lookupImage(images, 'redis:7')).toBe(lookupImage(images, 'docker.io/library/redis:7.2.5'));
    expect(lookupImage(images, 'ghcr.io/example/unknown:1')).toBeUndefined();
  });
});

describe("a repository's own image files", () => {
  it('come first and are validated with the file named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubemend-images-'));
    mkdirSync(join(dir, 'images'));
    writeFileSync(
      join(dir, 'images', 'ours.yml'),
      'images:\n  - repository: docker.io/library/redis\n    user: "999"\n    source: https://example.com/our-redis\n',
    );
    const catalog = loadCatalog({ extraDirs: [dir] });
    expect(lookupImage(catalog.images, 'redis:7')?.user).toBe('999');
    writeFileSync(join(dir, 'images', 'bad.yml'), 'images:\n  - repository: Redis\n    user: 0\n');
    const bad = tryLoadCatalog({ extraDirs: [dir] });
    expect(bad.ok).toBe(false);
    expect(
      bad.ok ? [] : bad.diagnostics.map((d) => [d.code, d.message.startsWith(join(dir, 'images', 'bad.yml'))]),
    ).toEqual([['images-invalid', true]]);
  });

  it('files an App reads from the repository are told apart by their images/ folder', () => {
    const catalog = loadCatalog({
      extraFiles: [
        {
          path: 'policies/images/ours.yml',
          text: 'images:\n  - repository: ghcr.io/acme/api\n    user: "10001"\n    writes: []\n    source: https://example.com/api\n',
        },
      ],
    });
    expect(catalog.remediations.length).toBe(loadCatalog().remediations.length);
    expect(lookupImage(catalog.images, 'ghcr.io/acme/api:3')?.user).toBe('10001');
  });
});
