import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../../../src/core/random';
import { randomSumPairs } from '../../../src/core/problems';

const RUNS = { numRuns: 200 };

const problem = fc.record({
  nNumbers: fc.integer({ min: 2, max: 6 }),
  largest: fc.integer({ min: 1, max: 99_999 }),
});

describe('randomSumPairs', () => {
  it('returns count examples of nNumbers terms in [1, largest] with their sums', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 60 }), problem, (seed, count, p) => {
        const { terms, sums } = randomSumPairs(createRng(seed), count, p);
        expect(terms).toHaveLength(count);
        expect(sums).toHaveLength(count);
        const bad = terms.filter(
          (row, i) =>
            row.length !== p.nNumbers ||
            !row.every((t) => Number.isInteger(t) && t >= 1 && t <= p.largest) ||
            sums[i] !== row.reduce((a, b) => a + b, 0),
        );
        expect(bad).toEqual([]);
      }),
      RUNS,
    );
  });

  it('returns nothing for count 0', () => {
    expect(randomSumPairs(createRng(1), 0, { nNumbers: 2, largest: 10 })).toEqual({ terms: [], sums: [] });
  });

  it('is deterministic by seed', () => {
    const p = { nNumbers: 3, largest: 100 };
    expect(randomSumPairs(createRng(9), 50, p)).toEqual(randomSumPairs(createRng(9), 50, p));
    expect(randomSumPairs(createRng(9), 50, p)).not.toEqual(randomSumPairs(createRng(10), 50, p));
  });

  it('draws terms over the whole range, both ends included', () => {
    const { terms } = randomSumPairs(createRng(5), 1_000, { nNumbers: 2, largest: 3 });
    const seen = new Set(terms.flat());
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('with largest = 1 every term is 1 and every sum is nNumbers', () => {
    const { terms, sums } = randomSumPairs(createRng(2), 20, { nNumbers: 4, largest: 1 });
    expect(terms.flat().every((t) => t === 1)).toBe(true);
    expect(sums.every((s) => s === 4)).toBe(true);
  });

  it('advances the generator: two consecutive batches from one rng differ', () => {
    const rng = createRng(11);
    const p = { nNumbers: 2, largest: 100 };
    expect(randomSumPairs(rng, 20, p)).not.toEqual(randomSumPairs(rng, 20, p));
  });
});
