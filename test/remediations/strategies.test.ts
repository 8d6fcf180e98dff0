import { describe, expect, test } from 'vitest';
import { planSets, resolveField } from '../../src/remediations/fields.js';
import { isImageUnpinned, parseQuantity } from '../../src/remediations/strategies.js';

describe('parseQuantity', () => {
  test.each([
    ['500m', 0.5],
    ['2', 2],
    [2, 2],
    ['1.5', 1.5],
    ['128Mi', 128 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['1e3', 1000],
    ['100k', 1e5],
  ])('%s = %d', (q, n) => {
    expect(parseQuantity(q)).toBe(n);
  });

  test.each(['', 'lots', '1 Gi', '1gi', null, true])('%s is not a quantity', (q) => {
    expect(parseQuantity(q)).toBe(undefined);
  });
});

describe('isImageUnpinned', () => {
  test.each([
    ['nginx', false, true],
    ['docker.io/library/nginx:latest', false, true],
    ['registry.local:5000/team/app', false, true],
    ['registry.local:5000/team/app:v2', false, false],
    ['app@sha256:abc', false, false],
    ['app:1.0@sha256:abc', true, false],
    ['app:1.0', true, true],
    ['', false, false],
  ])('%s (requireDigest %s) → %s', (image, requireDigest, unpinned) => {
    expect(isImageUnpinned(image, requireDigest)).toBe(unpinned);
  });
});

describe('fields', () => {
  test('[*] fans out over list items and yields nothing for a missing list', () => {
    const c = { ports: [{ hostPort: 80 }, {}, { hostPort: 0 }] };
    expect(resolveField(c, 'ports[*].hostPort')).toEqual([
      { tokens: ['ports', 0, 'hostPort'], value: 80 },
      { tokens: ['ports', 1, 'hostPort'], value: undefined },
      { tokens: ['ports', 2, 'hostPort'], value: 0 },
    ]);
    expect(resolveField({}, 'ports[*].hostPort')).toEqual([]);
  });

  test('planSets merges sets under one missing parent, adds under an existing one, replaces existing values', () => {
    const base = { resources: { limits: { cpu: '1' } } };
    expect(
      planSets(base, '/c', [
        { tokens: ['resources', 'limits', 'cpu'], value: '2' },
        { tokens: ['resources', 'requests', 'cpu'], value: '1' },
        { tokens: ['resources', 'requests', 'memory'], value: '1Gi' },
        { tokens: ['securityContext', 'runAsNonRoot'], value: true },
      ]),
    ).toEqual([
      { op: 'replace', path: '/c/resources/limits/cpu', value: '2' },
      { op: 'add', path: '/c/resources/requests', value: { cpu: '1', memory: '1Gi' } },
      { op: 'add', path: '/c/securityContext', value: { runAsNonRoot: true } },
    ]);
  });

  test('pointer tokens are escaped (RFC 6901)', () => {
    expect(planSets({}, '/m', [{ tokens: ['a/b', 'c~d'], value: 1 }])).toEqual([
      { op: 'add', path: '/m/a~1b', value: { 'c~d': 1 } },
    ]);
  });
});
