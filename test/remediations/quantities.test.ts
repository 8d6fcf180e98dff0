/** Resource quantities kubemend derives (never invents): scaling in the author's unit, accelerators. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceleratorsOf, parseQuantity, scaleQuantity } from '../../src/remediations/strategies.js';

describe('scaleQuantity', () => {
  it.each([
    ['90Mi', 2, '180Mi'],
    ['0.5Gi', 1.5, '768Mi'],
    ['1Gi', 1.5, '1536Mi'],
    ['100m', 2, '200m'],
    ['1', 1.5, '1500m'],
    ['250m', 1.5, '375m'],
    ['1k', 2, '2k'],
    ['3', 1.1, '3300m'],
    ['1e3', 2, '2000'],
    ['1e-1', 2, '200m'],
    ['250000000n', 2, '500000000n'],
    ['1500u', 1.5, '2250u'],
    ['0.5n', 3, '2n'],
    ['512Mi', 1, '512Mi'],
  ])('%s × %s = %s', (q, f, out) => {
    expect(scaleQuantity(q, f)).toBe(out);
  });

  it('is never below the exact product, and within one base unit (byte, millicore) of it', () => {
    const suffix = fc.constantFrom('', 'n', 'u', 'm', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        suffix,
        fc.double({ min: 1, max: 4, noNaN: true }),
        (n, s, factor) => {
          const q = `${n}${s}`;
          const out = scaleQuantity(q, factor);
          const exact = (parseQuantity(q) as number) * factor;
          const got = parseQuantity(out) as number;
          const unit =
            s === 'n'
              ? 1e-9
              : s === 'u'
                ? 1e-6
                : s === 'm' || s === '' || s === 'k' || s === 'M' || s === 'G'
                  ? 1e-3
                  : 1;
          return got >= exact - 1e-9 * exact && got - exact <= unit + 1e-9 * exact;
        },
      ),
    );
  });
});

describe('acceleratorsOf', () => {
  it('names the device-plugin resources a container asks for', () => {
    const c = {
      resources: {
        requests: { cpu: 1, 'nvidia.com/gpu': 1 },
        limits: { 'google.com/tpu': 4, 'amd.com/gpu': 1, 'example.com/foo': 1 },
      },
    };
    expect(acceleratorsOf(c)).toEqual(['nvidia.com/gpu', 'google.com/tpu', 'amd.com/gpu']);
    expect(acceleratorsOf({ resources: { limits: { memory: '1Gi', 'hugepages-2Mi': '1Gi' } } })).toEqual([]);
  });
});
