import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashString, mulberry32, seededRandom } from '../../../src/executors/seeded-random';

describe('seeded random', () => {
  it('GIVEN the same parts THEN the same sequence', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.integer({ min: 1, max: 20 }), (seed, block, attempt) => {
        const a = seededRandom(seed, block, attempt);
        const b = seededRandom(seed, block, attempt);
        expect([a(), a(), a()]).toEqual([b(), b(), b()]);
      }),
    );
  });

  it('GIVEN any seed THEN values lie in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const next = mulberry32(seed);
        for (let i = 0; i < 20; i++) {
          const v = next();
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThan(1);
        }
      }),
    );
  });

  it('GIVEN neighbouring attempts THEN their first draws differ', () => {
    const firsts = new Set(Array.from({ length: 50 }, (_, i) => seededRandom('run-seed', 'clone-tester', i)()));
    expect(firsts.size).toBe(50);
  });

  it('GIVEN many draws THEN the mean is near one half', () => {
    const next = seededRandom('mean-check');
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += next();
    expect(sum / 10_000).toBeGreaterThan(0.47);
    expect(sum / 10_000).toBeLessThan(0.53);
  });

  it('GIVEN a string THEN the hash is an unsigned 32-bit integer', () => {
    expect(hashString('')).toBe(hashString(''));
    expect(hashString('a')).not.toBe(hashString('b'));
    expect(Number.isInteger(hashString('abc')) && hashString('abc') >= 0 && hashString('abc') < 2 ** 32).toBe(true);
  });
});
