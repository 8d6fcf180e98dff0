/**
 * `repository_dispatch` with `event_type: kubemend-findings`: a cluster job or pipeline sends a scanner
 * report inline. GitHub limits `client_payload` to 10 top-level properties and under 64 KB
 * (https://docs.github.com/rest/repos/repos#create-a-repository-dispatch-event), so a report may be sent
 * gzip-compressed and base64-encoded.
 */
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Finding } from '../../model.js';
import type { Engine } from '../../bot/engine.js';

export const DISPATCH_EVENT_TYPE = 'kubemend-findings';

/** Largest decompressed report accepted (a gzip bomb stops here). Default: 8 MiB. */
export const MAX_REPORT_BYTES = 8 * 1024 * 1024;

export const DispatchPayloadSchema = z.strictObject({
  report: z
    .union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())])
    .describe('The scanner report: JSON text, parsed JSON, or gzip+base64 text.'),
  encoding: z.enum(['json', 'gzip+base64']).default('json').describe('How `report` is encoded. Default: json.'),
  source: z.string().max(200).optional().describe('Where the report came from, for logs.'),
});

export type DispatchDecision = { ok: true; findings: Finding[] } | { ok: false; reason: string };

function decode(report: unknown, encoding: 'json' | 'gzip+base64'): unknown {
  if (encoding === 'json' || typeof report !== 'string') return report;
  return gunzipSync(Buffer.from(report, 'base64'), { maxOutputLength: MAX_REPORT_BYTES }).toString('utf8');
}

/** Validates the client payload and parses its report; every rejection has a reason for the log. */
export function findingsFromDispatch(clientPayload: unknown, engine: Engine): DispatchDecision {
  const size = Buffer.byteLength(JSON.stringify(clientPayload ?? null), 'utf8');
  if (size >= 64 * 1024) return { ok: false, reason: `client_payload is ${size} bytes; GitHub's limit is 64 KB` };
  const parsed = DispatchPayloadSchema.safeParse(clientPayload);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'client_payload'}: ${i.message}`).join('; ');
    return { ok: false, reason: `client_payload must be { report, encoding?, source? }: ${why}` };
  }
  let findings: Finding[];
  try {
    findings = engine.parseFindings(decode(parsed.data.report, parsed.data.encoding));
  } catch (err) {
    return { ok: false, reason: `report not readable: ${(err as Error).message}` };
  }
  const fixable = findings.filter((f) => f.remediation !== undefined);
  return fixable.length ? { ok: true, findings: fixable } : { ok: false, reason: 'no finding maps to a remediation' };
}
