/**
 * configMapGenerator, secretGenerator and generatorOptions in the Kustomize model: kustomize's name suffix
 * hash (expected values from krusty cases), the kv sources (env files, literals, files, binary files),
 * create/merge/replace across overlays, prefixes and namespaces, references renamed in workloads,
 * provenance at the generator entry, and the files that keep a root unmodelled.
 */
import { describe, expect, it } from 'vitest';
import { unmodelledIn } from '../../src/locate/kustomize/closure.js';
import { buildKustomizeModel, type RenderedResource, renderRoot } from '../../src/locate/kustomize/index.js';
import { encodeHash, goJson, nameSuffixHash } from '../../src/locate/kustomize/name-hash.js';
import { dedent } from '../patch/helpers.js';

type Files = Record<string, string>;

function list(files: Files): Array<{ path: string; text: string }> {
  return Object.entries(files).map(([path, text]) => ({ path, text: dedent(text) }));
}

function render(files: Files, root: string): RenderedResource[] {
  const l = list(files);
  const result = renderRoot(buildKustomizeModel(l), l, root);
  if (!result.ok) throw new Error(result.reason);
  return result.resources;
}

function failure(files: Files, root: string): string {
  const l = list(files);
  const result = renderRoot(buildKustomizeModel(l), l, root);
  return result.ok ? 'rendered' : result.reason;
}

const byName = (rs: RenderedResource[], kind: string): Record<string, unknown> =>
  Object.fromEntries(rs.filter((r) => r.id.kind === kind).map((r) => [r.id.name, r.object]));

describe('name suffix hash (api/hasher/hasher.go)', () => {
  it('gives the suffixes of krusty cases', () => {
    // TestGeneratorIntVsStringNoMerge: bob-79t79mt227
    expect(
      nameSuffixHash({
        kind: 'ConfigMap',
        metadata: { name: 'bob' },
        data: { fruit: 'Indian Gooseberry', year: '2020', crisis: 'true' },
      }),
    ).toBe('79t79mt227');
    // TestGeneratorSimpleOverlay: p-cm-877mt5hc89 (the name is not hashed: hasher.go looks up "metadata/name" as one key)
    expect(
      nameSuffixHash({ kind: 'ConfigMap', metadata: { name: 'p-cm' }, data: { fruit: 'apple', veggie: 'broccoli' } }),
    ).toBe('877mt5hc89');
    // TestPrefixSuffix: a ConfigMap without data hashes "data" as "".
    expect(nameSuffixHash({ kind: 'ConfigMap', metadata: { name: 'a-example-configmap' } })).toBe('6ct58987ht');
    // TestGeneratingIntoNamespaces: the Secret's type is hashed.
    expect(
      nameSuffixHash({
        kind: 'Secret',
        type: 'Opaque',
        metadata: { name: 'test' },
        data: { password: 'c29tZXB3', username: 'YWRtaW4=' },
      }),
    ).toBe('bgd6bkgdm2');
  });

  it('encodes as Go: sorted keys, HTML characters escaped, the 10-character alphabet', () => {
    expect(goJson({ name: '', kind: 'ConfigMap', data: { b: '<a&b>\n', a: '\u2028"' } })).toBe(
      '{"data":{"a":"\\u2028\\"","b":"\\u003ca\\u0026b\\u003e\\n"},"kind":"ConfigMap","name":""}',
    );
    expect(encodeHash('0123456789abcdef')).toBe('gh2k456789');
    expect(encodeHash('aeaeaeaeaeff')).toBe('mtmtmtmtmt');
  });
});

describe('generated data', () => {
  it('env files (comments, blank lines, BOM, CRLF, no "="), literals (quotes), files (basename or key=path)', () => {
    const rs = render(
      {
        'app/kustomization.yaml': `
        configMapGenerator:
        - name: cfg
          envs:
          - a.env
          literals:
          - quoted="x y"
          - single='z'
          - lone='
          - eq=a=b
          files:
          - conf/app.properties
          - custom=conf/app.properties
      `,
        'app/a.env': '\uFEFFFIRST=1\r\n# a comment\n\n   INDENTED=two words \nNOVALUE\n',
        'app/conf/app.properties': 'k=v\n',
      },
      'app',
    );
    expect(rs[0]?.object).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: expect.stringMatching(/^cfg-[a-z0-9]{10}$/) },
      data: {
        FIRST: '1',
        INDENTED: 'two words ',
        NOVALUE: '',
        quoted: 'x y',
        single: 'z',
        lone: "'",
        eq: 'a=b',
        'app.properties': 'k=v\n',
        custom: 'k=v\n',
      },
    });
  });

  it('Secrets hold base64 in lines of 70, type and immutable from the options', () => {
    const long = 'x'.repeat(60);
    const rs = render(
      {
        'kustomization.yaml': `
        generatorOptions:
          immutable: true
        secretGenerator:
        - name: tls
          type: kubernetes.io/tls
          literals:
          - short=abc
          - long=${long}
      `,
      },
      '',
    );
    const encoded = Buffer.from(long).toString('base64');
    expect(rs[0]?.object).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/tls',
      immutable: true,
      metadata: { name: expect.stringMatching(/^tls-[a-z0-9]{10}$/) },
      data: { short: 'YWJj', long: `${encoded.slice(0, 70)}\n${encoded.slice(70)}\n` },
    });
  });

  it('a file that is not UTF-8 goes to binaryData when its bytes are given, and is refused when they are lost', () => {
    const bytes = new Uint8Array([0xff, 0x68, 0x65, 0x6c, 0x6c, 0x6f]);
    const files = [
      { path: 'kustomization.yaml', text: 'configMapGenerator:\n- name: bin\n  files:\n  - data.bin\n' },
      { path: 'data.bin', text: Buffer.from(bytes).toString('utf8'), bytes },
    ];
    const result = renderRoot(buildKustomizeModel(files), files, '');
    if (!result.ok) throw new Error(result.reason);
    expect(result.resources[0]?.object).toMatchObject({ binaryData: { 'data.bin': '/2hlbGxv' } });
    expect(result.resources[0]?.object).not.toHaveProperty('data');
    const lost = files.map(({ path, text }) => ({ path, text }));
    expect(renderRoot(buildKustomizeModel(lost), lost, '')).toEqual({
      ok: false,
      reason: expect.stringMatching(/data\.bin is not UTF-8 text as read/),
    });
  });

  it('kustomize errors: repeated keys, invalid keys, a missing name, a malformed file source', () => {
    expect(
      failure({ 'kustomization.yaml': 'configMapGenerator:\n- name: a\n  literals:\n  - k=1\n  - k=2\n' }, ''),
    ).toMatch(/configMapGenerator\[0\]: configmap a illegally repeats the key `k`/);
    expect(
      failure({ 'kustomization.yaml': 'configMapGenerator:\n- name: a\n  literals:\n  - "bad key=1"\n' }, ''),
    ).toMatch(/not a valid key name/);
    expect(failure({ 'kustomization.yaml': 'secretGenerator:\n- literals:\n  - k=1\n' }, '')).toMatch(
      /a secret must have a name/,
    );
    expect(failure({ 'kustomization.yaml': 'configMapGenerator:\n- name: a\n  files:\n  - =x\n' }, '')).toMatch(
      /missing key name/,
    );
  });
});

describe('files a generator reads', () => {
  it('a missing file or one outside the repository keeps the root unmodelled, naming the entry', () => {
    const missing = buildKustomizeModel(
      list({ 'app/kustomization.yaml': 'configMapGenerator:\n- name: a\n  envs:\n  - none.env\n' }),
    );
    expect(unmodelledIn(missing, 'app')).toBe(
      'app/kustomization.yaml: configMapGenerator[0].envs[0]: file app/none.env not found in the repository',
    );
    const outside = buildKustomizeModel(
      list({ 'kustomization.yaml': 'secretGenerator:\n- name: a\n  files:\n  - key=../../etc/passwd\n' }),
    );
    expect(unmodelledIn(outside, '')).toBe(
      'kustomization.yaml: secretGenerator[0].files[0]: ../../etc/passwd is outside the repository',
    );
  });

  it('a file in the repository but above the kustomization fails the build (load restriction)', () => {
    expect(
      failure(
        {
          'app/kustomization.yaml': 'configMapGenerator:\n- name: a\n  files:\n  - ../shared.txt\n',
          'shared.txt': 'x',
        },
        'app',
      ),
    ).toMatch(/file shared\.txt is not in or below app \(load restriction\)/);
  });

  it('fields outside the model keep the root unmodelled', () => {
    expect(
      unmodelledIn(
        buildKustomizeModel(
          list({ 'kustomization.yaml': 'configMapGenerator:\n- name: a\n  kvSources:\n  - name: p\n' }),
        ),
        '',
      ),
    ).toMatch(/configMapGenerator\[0\]\.kvSources/);
  });
});

const BASE: Files = {
  'base/kustomization.yaml': `
    resources:
    - deploy.yaml
    configMapGenerator:
    - name: app-config
      literals:
      - mode=base
      - level=info
    secretGenerator:
    - name: creds
      literals:
      - password=base
  `,
  'base/deploy.yaml': `
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          imagePullSecrets:
          - name: creds
          volumes:
          - name: cfg
            configMap:
              name: app-config
          - name: sec
            secret:
              secretName: creds
          - name: both
            projected:
              sources:
              - configMap:
                  name: app-config
              - secret:
                  name: creds
          initContainers:
          - name: init
            image: busybox
            envFrom:
            - configMapRef:
                name: app-config
          containers:
          - name: app
            image: shop/web:1.0
            envFrom:
            - secretRef:
                name: creds
            env:
            - name: MODE
              valueFrom:
                configMapKeyRef:
                  name: app-config
                  key: mode
            - name: PASSWORD
              valueFrom:
                secretKeyRef:
                  name: creds
                  key: password
            - name: UNRELATED
              valueFrom:
                configMapKeyRef:
                  name: other
                  key: x
  `,
};

describe('overlays', () => {
  const files: Files = {
    ...BASE,
    'prod/kustomization.yaml': `
      resources:
      - ../base
      namePrefix: prod-
      namespace: shop
      generatorOptions:
        labels:
          env: prod
      configMapGenerator:
      - name: app-config
        behavior: merge
        literals:
        - level=warn
      secretGenerator:
      - name: creds
        behavior: replace
        literals:
        - token=prod
    `,
  };

  it('merge adds to the base data, replace swaps it; names keep the prefix and namespace and get the hash', () => {
    const rs = render(files, 'prod');
    const cm = rs.find((r) => r.id.kind === 'ConfigMap');
    const secret = rs.find((r) => r.id.kind === 'Secret');
    expect(cm?.object).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      data: { level: 'warn', mode: 'base' },
      metadata: {
        name: `prod-app-config-${nameSuffixHash({ kind: 'ConfigMap', data: { level: 'warn', mode: 'base' } })}`,
        namespace: 'shop',
        labels: { env: 'prod' },
      },
    });
    expect(secret?.object).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      data: { token: 'cHJvZA==' },
      metadata: {
        name: `prod-creds-${nameSuffixHash({ kind: 'Secret', type: 'Opaque', data: { token: 'cHJvZA==' } })}`,
        namespace: 'shop',
        labels: { env: 'prod' },
      },
    });
  });

  it('every reference in the workload follows the generated names; unrelated names stay', () => {
    const rs = render(files, 'prod');
    const cm = rs.find((r) => r.id.kind === 'ConfigMap')?.id.name;
    const secret = rs.find((r) => r.id.kind === 'Secret')?.id.name;
    const spec = (
      rs.find((r) => r.id.kind === 'Deployment')?.object as { spec: { template: { spec: Record<string, any> } } }
    ).spec.template.spec;
    expect(spec.imagePullSecrets).toEqual([{ name: secret }]);
    expect(spec.volumes).toEqual([
      { name: 'cfg', configMap: { name: cm } },
      { name: 'sec', secret: { secretName: secret } },
      { name: 'both', projected: { sources: [{ configMap: { name: cm } }, { secret: { name: secret } }] } },
    ]);
    expect(spec.initContainers[0].envFrom).toEqual([{ configMapRef: { name: cm } }]);
    expect(spec.containers[0].envFrom).toEqual([{ secretRef: { name: secret } }]);
    expect(
      spec.containers[0].env.map((e: any) => (e.valueFrom.configMapKeyRef ?? e.valueFrom.secretKeyRef).name),
    ).toEqual([cm, secret, 'other']);
  });

  it("provenance: generated values point at the generator entry, the merged ones at the overlay's", () => {
    const [cm, base] = [render(files, 'prod'), render(BASE, 'base')].map((rs) =>
      rs.find((r) => r.id.kind === 'ConfigMap'),
    );
    expect(base?.sourceOf('/data/mode')).toEqual({
      file: 'base/kustomization.yaml',
      doc: 0,
      pointer: '/configMapGenerator/0/literals/0',
      via: 'transformer',
    });
    expect(base?.sourceOf('/metadata/name')).toEqual({
      file: 'base/kustomization.yaml',
      doc: 0,
      pointer: '/configMapGenerator/0/name',
      via: 'transformer',
    });
    expect(cm?.sourceOf('/data/mode')).toEqual({
      file: 'base/kustomization.yaml',
      doc: 0,
      pointer: '/configMapGenerator/0/literals/0',
      via: 'transformer',
    });
    expect(cm?.sourceOf('/data/level')).toEqual({
      file: 'prod/kustomization.yaml',
      doc: 0,
      pointer: '/configMapGenerator/0/literals/0',
      via: 'transformer',
    });
    expect(cm?.sourceOf('/metadata/labels/env')).toEqual({
      file: 'prod/kustomization.yaml',
      doc: 0,
      pointer: '/generatorOptions/labels/env',
      via: 'transformer',
    });
    expect(cm?.sourceOf('/metadata/name')?.pointer).toBe('/namePrefix');
    expect(cm?.origin).toEqual({ file: 'base/kustomization.yaml', doc: 0 });
  });

  it('merging into a plain ConfigMap, or with the hash disabled, keeps the name unhashed', () => {
    const rs = render(
      {
        'kustomization.yaml': `
        resources:
        - cm.yaml
        configMapGenerator:
        - name: plain
          behavior: merge
          literals:
          - b=2
        - name: fixed
          options:
            disableNameSuffixHash: true
            annotations:
              note: kept
          literals:
          - c=3
      `,
        'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n  labels:\n    team: a\ndata:\n  a: 1\n',
      },
      '',
    );
    expect(byName(rs, 'ConfigMap')).toEqual({
      plain: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'plain', labels: { team: 'a' } },
        data: { a: '1', b: '2' },
      },
      fixed: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'fixed', annotations: { note: 'kept' } },
        data: { c: '3' },
      },
    });
  });

  it('create over an existing object, or merge into nothing, fails as kustomize does', () => {
    expect(
      failure(
        {
          ...BASE,
          'o/kustomization.yaml':
            'resources:\n- ../base\nconfigMapGenerator:\n- name: app-config\n  literals:\n  - a=b\n',
        },
        'o',
      ),
    ).toMatch(/behavior must be merge or replace/);
    expect(
      failure(
        {
          ...BASE,
          'o/kustomization.yaml': 'resources:\n- ../base\nconfigMapGenerator:\n- name: nothing\n  behavior: merge\n',
        },
        'o',
      ),
    ).toMatch(/does not exist; cannot merge or replace/);
  });
});
