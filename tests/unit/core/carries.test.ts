import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyse } from '../../../src/core/analysis';
import { answerBalanced, balancesCarries, carryBalanced, carryProfile, carryStressSet, hasCarries, placeName } from '../../../src/core/carries';
import { createRng } from '../../../src/core/random';
import { LESSON_PROBLEM, problemSpec } from '../../../src/core/problem';

/**
 * The reference: column i carries out exactly when the terms' lowest i+1
 * digits add up to 10^(i+1) or more (a difference borrows out of column i when
 * the larger number's lowest i+1 digits are below the smaller's).
 */
function reference(terms: number[], op: '+' | '-') {
  const [big, small] = terms[0] >= terms[1] ? terms : [terms[1], terms[0]];
  const out = Array.from({ length: 12 }, (_, i) => {
    const m = 10 ** (i + 1);
    return op === '+' ? terms.reduce((s, t) => s + (t % m), 0) >= m : big % m < small % m;
  });
  let run = 0;
  let longestChain = 0;
  out.forEach((c) => {
    run = c ? run + 1 : 0;
    longestChain = Math.max(longestChain, run);
  });
  return { carries: out.filter(Boolean).length, longestChain, highestInto: out.lastIndexOf(true) === -1 ? -1 : out.lastIndexOf(true) + 1 };
}

describe('carryProfile', () => {
  it('matches the column reference for any addition of 2 to 6 terms', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 99_999 }), { minLength: 2, maxLength: 6 }), (terms) => {
        expect(carryProfile({ terms, ops: terms.slice(1).map(() => '+') })).toEqual(reference(terms, '+'));
      }),
      { numRuns: 500 },
    );
  });

  it('matches the column reference for the borrows of any two-term difference, either way round', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99_999 }), (a, b) => {
        expect(carryProfile({ terms: [a, b], ops: ['-'] })).toEqual(reference([a, b], '-'));
      }),
      { numRuns: 500 },
    );
  });

  it('worked examples', () => {
    expect(carryProfile({ terms: [999, 1], ops: ['+'] })).toEqual({ carries: 3, longestChain: 3, highestInto: 3 });
    expect(carryProfile({ terms: [50, 11], ops: ['+'] })).toEqual({ carries: 0, longestChain: 0, highestInto: -1 });
    expect(carryProfile({ terms: [19, 91], ops: ['+'] })).toEqual({ carries: 2, longestChain: 2, highestInto: 2 });
    expect(carryProfile({ terms: [15, 50, 5], ops: ['+', '+'] })).toEqual({ carries: 1, longestChain: 1, highestInto: 1 });
    expect(carryProfile({ terms: [909, 91], ops: ['+'] })).toEqual({ carries: 3, longestChain: 3, highestInto: 3 });
    expect(carryProfile({ terms: [1000, 1], ops: ['-'] })).toEqual({ carries: 3, longestChain: 3, highestInto: 3 });
    expect(carryProfile({ terms: [1, 1000], ops: ['-'] })).toEqual({ carries: 3, longestChain: 3, highestInto: 3 });
    expect(carryProfile({ terms: [51, 19], ops: ['-'] })).toEqual({ carries: 1, longestChain: 1, highestInto: 1 });
  });

  it('has no profile for products or mixed operators', () => {
    expect(carryProfile({ terms: [3, 4], ops: ['*'] })).toBeUndefined();
    expect(carryProfile({ terms: [3, 4, 5], ops: ['+', '-'] })).toBeUndefined();
    expect(carryProfile({ terms: [3, 4, 5], ops: ['-', '-'] })).toBeUndefined();
    expect(hasCarries({ operators: '+', nNumbers: 4 })).toBe(true);
    expect(hasCarries({ operators: '-', nNumbers: 2 })).toBe(true);
    expect(hasCarries({ operators: '-', nNumbers: 3 })).toBe(false);
    expect(hasCarries({ operators: '+-', nNumbers: 2 })).toBe(false);
  });

  it('names the columns', () => {
    expect([0, 1, 2, 3, 9].map(placeName)).toEqual(['units', 'tens', 'hundreds', 'thousands', '10^9s']);
  });
});

describe('carryStressSet', () => {
  it('holds in-range sums with the chains they claim, longest first, including 99+1 and 9+91', () => {
    const set = carryStressSet(LESSON_PROBLEM);
    const spec = problemSpec(LESSON_PROBLEM);
    const shown = set.map((e) => e.terms.join('+'));
    expect(shown).toEqual(expect.arrayContaining(['99+1', '9+91', '1+99', '99+99']));
    expect(shown[0]).toMatch(/^(99\+1|1\+99|9\+91|91\+9|99\+\d+|\d+\+99)$/);
    const chains = set.map((e) => carryProfile(e)!.longestChain);
    expect(chains.every((c) => c >= 1)).toBe(true);
    expect([...chains].sort((a, b) => b - a)).toEqual(chains);
    expect(chains[0]).toBe(2);
    for (const e of set) {
      expect(e.terms.every((t) => t >= 1 && t <= 100)).toBe(true);
      expect(e.value).toBe(e.terms[0] + e.terms[1]);
      expect(spec.parse(e.terms.join('+')).ok).toBe(true);
    }
    expect(new Set(shown).size).toBe(shown.length);
  });

  it('reaches chains as long as the numbers allow: 999+1 for largest 999, 1000-1 for a difference', () => {
    const three = carryStressSet({ ...LESSON_PROBLEM, largest: 999 });
    expect(carryProfile(three[0])!.longestChain).toBe(3);
    expect(three.map((e) => e.terms.join('+'))).toContain('999+1');
    const minus = carryStressSet({ ...LESSON_PROBLEM, operators: '-', largest: 1000 });
    expect(minus.map((e) => e.terms.join('-'))).toContain('1000-1');
    expect(minus.every((e) => e.value === e.terms[0] - e.terms[1] && e.value >= 0)).toBe(true);
    expect(carryStressSet({ ...LESSON_PROBLEM, operators: '*' })).toEqual([]);
    const four = carryStressSet({ ...LESSON_PROBLEM, nNumbers: 4, minNumbers: 4 }, 5);
    expect(four).toHaveLength(5);
    expect(four.every((e) => e.terms.length === 4 && e.value === e.terms.reduce((a, b) => a + b, 0))).toBe(true);
  });
});

describe('analyse', () => {
  const sums = [
    { terms: [50, 11], ops: ['+' as const] }, // 61: no carry
    { terms: [19, 91], ops: ['+' as const] }, // 110: two carries
    { terms: [15, 5], ops: ['+' as const] }, // 20: one carry
    { terms: [9, 1], ops: ['+' as const] }, // 10: one carry
  ];
  const expected = [' 61', '110', ' 20', ' 10'];

  it('groups exact-match by carries and by longest chain', () => {
    const a = analyse(sums, [' 61', '100', ' 20', ' 11'], expected);
    expect(a.byCarries).toEqual([
      { key: 0, count: 1, right: 1 },
      { key: 1, count: 2, right: 1 },
      { key: 2, count: 1, right: 0 },
    ]);
    expect(a.byChain).toEqual(a.byCarries);
  });

  it('scores each answer position from the units up, and counts wrong digits by position', () => {
    const a = analyse(sums, [' 61', '100', ' 20', ' 11'], expected);
    expect(a.byPosition).toEqual([
      { place: 'units', accuracy: 0.75 },
      { place: 'tens', accuracy: 0.75 },
      { place: 'hundreds', accuracy: 1 },
    ]);
    expect(a.confusion).toHaveLength(3);
    // units: 0 written as 1 (10 → 11); tens: 1 written as 0 (110 → 100).
    expect(a.confusion[0][0][1]).toBe(1);
    expect(a.confusion[1][1][0]).toBe(1);
    const total = a.confusion.flat(2).reduce((s, n) => s + n, 0);
    expect(total).toBe(2);
  });

  it('has no carry groups for products, and handles no sums', () => {
    const a = analyse([{ terms: [3, 4], ops: ['*'] }], ['12'], ['12']);
    expect(a.byCarries).toEqual([]);
    expect(a.byPosition).toEqual([{ place: 'units', accuracy: 1 }, { place: 'tens', accuracy: 1 }]);
    expect(analyse([], [], [])).toEqual({ byCarries: [], byChain: [], byPosition: [], confusion: [] });
  });
});

describe('balancesCarries', () => {
  it('only where asked and the sums carry: + alone, or - alone with two numbers', () => {
    const c = { operators: '+', nNumbers: 2, sampling: 'carry-balanced' };
    expect(balancesCarries(c)).toBe(true);
    expect(balancesCarries({ ...c, sampling: 'uniform' })).toBe(false);
    expect(balancesCarries({ ...c, operators: '-' })).toBe(true);
    expect(balancesCarries({ ...c, operators: '-', nNumbers: 3 })).toBe(false);
    expect(balancesCarries({ ...c, operators: '*' })).toBe(false);
    expect(balancesCarries({ ...c, operators: '+-' })).toBe(false);
    expect(balancesCarries({ ...c, sampling: 'carry-and-length-balanced' })).toBe(true);
    expect(balancesCarries({ ...c, sampling: 'length-balanced' })).toBe(false);
  });
});

describe('carry-balanced sampling', () => {
  const spec = problemSpec(LESSON_PROBLEM);
  const draw = (rng: Parameters<typeof spec.generate>[0], n: number) => spec.generate(rng, n);
  const counts = (sums: { terms: number[]; ops: ('+' | '-' | '*')[] }[]) => {
    const by = new Map<number, number>();
    for (const e of sums) by.set(carryProfile(e)!.carries, (by.get(carryProfile(e)!.carries) ?? 0) + 1);
    return [...by.entries()].sort(([a], [b]) => a - b);
  };

  it('draws as many sums with each carry count, where uniform draws favour few carries', () => {
    const uniform = counts(spec.generate(createRng('u'), 300));
    expect(uniform.map(([k]) => k)).toEqual([0, 1, 2]);
    expect(uniform[0][1]).toBeGreaterThan(uniform[2][1] * 1.5);
    const balanced = counts(carryBalanced(draw, createRng('b'), 300));
    expect(balanced).toEqual([[0, 100], [1, 100], [2, 100]]);
  });

  it('is the seed’s: the same sums for the same seed, others for another', () => {
    const a = carryBalanced(draw, createRng(5), 64);
    expect(carryBalanced(draw, createRng(5), 64)).toEqual(a);
    expect(carryBalanced(draw, createRng(6), 64)).not.toEqual(a);
    expect(a).toHaveLength(64);
  });

  it('takes turns from the fewest carries up, newest drawn first, and stops when every count is used up', () => {
    const sum = (a: number, b: number) => ({ terms: [a, b], ops: ['+' as const], value: a + b });
    // Drawn in this order: carries 2, 0, 1, 0, 2.
    const pool = [sum(55, 55), sum(1, 2), sum(5, 5), sum(3, 4), sum(99, 1)];
    const take = (count: number) => carryBalanced(() => pool, createRng(1), count).map((e) => e.terms.join('+'));
    expect(take(4)).toEqual(['3+4', '5+5', '99+1', '1+2']);
    // Asked for more than the draw holds: every sum once, then no more.
    expect(take(10)).toEqual(['3+4', '5+5', '99+1', '1+2', '55+55']);
  });

  it('fills from the counts that exist when one runs out', () => {
    // largest 5: only 5+5 carries, 1 sum in 25.
    const small = problemSpec({ ...LESSON_PROBLEM, largest: 5 });
    const sums = carryBalanced((rng, n) => small.generate(rng, n), createRng('s'), 40);
    expect(sums).toHaveLength(40);
    const [[, none], [, one]] = counts(sums);
    expect(one).toBeGreaterThan(5);
    expect(none + one).toBe(40);
  });
});

describe('answerBalanced (as many training sums with each answer’s tens)', () => {
  const sum = (a: number, b: number) => ({ terms: [a, b], ops: ['+' as const], value: a + b });

  it('takes one sum of each tens before a second of any, newest drawn first, and stops when every tens is used up', () => {
    // Drawn in this order: answers in the 190s, 0s, 10s, 0s, 100s.
    const pool = [sum(99, 98), sum(1, 2), sum(5, 5), sum(3, 4), sum(99, 1)];
    const take = (count: number, seed = 1) => answerBalanced(() => pool, createRng(seed), count).map((e) => e.terms.join('+'));
    expect([...take(4)].sort()).toEqual(['3+4', '5+5', '99+1', '99+98']);
    expect(take(10)).toEqual([...take(4), '1+2']);
    // The tens take turns in the seed's order.
    expect(take(4)).toEqual(take(4));
    expect(new Set([1, 2, 3, 4, 5, 6].map((seed) => take(4, seed).join()))).not.toEqual(new Set([take(4).join()]));
  });

  it('with more tens than sums asked, takes them from the whole range, not the smallest answers', () => {
    const wide = problemSpec({ ...LESSON_PROBLEM, largest: 999 });
    const sums = answerBalanced((rng, n) => wide.generate(rng, n), createRng('w'), 50);
    expect(sums).toHaveLength(50);
    expect(new Set(sums.map((e) => Math.floor(e.value / 10))).size).toBe(50);
    expect(Math.max(...sums.map((e) => e.value))).toBeGreaterThan(1_000);
  });

  it('on the lesson’s problem the largest and smallest answers come up as often as the middle ones, as far as the draw holds them', () => {
    const spec = problemSpec(LESSON_PROBLEM);
    const draw = (rng: ReturnType<typeof createRng>, n: number) => spec.generate(rng, n);
    const tens = (sums: { value: number }[]) => {
      const c = new Map<number, number>();
      for (const e of sums) c.set(Math.floor(e.value / 10), (c.get(Math.floor(e.value / 10)) ?? 0) + 1);
      return c;
    };
    const plain = tens(draw(createRng('p'), 2100));
    const balanced = tens(answerBalanced(draw, createRng('p'), 2100));
    // Answers 180–199 are about 2 % of sums as asked; balanced, each of their tens is near 1 in 21.
    expect((plain.get(18) ?? 0) + (plain.get(19) ?? 0)).toBeLessThan(60);
    expect(balanced.get(18)).toBeGreaterThan(80);
    expect(balanced.get(19)).toBeGreaterThan(80);
    expect(Math.max(...balanced.values())).toBeLessThan(120);
    expect([...balanced.values()].reduce((a, b) => a + b, 0)).toBe(2100);
  });
});
