/**
 * Findings intake: detects a scanner report's format from its content and parses it into `Finding`s.
 * One folder per format, each with the same files (`schema.ts`: permissive zod schema; `parse.ts`:
 * `detect` + `parse`); `FORMATS` below is the registry, in detection order (most specific first).
 */
import { ZodError } from 'zod';
import type { Diagnostic, Finding } from '../model.js';
import type { FormatResult, ParseContext } from './context.js';
import * as checkov from './checkov/parse.js';
import * as codeScanning from './github-code-scanning/parse.js';
import * as kubeScore from './kube-score/parse.js';
import * as kubescape from './kubescape/parse.js';
import * as native from './native/parse.js';
import * as polaris from './polaris/parse.js';
import * as sarif from './sarif/parse.js';
import * as trivy from './trivy/parse.js';

export type { FindingsDiagnosticCode, ParseContext } from './context.js';

export type FindingFormat =
  'kubescape' | 'trivy' | 'checkov' | 'polaris' | 'kube-score' | 'sarif' | 'github-code-scanning' | 'native';

export interface ParsedFindings {
  format: FindingFormat;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export type FindingsErrorCode = 'findings-unknown-format' | 'findings-invalid-json' | 'findings-invalid';

/** A report kubemend cannot read at all. Per-entry problems are diagnostics instead. */
export class FindingsError extends Error {
  readonly code: FindingsErrorCode;
  constructor(code: FindingsErrorCode, message: string) {
    super(message);
    this.name = 'FindingsError';
    this.code = code;
  }
}

interface FormatModule {
  detect(value: unknown): boolean;
  parse(value: unknown, ctx: ParseContext): FormatResult;
}

/** Detection order matters only where shapes could overlap: the native envelope and SARIF are unambiguous. */
export const FORMATS: ReadonlyArray<readonly [FindingFormat, FormatModule]> = [
  ['native', native],
  ['sarif', sarif],
  ['kubescape', kubescape],
  ['trivy', trivy],
  ['checkov', checkov],
  ['polaris', polaris],
  ['kube-score', kubeScore],
  ['github-code-scanning', codeScanning],
];

export const FORMAT_NAMES: readonly FindingFormat[] = FORMATS.map(([name]) => name);

function toValue(input: string | unknown, source?: string): unknown {
  if (typeof input !== 'string') return input;
  try {
    // A UTF-8 BOM (PowerShell redirects) is not JSON.
    return JSON.parse(input.replace(/^\uFEFF/, ''));
  } catch (err) {
    const where = source ? `${source}: ` : '';
    throw new FindingsError(
      'findings-invalid-json',
      `${where}not valid JSON (${(err as Error).message}); expected one of: ${FORMAT_NAMES.join(', ')}`,
    );
  }
}

/** Which format a parsed report is in, or undefined. */
export function detectFormat(value: unknown): FindingFormat | undefined {
  return FORMATS.find(([, mod]) => mod.detect(value))?.[0];
}

/**
 * Detects the format from content and parses. Unknown format / invalid JSON → throws FindingsError
 * (code 'findings-unknown-format' | 'findings-invalid-json' | 'findings-invalid', message naming the formats tried).
 * An empty list is a valid report with no findings (every list format allows it), reported as format 'native'.
 */
export function parseFindings(
  input: string | unknown,
  opts: { resolveRule: (tool: string, ruleId: string) => string | undefined; source?: string },
): ParsedFindings {
  const value = toValue(input, opts.source);
  const where = opts.source ? `${opts.source}: ` : '';
  if (Array.isArray(value) && value.length === 0) {
    return {
      format: 'native',
      findings: [],
      diagnostics: [
        {
          code: 'findings-empty',
          message: `${where}empty list: no findings`,
          ...(opts.source ? { file: opts.source } : {}),
        },
      ],
    };
  }
  const entry = FORMATS.find(([, mod]) => mod.detect(value));
  if (!entry)
    throw new FindingsError(
      'findings-unknown-format',
      `${where}unrecognised findings format; tried: ${FORMAT_NAMES.join(', ')}`,
    );
  const [format, mod] = entry;
  try {
    const { findings, diagnostics } = mod.parse(value, opts);
    return { format, findings, diagnostics };
  } catch (err) {
    // The top-level schema failed (zod throws from `.parse`): the report is of this format but unusable.
    if (err instanceof ZodError)
      throw new FindingsError(
        'findings-invalid',
        `${where}looks like ${format} but is not a valid ${format} report: ${err.message}`,
      );
    throw err;
  }
}
