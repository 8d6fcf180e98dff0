import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applyChanges, type Change, partitionOverlaps } from '../../src/patch/index.js';

const text = 'spec:\n  containers:\n  - name: a\n    image: x\n';
const first = {
  id: 'one',
  doc: 0,
  ops: [{ op: 'add' as const, path: '/spec/containers/0/securityContext', value: { runAsNonRoot: true } }],
};

describe('overlapping changes in one call', () => {
  test('a second add of the same new parent is refused, not silently merged over the first', () => {
    const second = {
      id: 'two',
      doc: 0,
      ops: [
        { op: 'add' as const, path: '/spec/containers/0/securityContext', value: { allowPrivilegeEscalation: false } },
      ],
    };
    const r = applyChanges(text, [first, second]);
    expect(r.applied).toEqual(['one']);
    expect(r.refused).toEqual([
      {
        id: 'two',
        code: 'patch-conflict',
        message: 'its paths overlap an earlier change of this call; re-plan it on the patched text',
      },
    ]);
    expect(r.text).toBe(`${text}    securityContext:\n      runAsNonRoot: true\n`);
  });

  test('a change inside a path another change creates is refused too, in JSON as in YAML', () => {
    const inside = {
      id: 'inside',
      doc: 0,
      ops: [{ op: 'add' as const, path: '/spec/containers/0/securityContext/runAsUser', value: 1000 }],
    };
    const json = '{\n  "spec": {\n    "containers": [\n      {\n        "name": "a"\n      }\n    ]\n  }\n}\n';
    const r = applyChanges(json, [first, inside], { format: 'json' });
    expect(r.applied).toEqual(['one']);
    expect(r.refused.map((x) => [x.id, x.code])).toEqual([['inside', 'patch-conflict']]);
  });

  test('disjoint paths in one container both apply; the same paths in another document do not conflict', () => {
    const sibling = {
      id: 'res',
      doc: 0,
      ops: [{ op: 'add' as const, path: '/spec/containers/0/resources', value: { limits: { cpu: '500m' } } }],
    };
    const otherDoc = { ...first, id: 'doc1', doc: 1 };
    const r = applyChanges(`${text}---\n${text}`, [first, sibling, otherDoc]);
    expect(r.refused).toEqual([]);
    expect(r.applied).toEqual(['one', 'res', 'doc1']);
  });
});

describe('partitionOverlaps', () => {
  /** The definition, pair by pair (what the set lookups must agree with). */
  function reference(changes: Change[]): { batch: Change[]; deferred: Change[] } {
    const touches = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
    const batch: Change[] = [];
    const deferred: Change[] = [];
    const taken: string[] = [];
    for (const c of changes) {
      const paths = c.ops.map((op) => `${c.doc}:${op.path}`);
      if (paths.some((p) => taken.some((t) => touches(p, t)))) deferred.push(c);
      else {
        batch.push(c);
        taken.push(...paths);
      }
    }
    return { batch, deferred };
  }

  test('agrees with the pairwise definition on random paths (prefixes, equal paths, other documents)', () => {
    const token = fc.constantFrom('a', 'ab', 'b', '0', '1', '-', '', 'a~1b');
    const path = fc.array(token, { maxLength: 4 }).map((ts) => ts.map((t) => `/${t}`).join(''));
    const change = fc.record({ doc: fc.nat(2), paths: fc.array(path, { minLength: 1, maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), (list) => {
        const changes: Change[] = list.map((c, i) => ({
          id: String(i),
          doc: c.doc,
          ops: c.paths.map((p) => ({ op: 'remove' as const, path: p })),
        }));
        expect(partitionOverlaps(changes, (c) => c)).toEqual(reference(changes));
      }),
      { numRuns: 2000 },
    );
  });
});
