import { describe, expect, it } from 'vitest';
import { hardCandidates, hardCount, hardCycle, MAX_HARD_CANDIDATES, missed } from '../../../src/core/hardExamples';
import { createRng } from '../../../src/core/random';

describe('hard-example sampling', () => {
  it('scores half an epoch of candidates before it, at most MAX_HARD_CANDIDATES', () => {
    expect(MAX_HARD_CANDIDATES).toBe(500);
    expect(hardCandidates(1)).toBe(1);
    expect(hardCandidates(300)).toBe(150);
    expect(hardCandidates(999)).toBe(500);
    expect(hardCandidates(1_000)).toBe(500);
    expect(hardCandidates(5_000)).toBe(500);
  });

  it('missed keeps the items answered wrong, in order, and refuses answers that do not fit', () => {
    expect(missed(['a', 'b', 'c', 'd'], [true, false, true, false])).toEqual(['b', 'd']);
    expect(missed(['a'], [true])).toEqual([]);
    expect(() => missed(['a', 'b'], [true])).toThrow(/2 items but 1 answers/);
  });

  it('hardCount: the share of the batch, rounded; none from an empty pool or with share 0', () => {
    expect(hardCount(64, 0.25, 10)).toBe(16);
    expect(hardCount(64, 0.5, 1)).toBe(32);
    expect(hardCount(10, 0.33, 5)).toBe(3);
    expect(hardCount(10, 0.35, 5)).toBe(4);
    expect(hardCount(64, 0.25, 0)).toBe(0);
    expect(hardCount(64, 0, 10)).toBe(0);
    expect(hardCount(3, 0.9, 10)).toBe(3);
  });

  it('hardCycle hands out every item once before any twice, in a seeded order', () => {
    const pool = ['a', 'b', 'c', 'd', 'e'];
    const next = hardCycle(pool, createRng(1));
    const first = [...next(2), ...next(3)];
    expect([...first].sort()).toEqual(pool);
    const second = next(5);
    expect([...second].sort()).toEqual(pool);
    expect(next(12)).toHaveLength(12);
    // The same seed, the same order; the pool itself is left as it was.
    expect([...hardCycle(pool, createRng(1))(5)]).toEqual(first);
    expect(pool).toEqual(['a', 'b', 'c', 'd', 'e']);
    const orders = new Set(Array.from({ length: 20 }, (_, s) => hardCycle(pool, createRng(s))(5).join('')));
    expect(orders.size).toBeGreaterThan(10);
  });

  it('hardCycle of an empty pool hands out nothing, and asks nothing of the generator', () => {
    let draws = 0;
    const next = hardCycle([], { next: () => (draws++, 0.5), int: () => (draws++, 0) });
    expect(next(4)).toEqual([]);
    expect(next(0)).toEqual([]);
    expect(draws).toBe(0);
  });
});
