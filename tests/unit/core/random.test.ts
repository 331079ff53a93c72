import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../../../src/core/random';

const RUNS = { numRuns: 200 };

const draw = (seed: number | string, k: number) => {
  const rng = createRng(seed);
  return Array.from({ length: k }, () => rng.next());
};

describe('createRng', () => {
  it('gives the same sequence for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        expect(draw(seed, 20)).toEqual(draw(seed, 20));
        const a = createRng(seed);
        const b = createRng(seed);
        for (let i = 0; i < 20; i++) expect(a.int(1, 1000)).toBe(b.int(1, 1000));
      }),
      RUNS,
    );
  });

  it('gives different sequences for different seeds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (s1, s2) => {
        fc.pre(s1 !== s2);
        expect(draw(s1, 5)).not.toEqual(draw(s2, 5));
      }),
      RUNS,
    );
  });

  it('neighbouring seeds (1, 2, 3) differ from one another', () => {
    const seqs = [1, 2, 3].map((s) => JSON.stringify(draw(s, 10)));
    expect(new Set(seqs).size).toBe(3);
  });

  it('is not a constant: a sequence has many distinct values', () => {
    expect(new Set(draw(1, 100)).size).toBe(100);
  });

  it('next() stays in [0, 1)', () => {
    const rng = createRng(42);
    const values = Array.from({ length: 10_000 }, () => rng.next());
    expect(values.filter((v) => !(v >= 0 && v < 1))).toEqual([]);
  });

  it('int(lo, hi) returns integers in [lo, hi]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        (seed, lo, span) => {
          const hi = lo + span;
          const rng = createRng(seed);
          const values = Array.from({ length: 50 }, () => rng.int(lo, hi));
          expect(values.filter((v) => !Number.isInteger(v) || v < lo || v > hi)).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('int(lo, hi) hits both ends and every value in between over many draws, roughly uniformly', () => {
    const rng = createRng(7);
    const counts = new Map<number, number>();
    const n = 12_000;
    for (let i = 0; i < n; i++) {
      const v = rng.int(1, 6);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const c of counts.values()) {
      // Expected 2000 each; a fair die stays well within ±15 %.
      expect(c).toBeGreaterThan(1700);
      expect(c).toBeLessThan(2300);
    }
  });

  it('int(lo, lo) always returns lo', () => {
    const rng = createRng(3);
    for (let i = 0; i < 100; i++) expect(rng.int(5, 5)).toBe(5);
  });

  it('int(1, 100) reaches both 1 and 100', () => {
    const rng = createRng(123);
    const seen = new Set<number>();
    for (let i = 0; i < 5_000; i++) seen.add(rng.int(1, 100));
    expect(seen.has(1)).toBe(true);
    expect(seen.has(100)).toBe(true);
    expect(seen.has(0)).toBe(false);
    expect(seen.has(101)).toBe(false);
    expect(seen.size).toBe(100);
  });
});
