/**
 * Every outcome code a report can carry is documented for the scripts that switch on it (docs/cli.md,
 * "Codes"). The lists below are typed as complete records of the model's unions, so adding a code to
 * `SkipCode` or `UnmappedCode` fails the typecheck until it is added here, and then this test until the
 * docs name it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SkipCode, UnmappedCode } from '../../src/model.js';

const SKIP_CODES = Object.keys({
  'already-compliant': true,
  disabled: true,
  exempted: true,
  conflict: true,
  'report-only': true,
  'explicit-value': true,
  'image-user': true,
  'image-root': true,
  'image-writes': true,
  'node-agent': true,
  'partial-manifest': true,
  'needs-value': true,
  'file-error': true,
  'patch-refused': true,
  'not-converged': true,
  'kustomize-unplaced': true,
  'render-mismatch': true,
  'helm-no-value': true,
  'helm-disabled': true,
  'helm-not-verifiable': true,
} satisfies Record<SkipCode, true>);

const UNMAPPED_CODES = Object.keys({
  'no-automatic-fix': true,
  'unsafe-path': true,
  'outside-paths': true,
  'file-not-found': true,
  'ambiguous-path': true,
  'helm-template': true,
  'file-unparseable': true,
  'not-kubernetes': true,
  'document-not-found': true,
  'not-a-workload': true,
  'identity-mismatch': true,
  'no-identity': true,
  'not-found': true,
  'multiple-definitions': true,
  'kustomize-unmodelled': true,
  'container-not-found': true,
  'container-index-stale': true,
  'container-unverified': true,
} satisfies Record<UnmappedCode, true>);

/** The codes in the first column of the table that follows `heading` in the Codes section. */
function tableCodes(doc: string, heading: string): string[] {
  const section = doc.slice(doc.indexOf('### Codes'));
  const start = section.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const table = section.slice(start).split('\n\n')[1] ?? '';
  return [...table.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1] ?? '');
}

describe('outcome codes', () => {
  const doc = readFileSync('docs/cli.md', 'utf8');

  it('docs/cli.md lists every skip code, once, in the model order', () => {
    expect(tableCodes(doc, 'Why a failure is kept')).toEqual(SKIP_CODES);
  });

  it('docs/cli.md lists every unmapped code, once, in the model order', () => {
    expect(tableCodes(doc, 'Why a finding is not mapped')).toEqual(UNMAPPED_CODES);
  });
});
