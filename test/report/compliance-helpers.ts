/**
 * Runs the real pipeline and posture on inline manifests, for the compliance and dashboard tests.
 */
import { type ConfigInput, ConfigSchema } from '../../src/config/schema.js';
import type { RunResult } from '../../src/model.js';
import { includeFilter, runPipeline } from '../../src/pipeline/run-pipeline.js';
import { type Posture, postureOfRun } from '../../src/report/compliance/index.js';
import { catalog } from '../remediations/helpers.js';

export { dedent } from '../remediations/helpers.js';

/** A Deployment that passes every built-in remediation. */
export function hardened(name: string, namespace = 'shop'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  template:
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: app
          image: registry.example/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 200m, memory: 256Mi }
`;
}

/** A Deployment with no security settings at all (its name is put in quotes, so it can be anything). */
export function bare(name: string, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${JSON.stringify(name)}
${extra}spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example/app:1.0
`;
}

export interface Assessed {
  result: RunResult;
  posture: Posture;
}

/** Pipeline (own detection) then posture, on `files` (path → text). */
export function assess(
  files: Record<string, string>,
  config: ConfigInput = {},
  openFixes?: Map<string, number>,
): Assessed {
  const repoFiles = Object.entries(files).map(([path, text]) => ({ path, text }));
  const parsed = ConfigSchema.parse(config);
  const result = runPipeline(repoFiles, { catalog: catalog(), config: parsed });
  const posture = postureOfRun({
    files: repoFiles,
    result,
    catalog: catalog(),
    config: parsed,
    isIncluded: includeFilter(parsed),
    ...(openFixes ? { openFixes } : {}),
  });
  return { result, posture };
}
