import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
// Writes kubescape.json and trivy.json for ../infra: run `node examples/scans/generate.mjs` after editing it.
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, LineCounter } from 'yaml';
const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '../infra');
const walk = (d) => readdirSync(d).sort().flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? walk(p) : [p]; });
const files = walk(root).filter((p) => /\.(ya?ml|json)$/.test(p));
const POD = { CronJob: ['spec','jobTemplate','spec','template','spec'], Pod: ['spec'] };
const dig = (o, p) => p.reduce((a, k) => (a == null ? a : a[k]), o);
const ksResults = [], ksResources = [], trivyResults = [];
const controlsSeen = {};
const KS = {
  'C-0016': ['Allow privilege escalation', 'rule-allow-privilege-escalation'],
  'C-0013': ['Non-root containers', 'non-root-containers'],
  'C-0017': ['Immutable container filesystem', 'immutable-container-filesystem'],
  'C-0055': ['Linux hardening', 'linux-hardening'],
  'C-0009': ['Resource limits', 'resource-policies'],
  'C-0041': ['HostNetwork access', 'host-network-access'],
  'C-0038': ['Host PID/IPC privileges', 'host-pid-ipc-privileges'],
  'C-0048': ['HostPath mount', 'alert-any-hostpath'],
};
const TV = {
  'KSV-0001': ['MEDIUM', 'Can elevate its own privileges', 'builtin.kubernetes.KSV001', "Set 'set containers[].securityContext.allowPrivilegeEscalation' to 'false'.", 'A program inside the container can elevate its own privileges and run as root, which might give the program control over the container and node.'],
  'KSV-0003': ['LOW', 'Default capabilities: some containers do not drop all', 'builtin.kubernetes.KSV003', "Add 'ALL' to containers[].securityContext.capabilities.drop.", "The container should drop all default capabilities and add only those that are needed for its execution."],
  'KSV-0011': ['LOW', 'CPU not limited', 'builtin.kubernetes.KSV011', "Set a limit value under 'containers[].resources.limits.cpu'.", 'Enforcing CPU limits prevents DoS via resource exhaustion.'],
  'KSV-0012': ['MEDIUM', 'Runs as root user', 'builtin.kubernetes.KSV012', "Set 'containers[].securityContext.runAsNonRoot' to true.", "Force the running image to run as a non-root user to ensure least privileges."],
  'KSV-0014': ['HIGH', 'Root file system is not read-only', 'builtin.kubernetes.KSV014', "Change 'containers[].securityContext.readOnlyRootFilesystem' to 'true'.", 'An immutable root file system prevents applications from writing to their local disk. This can limit intrusions, as attackers will not be able to tamper with the file system or write foreign executables to disk.'],
  'KSV-0018': ['LOW', 'Memory not limited', 'builtin.kubernetes.KSV018', "Set a limit value under 'containers[].resources.limits.memory'.", 'Enforcing memory limits prevents DoS via resource exhaustion.'],
  'KSV-0009': ['HIGH', 'Access to host network', 'builtin.kubernetes.KSV009', "Do not set 'spec.template.spec.hostNetwork' to true.", 'Sharing the host’s network namespace permits processes in the pod to communicate with processes bound to the host’s loopback adapter.'],
  'KSV-0010': ['HIGH', 'Access to host PID', 'builtin.kubernetes.KSV010', "Do not set 'spec.template.spec.hostPID' to true.", 'Sharing the host’s PID namespace allows visibility on host processes, potentially leaking information such as environment variables and configuration.'],
  'KSV-0023': ['MEDIUM', 'hostPath volumes mounted', 'builtin.kubernetes.KSV023', "Do not set 'spec.volumes[*].hostPath'.", 'According to pod security standard \'HostPath Volumes\', HostPath volumes must be forbidden.'],
};
let hash = 1016654380;
for (const abs of files) {
  const rel = relative(root, abs);
  const text = readFileSync(abs, 'utf8');
  const lines = text.split('\n');
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc });
  const trivyMis = [];
  let successes = 0;
  docs.forEach((doc, di) => {
    const obj = doc.toJS();
    if (!obj || !obj.kind || !['Deployment','StatefulSet','DaemonSet','CronJob','Job','Pod'].includes(obj.kind)) return;
    const podPath = POD[obj.kind] ?? ['spec','template','spec'];
    const podPtr = podPath.join('.');
    const pod = dig(obj, podPath);
    const kind = obj.kind, name = obj.metadata.name, ns = obj.metadata.namespace ?? '';
    const rid = `path=${hash++}/api=${obj.apiVersion}/${ns}/${kind}/${name}`;
    ksResources.push({ resourceID: rid, source: { path: '/home/runner/work/example-infra/example-infra', relativePath: rel, fileType: rel.endsWith('.json') ? 'JSON' : 'YAML', lastCommit: { date: '0001-01-01T00:00:00Z' } }, object: { ...obj, sourcePath: `${rel}:${di}` } });
    const ksControls = {};
    const ksFail = (cid, path, value) => {
      const c = (ksControls[cid] ??= { controlID: cid, name: KS[cid][0], status: { status: 'failed' }, rules: [{ name: KS[cid][1], status: 'failed', subStatus: '', paths: [] }] });
      c.rules[0].paths.push(value === undefined ? { resourceID: rid, failedPath: path } : { resourceID: rid, fixPath: { path, value } });
      (controlsSeen[cid] ??= new Set()).add(rid);
    };
    const nodeRange = (pathArr) => { const n = doc.getIn(pathArr, true); const r = n?.range ?? doc.contents.range; return [lc.linePos(r[0]).line, lc.linePos(Math.max(r[0], r[1] - 1)).line]; };
    const tvFail = (id, message, range) => {
      const [sev, title, namespace, resolution, description] = TV[id];
      const [start, end] = range;
      const code = [];
      for (let n = start; n <= end && code.length < 10; n++) { const content = (lines[n - 1] ?? '').replace(/\r$/, ''); code.push({ Number: n, Content: content, IsCause: true, Annotation: '', Truncated: false, Highlighted: content, FirstCause: n === start, LastCause: n === end }); }
      if (end - start + 1 > 10) code.push({ Number: start + 10, Content: '', IsCause: false, Annotation: '', Truncated: true, FirstCause: false, LastCause: false });
      trivyMis.push({ Type: 'Kubernetes Security Check', ID: id, Title: title, Description: description, Message: message, Namespace: namespace, Query: `data.${namespace}.deny`, Resolution: resolution, Severity: sev, PrimaryURL: `https://avd.aquasec.com/misconfig/${id.toLowerCase()}`, References: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted', `https://avd.aquasec.com/misconfig/${id.toLowerCase()}`], Status: 'FAIL', CauseMetadata: { Provider: 'Kubernetes', Service: 'general', StartLine: start, EndLine: end, Code: { Lines: code } } });
    };
    for (const type of ['initContainers', 'containers']) {
      (pod[type] ?? []).forEach((c, i) => {
        const base = `${podPtr}.${type}[${i}]`;
        const sc = c.securityContext ?? {};
        const range = nodeRange([...podPath, type, i]);
        const who = `Container '${c.name}' of ${kind} '${name}'`;
        if (sc.allowPrivilegeEscalation !== false) { ksFail('C-0016', `${base}.securityContext.allowPrivilegeEscalation`, 'false'); tvFail('KSV-0001', `${who} should set 'securityContext.allowPrivilegeEscalation' to false`, range); } else successes++;
        if (sc.runAsNonRoot !== true && pod.securityContext?.runAsNonRoot !== true) { ksFail('C-0013', `${base}.securityContext.runAsNonRoot`, 'true'); tvFail('KSV-0012', `${who} should set 'securityContext.runAsNonRoot' to true`, range); } else successes++;
        if (sc.readOnlyRootFilesystem !== true) { ksFail('C-0017', `${base}.securityContext.readOnlyRootFilesystem`, 'true'); tvFail('KSV-0014', `${who} should set 'securityContext.readOnlyRootFilesystem' to true`, range); } else successes++;
        if (!(sc.capabilities?.drop ?? []).includes('ALL')) { ksFail('C-0055', `${base}.securityContext.capabilities.drop[0]`, 'YOUR_VALUE'); tvFail('KSV-0003', `${who} should add 'ALL' to 'securityContext.capabilities.drop'`, range); } else successes++;
        if (!c.resources?.limits?.cpu) { ksFail('C-0009', `${base}.resources.limits.cpu`, 'YOUR_VALUE'); tvFail('KSV-0011', `${who} should set 'resources.limits.cpu'`, range); } else successes++;
        if (!c.resources?.limits?.memory) { ksFail('C-0009', `${base}.resources.limits.memory`, 'YOUR_VALUE'); tvFail('KSV-0018', `${who} should set 'resources.limits.memory'`, range); } else successes++;
      });
    }
    if (pod.hostNetwork) { ksFail('C-0041', `${podPtr}.hostNetwork`); tvFail('KSV-0009', `${kind} '${name}' should not set 'spec.template.spec.hostNetwork' to true`, nodeRange([...podPath, 'hostNetwork'])); }
    if (pod.hostPID) { ksFail('C-0038', `${podPtr}.hostPID`); tvFail('KSV-0010', `${kind} '${name}' should not set 'spec.template.spec.hostPID' to true`, nodeRange([...podPath, 'hostPID'])); }
    (pod.volumes ?? []).forEach((v, j) => { if (v.hostPath) { ksFail('C-0048', `${podPtr}.volumes[${j}].hostPath.path`); tvFail('KSV-0023', `${kind} '${name}' should not set 'spec.template.volumes.hostPath'`, nodeRange([...podPath, 'volumes', j])); } });
    ksResults.push({ resourceID: rid, controls: Object.values(ksControls) });
  });
  if (trivyMis.length || successes) trivyResults.push({ Target: rel, Class: 'config', Type: rel.endsWith('.json') ? 'kubernetes' : 'kubernetes', MisconfSummary: { Successes: 100 + successes, Failures: trivyMis.length }, Misconfigurations: trivyMis });
}
const summaryControls = Object.fromEntries(Object.keys(KS).sort().map((cid) => [cid, { statusInfo: { status: controlsSeen[cid] ? 'failed' : 'passed' }, controlID: cid, name: KS[cid][0], status: controlsSeen[cid] ? 'failed' : 'passed', resourceIDs: Object.fromEntries([...(controlsSeen[cid] ?? [])].map((r) => [r, 'failed'])), ResourceCounters: { passedResources: ksResources.length - (controlsSeen[cid]?.size ?? 0), failedResources: controlsSeen[cid]?.size ?? 0, skippedResources: 0, excludedResources: 0 }, subStatusCounters: { ignoredResources: 0 }, score: 0, complianceScore: 0, scoreFactor: 6 }]));
const ks = { generationTime: '2026-11-20T08:12:45Z', clusterAPIServerInfo: null, clusterCloudProvider: '', customerGUID: '', clusterName: '', reportGUID: '', jobID: '', summaryDetails: { controls: summaryControls }, resources: ksResources, attributes: null, results: ksResults, metadata: { targetMetadata: { gitRepoContextMetadata: { provider: 'github', repo: 'example-infra', owner: 'example', branch: 'main', defaultBranch: 'main', lastCommit: { date: '0001-01-01T00:00:00Z' }, localRootPath: '/home/runner/work/example-infra/example-infra' }, fileContextMetadata: { filePath: '/home/runner/work/example-infra/example-infra', hostName: 'runner' } }, clusterMetadata: {}, scanMetadata: { targetType: 'Framework', kubescapeVersion: 'v3.0.3', formatVersion: 'v2', formats: ['json'], targetNames: ['nsa', 'mitre'], failThreshold: 100, scanningTarget: 2 } }, paginationInfo: { chunkNumber: 0, isLastChunk: false }, customerGUIDGenerated: false };
writeFileSync(join(here, 'kubescape.json'), JSON.stringify(ks, null, 2) + '\n');
const tv = { SchemaVersion: 2, CreatedAt: '2026-11-20T08:13:02.518244Z', ArtifactName: '.', ArtifactType: 'repository', Results: trivyResults };
writeFileSync(join(here, 'trivy.json'), JSON.stringify(tv, null, 2) + '\n');
console.log(ksResults.length, trivyResults.map((r) => r.Misconfigurations.length));
