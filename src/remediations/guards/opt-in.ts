/**
 * The config's `optIn` list: a reviewable way to let kubemend apply a fix a safety guard holds back, for
 * one remediation and a path, resource or namespace glob (matched as `ignore` rules are).
 */
import picomatch from 'picomatch';
import type { Config, Guard, OptInRule } from '../../config/schema.js';
import type { Workload } from '../../model.js';

/** The first `optIn` rule that lifts `guard` for this remediation on this workload, or undefined. */
export function optInFor(guard: Guard, remediation: string, w: Workload, config: Config): OptInRule | undefined {
  return config.optIn.find((rule) => {
    if (!rule.allow.includes(guard)) return false;
    if (rule.remediation !== 'all' && rule.remediation !== remediation) return false;
    if (rule.path !== undefined && !picomatch.isMatch(w.file, rule.path, { dot: true })) return false;
    if (rule.resource !== undefined && !picomatch.isMatch(`${w.id.kind}/${w.id.name}`, rule.resource)) return false;
    return (
      rule.namespace === undefined ||
      (w.id.namespace !== undefined && picomatch.isMatch(w.id.namespace, rule.namespace))
    );
  });
}

/** The config entry that opts this workload in (one line of flow YAML for the repository's config file). */
export function optInHint(guard: Guard, remediation: string, w: Workload): string {
  return `optIn: [{remediation: ${remediation}, resource: ${JSON.stringify(`${w.id.kind}/${w.id.name}`)}, allow: [${guard}]}]`;
}
