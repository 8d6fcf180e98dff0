/**
 * The safety guards end to end (runPipeline with the real catalog, image knowledge and defaults) on real
 * shapes from ../shared/corpus and the bundled example: the bytes written and the reason reported.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigSchema, type ConfigInput, defaultConfig } from '../../src/config/schema.js';
import type { FileResult, SkippedFix } from '../../src/model.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';
import { loadCatalog } from '../../src/remediations/index.js';
import { SHARED } from '../shared-dir.js';

const catalog = loadCatalog();
const CORPUS = join(SHARED, 'corpus');

function run(files: Array<{ path: string; text: string }>, input?: ConfigInput, only?: string[]): FileResult[] {
  const config = input ? ConfigSchema.parse(input) : defaultConfig();
  return runPipeline(files, { catalog, config, ...(only ? { only } : {}) }).files;
}

function corpusFile(path: string): { path: string; text: string } {
  return { path, text: readFileSync(join(CORPUS, path), 'utf8') };
}

function skips(
  file: FileResult | undefined,
  remediation?: string,
): Array<Pick<SkippedFix, 'remediation' | 'code'> & { container: string | null }> {
  return (file?.skipped ?? [])
    .filter((s) => !remediation || s.remediation === remediation)
    .map((s) => ({ remediation: s.remediation, code: s.code, container: s.container?.name ?? null }));
}

describe('node agents keep their host access, user and root filesystem', () => {
  const daemonset = corpusFile('files/istio__istio/samples__proxy-coredump__daemonset.yaml');

  it('istio proxy-coredump (hostNetwork, privileged init container, hostPath /sys): reported by name, nothing of it removed', () => {
    const [file] = run([daemonset]);
    expect(file?.after).toContain('hostNetwork: true');
    expect(file?.after).toContain('privileged: true');
    expect(file?.after).not.toContain('runAsNonRoot');
    expect(file?.after).not.toContain('readOnlyRootFilesystem');
    const agent = file?.skipped.filter((s) => s.code === 'node-agent') ?? [];
    expect([...new Set(agent.map((s) => s.remediation))].sort()).toEqual([
      'no-host-namespaces',
      'no-host-path',
      'no-privileged',
      'read-only-root-filesystem',
      'run-as-non-root',
    ]);
    // One story per workload: no guidance to remove the hostPath it needs.
    expect(file?.skipped.filter((s) => s.remediation === 'no-host-path').map((s) => s.code)).toEqual(['node-agent']);
    expect(agent[0]?.reason).toBe(
      'DaemonSet/enable-istio-coredumps is a node agent: it mounts hostPath /sys and uses hostNetwork, privileged container(s) setsysctls; kubemend keeps its host access, user and root filesystem (safety.nodeAgents: false turns this off)',
    );
    expect(agent.find((s) => s.remediation === 'no-privileged')?.optIn).toBe(
      'optIn: [{remediation: no-privileged, resource: "DaemonSet/enable-istio-coredumps", allow: [node-agent]}]',
    );
  });

  it('safety.nodeAgents: false and an explicit-value opt-in remove hostNetwork as before', () => {
    const [file] = run(
      [daemonset],
      {
        safety: { nodeAgents: false },
        optIn: [{ remediation: 'no-host-namespaces', resource: 'DaemonSet/*', allow: ['explicit-value'] }],
      },
      ['no-host-namespaces'],
    );
    expect(file?.after).toBe(daemonset.text.replace('      hostNetwork: true\n', ''));
  });
});

describe('Kustomize patch files are never filled with defaults', () => {
  const dir = join(CORPUS, 'kustomize/kubernetes-sigs__kustomize__examples__springboot');
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  const files = walk(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ path: relative(dir, f), text: readFileSync(f, 'utf8') }));

  it('the overlay patches listed under patches: stay byte-identical, every failure reported as partial-manifest', () => {
    const results = run(files);
    for (const patch of ['overlays/production/memorylimit_patch.yaml', 'overlays/production/healthcheck_patch.yaml']) {
      const file = results.find((f) => f.path === patch);
      expect(file?.changed).toBe(false);
      expect(file?.fixes).toEqual([]);
      expect(new Set(file?.skipped.map((s) => s.code))).toEqual(new Set(['partial-manifest']));
      expect(file?.skipped[0]?.reason).toContain('a Kustomize patch listed in overlays/production/kustomization.yaml');
    }
    // The base is a whole workload: fixed.
    expect(results.find((f) => f.path === 'base/deployment.yaml')?.changed).toBe(true);
  });
});

describe('images known to run as root keep running', () => {
  const statefulset = {
    path: 'apps/queue/statefulset.yaml',
    text: readFileSync('examples/infra/apps/queue/statefulset.yaml', 'utf8'),
  };

  it('redis:7.2.5 (no USER): runAsNonRoot not added; the reason says what to do', () => {
    const [file] = run([statefulset], undefined, ['run-as-non-root']);
    expect(file?.after).toBe(statefulset.text);
    expect(file?.skipped).toHaveLength(1);
    expect(file?.skipped[0]?.code).toBe('image-user');
    expect(file?.skipped[0]?.reason).toBe(
      "image `redis:7.2.5` runs as root: with runAsNonRoot the kubelet would refuse to start it; switch to a non-root variant (docker.io/bitnami/redis), or set runAsUser: 999 (the image's own user) on the container, or as the run-as-non-root option runAsUser",
    );
    expect(file?.skipped[0]?.source).toBe(
      'https://github.com/docker-library/repo-info/blob/master/repos/redis/remote/7.2-bookworm.md',
    );
  });

  it('redis:7.2.5 keeps its capabilities: its entrypoint steps down from root with gosu (CHOWN, SETUID)', () => {
    const [file] = run([statefulset], undefined, ['drop-capabilities']);
    expect(file?.after).toBe(statefulset.text);
    expect(file?.skipped.map((s) => [s.code, s.optIn])).toEqual([
      ['image-root', 'optIn: [{remediation: drop-capabilities, resource: "StatefulSet/queue", allow: [image-root]}]'],
    ]);
    const [withUser] = run([statefulset], { remediations: { options: { 'run-as-non-root': { runAsUser: 999 } } } }, [
      'run-as-non-root',
      'drop-capabilities',
    ]);
    expect(withUser?.fixes.map((f) => f.remediation).sort()).toEqual(['drop-capabilities', 'run-as-non-root']);
  });

  it('with the runAsUser option set, the fix is safe and applied with both fields', () => {
    const [file] = run([statefulset], { remediations: { options: { 'run-as-non-root': { runAsUser: 999 } } } }, [
      'run-as-non-root',
    ]);
    expect(file?.after).toBe(
      statefulset.text.replace(
        '              mountPath: /data\n',
        '              mountPath: /data\n          securityContext:\n            runAsNonRoot: true\n            runAsUser: 999\n',
      ),
    );
    expect(file?.fixes[0]?.evidence).toEqual([
      'runs as UID 999 (the runAsUser option): check image `redis:7.2.5` works as that user',
    ]);
  });

  it('a user-name image (prometheus: USER nobody) is held too: the kubelet cannot verify a name', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: prom\n    image: quay.io/prometheus/prometheus:v2.53.0\n';
    const [file] = run([{ path: 'p.yaml', text }], undefined, ['run-as-non-root']);
    expect(file?.after).toBe(text);
    expect(file?.skipped[0]?.code).toBe('image-user');
    expect(file?.skipped[0]?.reason).toMatch(
      /^image `quay.io\/prometheus\/prometheus:v2.53.0` runs as user "nobody", a name the kubelet cannot verify/,
    );
  });

  it('an unknown image is fixed, with the evidence a reviewer must check', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: ghcr.io/example/app:1.0\n';
    const [file] = run([{ path: 'p.yaml', text }], undefined, ['run-as-non-root']);
    expect(file?.after).toBe(`${text}    securityContext:\n      runAsNonRoot: true\n`);
    expect(file?.fixes[0]?.evidence).toEqual([
      'image `ghcr.io/example/app:1.0` user unknown: check its USER is a non-zero numeric UID before merging, or the kubelet will not start it',
    ]);
  });

  it('in a pod with a root image, the other container is fixed on itself, never at pod level', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: cache\n    image: redis:7\n  - name: app\n    image: nginxinc/nginx-unprivileged:1.27\n';
    const [file] = run([{ path: 'p.yaml', text }], undefined, ['run-as-non-root']);
    expect(file?.after).toBe(`${text}    securityContext:\n      runAsNonRoot: true\n`);
    expect(skips(file)).toEqual([{ remediation: 'run-as-non-root', code: 'image-user', container: 'cache' }]);
  });
});

describe('images that write to their root filesystem', () => {
  const nginx = (mounts: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n${mounts}`;

  it('nginx without mounts at /var/cache/nginx and /var/run: readOnlyRootFilesystem held back with the paths', () => {
    const [file] = run([{ path: 'w.yaml', text: nginx('') }], undefined, ['read-only-root-filesystem']);
    expect(file?.changed).toBe(false);
    expect(file?.skipped[0]?.code).toBe('image-writes');
    expect(file?.skipped[0]?.reason).toContain('writes to /var/cache/nginx, /var/run at run time');
  });

  it('with emptyDir mounts at those paths the fix is applied', () => {
    const text = nginx(
      '    volumeMounts:\n    - {name: cache, mountPath: /var/cache/nginx}\n    - {name: run, mountPath: /var/run}\n',
    );
    const [file] = run([{ path: 'w.yaml', text }], undefined, ['read-only-root-filesystem']);
    expect(file?.after).toBe(`${text}    securityContext:\n      readOnlyRootFilesystem: true\n`);
    expect(file?.fixes[0]?.evidence).toEqual([
      'image `nginx:1.27` writes only to mounted paths (/var/cache/nginx, /var/run)',
    ]);
  });
});

describe('explicit values are choices', () => {
  const api = { path: 'apps/api/api.yaml', text: readFileSync('examples/infra/apps/api/api.yaml', 'utf8') };

  it('allowPrivilegeEscalation: true is kept, reported with its line and the comment beside it', () => {
    const [file] = run([api], undefined, ['no-privilege-escalation']);
    expect(file?.after).not.toContain('allowPrivilegeEscalation: false   # TODO');
    const explicit = file?.skipped.find((s) => s.code === 'explicit-value');
    expect(explicit).toMatchObject({ container: { name: 'api' }, line: 43, comment: 'TODO(platform): why?' });
    expect(explicit?.reason).toBe(
      '`allowPrivilegeEscalation: true` is set explicitly: someone chose it, so kubemend keeps it',
    );
    expect(explicit?.optIn).toBe(
      'optIn: [{remediation: no-privilege-escalation, resource: "Deployment/api", allow: [explicit-value]}]',
    );
  });

  it('opted in, it is replaced in place', () => {
    const [file] = run(
      [api],
      { optIn: [{ remediation: 'no-privilege-escalation', resource: 'Deployment/api', allow: ['explicit-value'] }] },
      ['no-privilege-escalation'],
    );
    expect(file?.after).toContain('allowPrivilegeEscalation: false   # TODO(platform): why?');
  });

  it('privileged: true, readOnlyRootFilesystem: false, runAsNonRoot: false, hostPID: true and capabilities.add stay', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  hostPID: true',
      '  containers:',
      '  - name: a',
      '    image: ghcr.io/example/a:1',
      '    securityContext:',
      '      privileged: true   # needs net admin for iptables',
      '      readOnlyRootFilesystem: false',
      '      runAsNonRoot: false',
      '      capabilities: {add: [NET_ADMIN]}',
      '',
    ].join('\n');
    const [file] = run([{ path: 'p.yaml', text }], undefined, [
      'no-privileged',
      'read-only-root-filesystem',
      'run-as-non-root',
      'no-host-namespaces',
      'no-dangerous-capabilities',
    ]);
    expect(file?.after).toBe(text);
    expect(file?.skipped.map((s) => [s.remediation, s.code, s.line, s.comment ?? null])).toEqual([
      ['no-dangerous-capabilities', 'explicit-value', 13, null],
      ['no-host-namespaces', 'explicit-value', 5, null],
      ['no-privileged', 'explicit-value', 10, 'needs net admin for iptables'],
      ['read-only-root-filesystem', 'explicit-value', 11, null],
      ['run-as-non-root', 'explicit-value', 12, null],
    ]);
  });
});

describe('resource numbers are never invented', () => {
  const vllm = corpusFile('files/kubernetes__examples/AI__vllm-deployment__vllm-deployment.yaml');
  const noLimits = {
    ...vllm,
    text: vllm.text.replace(
      '            cpu: "2"\n            memory: "10Gi"\n            ephemeral-storage: "10Gi"\n            nvidia.com/gpu: "1"\n        command',
      '            nvidia.com/gpu: "1"\n        command',
    ),
  };

  it('a GPU container (vllm) without CPU and memory limits gets none: needs-value naming the option', () => {
    expect(noLimits.text).not.toBe(vllm.text);
    const [file] = run([noLimits], undefined, ['memory-limits', 'cpu-limits']);
    expect(file?.after).toBe(noLimits.text);
    expect(skips(file)).toEqual([
      { remediation: 'cpu-limits', code: 'needs-value', container: 'inference-server' },
      { remediation: 'memory-limits', code: 'needs-value', container: 'inference-server' },
    ]);
    expect(file?.skipped[1]?.reason).toBe(
      'the container requests nvidia.com/gpu: kubemend never writes a default for accelerator workloads; set remediations.options.memory-limits.memory.workloads["Deployment/vllm-gemma-deployment"]',
    );
  });

  it("a memory limit derived from a request follows the siblings' quoting and says how it was derived", () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: ghcr.io/example/a:1\n    resources:\n      requests:\n        memory: 90Mi\n';
    const [file] = run([{ path: 'p.yaml', text }], undefined, ['memory-limits']);
    expect(file?.after).toBe(`${text}      limits:\n        memory: 180Mi\n`);
    expect(file?.fixes[0]?.evidence).toEqual(['resources.limits.memory 180Mi = 2 × resources.requests.memory 90Mi']);
  });
});

describe('an explicit value changed with opt-in', () => {
  it('the comment beside it is kept and reported for the reviewer, with the line', () => {
    const api = { path: 'apps/api/api.yaml', text: readFileSync('examples/infra/apps/api/api.yaml', 'utf8') };
    const [file] = run([api], { optIn: [{ remediation: 'no-privilege-escalation', allow: ['explicit-value'] }] }, [
      'no-privilege-escalation',
    ]);
    const fix = file?.fixes.find((f) => f.container?.name === 'api');
    expect(fix?.evidence).toEqual([
      'changes the explicit `allowPrivilegeEscalation: true` (opted in by the config)',
      'line 43 keeps its comment `# TODO(platform): why?`, written for the old value: update or remove it',
    ]);
  });
});
