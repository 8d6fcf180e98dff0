import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { planHardening } from '../../bench/corpus-plan.js';
import { applyChanges } from '../../src/patch/index.js';
import { docValues, keptLines, patched } from './helpers.js';

type Obj = Record<string, unknown>;

interface Style {
  indent: number;
  seqIndent: boolean;
  eol: '\n' | '\r\n';
  flowSecurityContext: boolean;
  finalNewline: boolean;
  quote: boolean;
  /** Drives comments and blank lines: cycled through, one number per entry. */
  decor: number[];
}

/** Renders a manifest in a given style, with own-line comments, trailing comments and blank lines. */
function render(obj: Obj, s: Style): string {
  let n = 0;
  const next = () => s.decor[n++ % s.decor.length] as number;
  const scalar = (v: unknown) => (typeof v === 'string' && s.quote && v.includes(':') ? `"${v}"` : String(v));
  const flow = (v: unknown): string =>
    Array.isArray(v)
      ? `[${v.map(flow).join(', ')}]`
      : typeof v === 'object' && v !== null
        ? `{${Object.entries(v)
            .map(([k, x]) => `${k}: ${flow(x)}`)
            .join(', ')}}`
        : scalar(v);
  const map = (o: Obj, col: number, firstPrefix?: string): string[] => {
    const lines: string[] = [];
    for (const [i, [k, v]] of Object.entries(o).entries()) {
      const d = next();
      const pad = i === 0 && firstPrefix !== undefined ? firstPrefix : ' '.repeat(col);
      if (d === 1 && !(i === 0 && firstPrefix !== undefined)) lines.push(`${' '.repeat(col)}# about ${k}`);
      const trailing = d === 2 ? ' # note' : '';
      if (k === 'securityContext' && s.flowSecurityContext) lines.push(`${pad}${k}: ${flow(v)}${trailing}`);
      else if (Array.isArray(v) && v.length > 0) {
        lines.push(`${pad}${k}:${trailing}`);
        const dash = col + (s.seqIndent ? s.indent : 0);
        for (const item of v) {
          if (typeof item === 'object' && item !== null)
            lines.push(...map(item as Obj, dash + 2, `${' '.repeat(dash)}- `));
          else lines.push(`${' '.repeat(dash)}- ${scalar(item)}`);
        }
      } else if (typeof v === 'object' && v !== null && Object.keys(v).length > 0) {
        lines.push(`${pad}${k}:${trailing}`, ...map(v as Obj, col + s.indent));
      } else lines.push(`${pad}${k}: ${flow(v)}${trailing}`);
      if (d === 3) lines.push('');
    }
    return lines;
  };
  const body = map(obj, 0).join(s.eol);
  return s.finalNewline ? body + s.eol : body;
}

const container = (i: number) =>
  fc.record(
    {
      name: fc.constant(`app-${i}`),
      image: fc.constantFrom('nginx:1.25', 'redis', 'ghcr.io/x/y:v2'),
      securityContext: fc.record(
        {
          runAsUser: fc.constant(1000),
          privileged: fc.boolean(),
          allowPrivilegeEscalation: fc.boolean(),
          capabilities: fc.record({ drop: fc.constant(['NET_RAW']) }),
        },
        { requiredKeys: [] },
      ),
      resources: fc.oneof(
        fc.constant({}),
        fc.record({ requests: fc.record({ cpu: fc.constant('100m') }) }),
        fc.record({ limits: fc.record({ memory: fc.constant('64Mi') }, { requiredKeys: [] }) }),
      ),
    },
    { requiredKeys: ['name', 'image'] },
  );

const deployment = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.boolean()).chain(([count, hostNetwork]) =>
  fc
    .tuple(fc.tuple(...Array.from({ length: count }, (_, i) => container(i))), fc.constant(hostNetwork))
    .map(([containers, host]) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { ...(host ? { hostNetwork: true } : {}), containers },
        },
      },
    })),
);

const style: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom(2, 4),
  seqIndent: fc.boolean(),
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  flowSecurityContext: fc.boolean(),
  finalNewline: fc.boolean(),
  quote: fc.boolean(),
  decor: fc.array(fc.nat(5), { minLength: 8, maxLength: 40 }),
});

const EDITABLE_LINE =
  /^\s*(?:(- )?(securityContext|capabilities|drop|resources|limits|privileged|hostNetwork|allowPrivilegeEscalation|runAsNonRoot|cpu|memory)\s*:)/;

describe('property: generated manifests in varied styles, random plans', () => {
  test('untouched lines kept in order, semantics exact, a second plan is empty', () => {
    fc.assert(
      fc.property(deployment, style, fc.infiniteStream(fc.boolean()), (obj, s, picks) => {
        const text = render(obj, s);
        expect(docValues(text)).toEqual([obj]);
        const plan = planHardening(obj, 'gen.yaml', 0).filter(() => picks.next().value as boolean);
        const r = applyChanges(text, plan);
        expect(r.refused).toEqual([]);
        expect(r.applied).toEqual(plan.map((c) => c.id));
        // Semantics: exactly the ops, nothing else.
        expect(docValues(r.text)).toEqual([
          patched(
            obj,
            plan.flatMap((c) => c.ops),
          ),
        ]);
        // Bytes: every line no op can touch is still there, in order; line endings and final newline follow the file.
        const untouched = text.split(/\r?\n/).filter((l) => !EDITABLE_LINE.test(l));
        expect(keptLines(untouched.join('\n'), r.text)).toBe(untouched.length);
        if (s.eol === '\r\n')
          expect(
            r.text
              .split('\n')
              .slice(0, -1)
              .every((l) => l.endsWith('\r')),
          ).toBe(true);
        expect(r.text.endsWith('\n')).toBe(text.endsWith('\n'));
        // Idempotence: the same plan computed against the new document has nothing left for those changes.
        const again = planHardening(docValues(r.text)[0], 'gen.yaml', 0).filter((c) => plan.some((p) => p.id === c.id));
        expect(again).toEqual([]);
        expect(applyChanges(r.text, again).text).toBe(r.text);
      }),
      { numRuns: 200, seed: 20261125 },
    );
  });

  test('a no-op plan gives identical bytes', () => {
    fc.assert(
      fc.property(deployment, style, (obj, s) => {
        const text = render(obj, s);
        const r = applyChanges(text, [{ id: 't', doc: 0, ops: [{ op: 'test', path: '/kind', value: 'Deployment' }] }]);
        expect(r).toEqual({ text, applied: ['t'], refused: [] });
      }),
      { numRuns: 50, seed: 7 },
    );
  });
});
