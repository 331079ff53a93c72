import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { denormalise, mappingScale, normaliseSums, normaliseTerms, shuffled, shuffledChanged } from '../../../src/core/mapping';
import { createRng } from '../../../src/core/random';

const RUNS = { numRuns: 200 };

const problem = fc.record({
  nNumbers: fc.integer({ min: 2, max: 6 }),
  largest: fc.integer({ min: 1, max: 99_999 }),
});
const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const sorted = <T>(xs: readonly T[]) => [...xs].sort();

describe('mappingScale', () => {
  it('is largest × n_numbers (the lesson: 100 × 2 = 200)', () => {
    expect(mappingScale({ nNumbers: 2, largest: 100 })).toBe(200);
    expect(mappingScale({ nNumbers: 3, largest: 7 })).toBe(21);
    expect(mappingScale({ nNumbers: 6, largest: 1 })).toBe(6);
  });
});

describe('normaliseTerms', () => {
  it('lays terms out row-major [batch, nNumbers], each divided by the scale', () => {
    const p = { nNumbers: 3, largest: 10 };
    const out = normaliseTerms(
      [
        [3, 10, 1],
        [6, 0, 9],
      ],
      p,
    );
    expect(out).toBeInstanceOf(Float32Array);
    expect(out).toHaveLength(6);
    const expected = [3, 10, 1, 6, 0, 9].map((t) => t / 30);
    expected.forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
  });

  it('puts term j of example b at b * nNumbers + j, for any problem', () => {
    fc.assert(
      fc.property(problem, fc.integer({ min: 0, max: 8 }), seed, (p, batch, s) => {
        const rng = createRng(s);
        const terms = Array.from({ length: batch }, () => Array.from({ length: p.nNumbers }, () => rng.int(1, p.largest)));
        const out = normaliseTerms(terms, p);
        expect(out).toHaveLength(batch * p.nNumbers);
        const scale = p.largest * p.nNumbers;
        for (let b = 0; b < batch; b++) {
          for (let j = 0; j < p.nNumbers; j++) {
            expect(out[b * p.nNumbers + j]).toBe(Math.fround(terms[b][j] / scale));
          }
        }
        // In range: every term in [1, largest] maps into (0, 1 / nNumbers].
        expect(Array.from(out).every((v) => v > 0 && v <= Math.fround(1 / p.nNumbers))).toBe(true);
      }),
      RUNS,
    );
  });

  it('maps an empty batch to an empty array', () => {
    expect(normaliseTerms([], { nNumbers: 2, largest: 100 })).toHaveLength(0);
  });
});

describe('normaliseSums', () => {
  it('divides each sum by the scale, so the largest possible sum is 1', () => {
    const p = { nNumbers: 2, largest: 100 };
    const out = normaliseSums([200, 13, 2], p);
    expect(out).toBeInstanceOf(Float32Array);
    expect(Array.from(out)).toEqual([1, Math.fround(13 / 200), Math.fround(2 / 200)]);
  });
});

describe('denormalise', () => {
  it('multiplies back by the scale', () => {
    expect(denormalise(0.065, { nNumbers: 2, largest: 100 })).toBeCloseTo(13, 10);
    expect(denormalise(1, { nNumbers: 3, largest: 7 })).toBe(21);
  });

  it('inverts normaliseSums (up to float32 rounding), so a perfect model rounds back to the exact sum', () => {
    fc.assert(
      fc.property(problem, fc.array(fc.integer({ min: 1, max: 6 * 99_999 }), { maxLength: 20 }), (p, raw) => {
        const sums = raw.map((s) => Math.min(s, mappingScale(p)));
        const back = Array.from(normaliseSums(sums, p), (y) => denormalise(y, p));
        back.forEach((v, i) => {
          expect(Math.abs(v - sums[i])).toBeLessThan(1e-6 * Math.max(1, sums[i]));
          expect(Math.round(v)).toBe(sums[i]);
        });
      }),
      RUNS,
    );
  });
});

describe('shuffled', () => {
  it('returns a permutation (same multiset) and leaves the input untouched', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 12 }), seed, (items, s) => {
        const before = items.slice();
        const out = shuffled(items, createRng(s));
        expect(out).not.toBe(items);
        expect(items).toEqual(before);
        expect(out).toHaveLength(items.length);
        expect(sorted(out)).toEqual(sorted(items));
      }),
      RUNS,
    );
  });

  it('is deterministic for a seed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 12 }), seed, (items, s) => {
        expect(shuffled(items, createRng(s))).toEqual(shuffled(items, createRng(s)));
      }),
      RUNS,
    );
  });

  it('reaches every order of three items across seeds (not a fixed rotation)', () => {
    const orders = new Set<string>();
    for (let s = 0; s < 200; s++) orders.add(shuffled(['a', 'b', 'c'], createRng(s)).join(''));
    expect(orders.size).toBe(6);
  });
});

describe('shuffledChanged', () => {
  it('always differs from the input order unless all items are equal, and is a permutation', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }), seed, (items, s) => {
        const out = shuffledChanged(items, createRng(s));
        expect(sorted(out)).toEqual(sorted(items));
        const allEqual = items.every((x) => x === items[0]);
        if (allEqual) expect(out).toEqual(items);
        else expect(out).not.toEqual(items);
      }),
      RUNS,
    );
  });

  it('changes the order of every two distinct terms (the usual mapping input)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), seed, (a, b, s) => {
        fc.pre(a !== b);
        expect(shuffledChanged([a, b], createRng(s))).toEqual([b, a]);
      }),
      RUNS,
    );
  });

  it('is deterministic for a seed', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 1 }), { minLength: 1, maxLength: 8 }), seed, (items, s) => {
        expect(shuffledChanged(items, createRng(s))).toEqual(shuffledChanged(items, createRng(s)));
      }),
      RUNS,
    );
  });

  it('returns a copy, not the input, when all items are equal (or there are 0 or 1)', () => {
    for (const items of [[7, 7, 7], ['3'], []]) {
      const out = shuffledChanged(items as unknown[], createRng(1));
      expect(out).toEqual(items);
      expect(out).not.toBe(items);
      out.push('x');
      expect(items).not.toContain('x');
    }
  });
});
