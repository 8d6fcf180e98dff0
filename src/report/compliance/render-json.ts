/**
 * `kubemend report --format json`: the posture model as it is (posture.ts documents every field), with a
 * format name and version so scripts and GRC imports can tell what they read. Fields are only added, never
 * renamed, within a version.
 */
import type { Posture } from './posture.js';

export const COMPLIANCE_JSON_VERSION = 1;

export function renderComplianceJson(posture: Posture): string {
  return `${JSON.stringify({ format: 'kubemend-compliance', version: COMPLIANCE_JSON_VERSION, ...posture }, null, 2)}\n`;
}
