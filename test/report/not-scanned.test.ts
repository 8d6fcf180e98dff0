/** What every report says of files it did not scan: one entry per path, the reason from codes and details, never parsed from text. */
import { describe, expect, it } from 'vitest';
import { notScannedFrom } from '../../src/report/not-scanned.js';

const HINT =
  "Helm template, not YAML until rendered, so neither scanned nor patched: make the fix in the chart's values (values.yaml), or in the template where no value controls the field";

describe('notScannedFrom', () => {
  it("a chart template says why kubemend could not render it, from the diagnostic's detail", () => {
    expect(
      notScannedFrom([
        {
          code: 'helm-template',
          message: 'c/templates/b.yaml: the chart has no values file',
          file: 'c/templates/b.yaml',
          detail: 'the chart has no values file',
        },
        {
          code: 'helm-template',
          message: 'c/templates/a.yaml: Helm template, not patched',
          file: 'c/templates/a.yaml',
        },
        // Without a detail the message is not taken apart, whatever it says.
        { code: 'helm-template', message: 'c/templates/c.yaml: not rendered (x)', file: 'c/templates/c.yaml' },
      ]),
    ).toEqual([
      { path: 'c/templates/a.yaml', code: 'helm-template', reason: HINT },
      { path: 'c/templates/b.yaml', code: 'helm-template', reason: `${HINT}; the chart has no values file` },
      { path: 'c/templates/c.yaml', code: 'helm-template', reason: HINT },
    ]);
  });

  it('keeps the first diagnostic of a path and leaves out other codes', () => {
    expect(
      notScannedFrom([
        { code: 'unreadable', message: 'x.yaml: EACCES', file: 'x.yaml' },
        { code: 'unreadable', message: 'x.yaml: EIO', file: 'x.yaml' },
        { code: 'yaml-parse-error', message: 'y.yaml: bad', file: 'y.yaml' },
        { code: 'outside-root', message: 'l.yaml: symbolic link to /etc/passwd', file: 'l.yaml' },
      ]),
    ).toEqual([
      { path: 'l.yaml', code: 'outside-root', reason: 'symbolic link to /etc/passwd' },
      { path: 'x.yaml', code: 'unreadable', reason: 'cannot be read: EACCES' },
    ]);
  });
});
