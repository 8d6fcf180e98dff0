/** Lines and comments of kept explicit values. */
import { describe, expect, it } from 'vitest';
import { skipPositions, trailingComment } from '../../src/locate/field-position.js';

describe('trailingComment', () => {
  it.each([
    ['privileged: true   # needs net admin', 'needs net admin'],
    ['image: "a#b"  # pinned', 'pinned'],
    ["url: 'http://x/#frag'", undefined],
    ['key: a#b', undefined],
    ['# whole line', 'whole line'],
    ['value: x #', undefined],
  ])('%s', (line, comment) => {
    expect(trailingComment(line)).toBe(comment);
  });
});

describe('skipPositions', () => {
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    '---',
    'spec:',
    '  # why: iptables',
    '  hostNetwork: true',
    '  containers:',
    '  - name: a',
    '    securityContext: {privileged: true}  # net admin',
    '',
  ].join('\n');

  it('finds the line of each pointer in its document, with the comment beside or right above it', () => {
    const at = skipPositions(text, [
      { doc: 1, pointer: '/spec/hostNetwork' },
      { doc: 1, pointer: '/spec/containers/0/securityContext/privileged' },
      { doc: 1, pointer: '/spec/missing' },
    ]);
    expect([...at]).toEqual([
      ['1|/spec/hostNetwork', { line: 6, comment: 'why: iptables' }],
      ['1|/spec/containers/0/securityContext/privileged', { line: 9, comment: 'net admin' }],
    ]);
  });
});
