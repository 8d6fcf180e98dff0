/**
 * Webhook payloads for the App tests, taken from @octokit/webhooks-examples (GitHub's own examples) and
 * changed only where a test needs its own values (rule, file, branch), keeping every field's shape.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

interface Example {
  name: string;
  examples: Array<Record<string, unknown>>;
}

const require = createRequire(import.meta.url);
const all = JSON.parse(
  readFileSync(require.resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8'),
) as Example[];

/** A deep copy of GitHub's example payload for `event` with `action` (the first one). */
export function example(event: string, action?: string): Record<string, any> {
  const list = all.find((e) => e.name === event)?.examples ?? [];
  const found = list.find((p) => action === undefined || p.action === action);
  if (!found) throw new Error(`no example for ${event}.${action ?? ''}`);
  return structuredClone(found) as Record<string, any>;
}

/** A deep copy of GitHub's `index`-th example payload for `event`. */
export function exampleAt(event: string, index: number): Record<string, any> {
  const found = all.find((e) => e.name === event)?.examples[index];
  if (!found) throw new Error(`no example ${index} for ${event}`);
  return structuredClone(found) as Record<string, any>;
}

export interface AlertInput {
  number: number;
  ruleId: string;
  tool: string;
  path: string;
  startLine: number;
  endLine: number;
  message: string;
  ref?: string;
  action?: 'created' | 'reopened' | 'appeared_in_branch';
}

/**
 * A `code_scanning_alert` payload: the `created` example, with the rule, tool and most recent instance
 * (shaped as in the `fixed` example, which carries it) of a scanner that uploads SARIF to code scanning.
 */
export function alertPayload(input: AlertInput): Record<string, any> {
  const payload = example('code_scanning_alert', 'created');
  const instance = structuredClone(example('code_scanning_alert', 'fixed').alert.most_recent_instance);
  const ref = input.ref ?? `refs/heads/${payload.repository.default_branch}`;
  Object.assign(instance, { ref, state: 'open', message: { text: input.message } });
  Object.assign(instance.location, {
    path: input.path,
    start_line: input.startLine,
    end_line: input.endLine,
    start_column: 1,
    end_column: 1,
  });
  payload.action = input.action ?? 'created';
  payload.ref = ref;
  payload.alert.number = input.number;
  payload.alert.rule = {
    ...payload.alert.rule,
    id: input.ruleId,
    severity: 'error',
    description: input.message,
    name: input.ruleId,
  };
  payload.alert.tool = { name: input.tool, guid: null, version: '0.58.0' };
  payload.alert.most_recent_instance = instance;
  payload.alert.instances = [instance];
  return payload;
}

/**
 * Trivy's KSV-0012 alert (runAsNonRoot) on the example repository's web Deployment,
 * apps/web/deployment.yaml lines 21-37: the alert most App tests deliver.
 */
export function webRunAsRootAlert(number: number, action: AlertInput['action'] = 'created'): Record<string, any> {
  return alertPayload({
    number,
    action,
    ruleId: 'KSV-0012',
    tool: 'Trivy',
    path: 'apps/web/deployment.yaml',
    startLine: 21,
    endLine: 37,
    message: "Container 'web' of Deployment 'web' should set 'securityContext.runAsNonRoot' to true",
  });
}
