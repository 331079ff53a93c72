import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_CONFIG, PRESETS } from '../../../src/core/config';
import { cellRange, describeTally, LONGER_PER_CELL, longerRefusal, longerSet, scoreLonger, summariseLonger } from '../../../src/core/longer';
import { digitCount, LESSON_PROBLEM, problemSpec, type ProblemSettings } from '../../../src/core/problem';
import { createRng } from '../../../src/core/random';

const problem = (p: Partial<ProblemSettings>) => problemSpec({ ...LESSON_PROBLEM, ...p });

describe('digitCount', () => {
  it.each([[1, 1], [9, 1], [10, 2], [99, 2], [100, 3], [9_999, 4], [10_000, 5], [-999, 3], [0, 1]])('%i has %i digits', (n, d) => {
    expect(digitCount(n)).toBe(d);
  });
});

describe('widths with test largest', () => {
  it('widen input and answer to fit terms up to test largest, while the questions stay up to largest', () => {
    const plain = problem({ largest: 100 });
    const wide = problem({ largest: 100, testLargest: 9_999 });
    expect([plain.inWidth, plain.outWidth, plain.termDigits, plain.roomFor]).toEqual([7, 3, 3, 100]);
    expect([wide.inWidth, wide.outWidth, wide.termDigits, wide.roomFor]).toEqual([9, 5, 4, 9_999]);
    // Same questions, answer range and alphabet: only the room differs.
    expect(wide.answerRange).toEqual(plain.answerRange);
    expect(wide.alphabet).toBe(plain.alphabet);
    expect(wide.generate(createRng('g'), 50)).toEqual(plain.generate(createRng('g'), 50));
    expect(wide.input({ terms: [9_999, 9_999], ops: ['+'] })).toBe('9999+9999');
    expect(wide.answer(19_998)).toBe('19998');
    expect(wide.input({ terms: [50, 11], ops: ['+'] })).toBe('    50+11');
  });

  it('a test largest at or below largest changes nothing', () => {
    expect(problem({ largest: 100, testLargest: 50 }).inWidth).toBe(7);
    expect(problem({ largest: 100, testLargest: 100 }).roomFor).toBe(100);
  });

  it('pad each term to the width of test largest, and fit products and differences of longer terms', () => {
    expect(problem({ largest: 10, testLargest: 999, padding: 'term' }).input({ terms: [3, 10], ops: ['+'] })).toBe('  3+ 10');
    const times = problem({ operators: '*', largest: 12, testLargest: 999 });
    expect(times.outWidth).toBe(6);
    expect(times.answerRange).toEqual([1, 144]);
    const minus = problem({ operators: '-', largest: 9, testLargest: 99 });
    expect(minus.outWidth).toBe(3); // 1-99 = -98
  });

  it('read typed longer numbers as outside the range, and refuse ones past the room with test largest named', () => {
    const spec = problem({ largest: 100, testLargest: 9_999 });
    const read = spec.parse('1234+5678');
    expect(read.ok && [read.input, read.expected, read.outsideRange]).toEqual(['1234+5678', ' 6912', true]);
    const far = spec.parse('12345+1');
    expect(far.ok).toBe(false);
    expect(!far.ok && far.error).toBe('12345 is too long: this model reads numbers of at most 4 digits (test largest = 9999).');
    const plain = problem({ largest: 100 }).parse('1234+1');
    expect(!plain.ok && plain.error).toBe('1234 is too long: this model reads numbers of at most 3 digits (largest = 100).');
  });
});

describe('generateByDigits', () => {
  it('gives the first term a digits, the second b, any others up to the longer, all within the room, the structures as generate draws them', () => {
    const settings = fc.record({
      operators: fc.constantFrom('+', '-', '*', '+-', '+-*'),
      minNumbers: fc.integer({ min: 2, max: 4 }),
      extra: fc.integer({ min: 0, max: 2 }),
      largest: fc.integer({ min: 1, max: 99 }),
      room: fc.integer({ min: 1, max: 99_000 }),
      brackets: fc.boolean(),
    });
    fc.assert(
      fc.property(settings, fc.integer({ min: 0, max: 1_000 }), ({ extra, room, brackets, ...s }, seed) => {
        const nNumbers = s.minNumbers + extra;
        const spec = problem({ ...s, nNumbers, brackets: brackets && nNumbers >= 3, testLargest: s.largest + room });
        const top = digitCount(spec.roomFor);
        const rng = createRng(`${seed}`);
        const a = rng.int(1, top);
        const b = rng.int(1, top);
        for (const e of spec.generateByDigits(rng, 20, a, b)) {
          expect(digitCount(e.terms[0])).toBe(a);
          expect(digitCount(e.terms[1])).toBe(b);
          for (const t of e.terms) expect(t >= 1 && t <= spec.roomFor).toBe(true);
          for (const t of e.terms.slice(2)) expect(digitCount(t)).toBeLessThanOrEqual(Math.max(a, b));
          expect(e.terms.length).toBeGreaterThanOrEqual(s.minNumbers);
          expect(e.terms.length).toBeLessThanOrEqual(nNumbers);
          expect(spec.encode(spec.input(e))).toHaveLength(spec.inWidth);
          expect(spec.answer(e.value)).toHaveLength(spec.outWidth);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('reaches both ends of each digit count (1–9, 10–99, …) but never past test largest', () => {
    const spec = problem({ largest: 10, testLargest: 250 });
    const seen = (a: number, b: number) => {
      const terms = spec.generateByDigits(createRng('ends'), 3_000, a, b).flatMap((e) => e.terms);
      return [Math.min(...terms), Math.max(...terms)];
    };
    expect(seen(1, 1)).toEqual([1, 9]);
    expect(seen(2, 2)).toEqual([10, 99]);
    expect(seen(3, 3)).toEqual([100, 250]);
  });
});

describe('longerSet', () => {
  it('has one cell per pair of digit counts up to those of test largest, rows first, each with perCell sums, seeded', () => {
    const spec = problem({ largest: 99, testLargest: 9_999 });
    const set = longerSet(spec, createRng('longer'), 7);
    expect(set.digits).toEqual([1, 2, 3, 4]);
    expect(set.cells.map((c) => `${c.aDigits}×${c.bDigits}`)).toEqual(['1×1', '1×2', '1×3', '1×4', '2×1', '2×2', '2×3', '2×4', '3×1', '3×2', '3×3', '3×4', '4×1', '4×2', '4×3', '4×4']);
    for (const c of set.cells) {
      expect(c.expressions).toHaveLength(7);
      for (const e of c.expressions) expect([digitCount(e.terms[0]), digitCount(e.terms[1])]).toEqual([c.aDigits, c.bDigits]);
    }
    expect(longerSet(spec, createRng('longer'), 7)).toEqual(set);
    expect(longerSet(spec, createRng('longer')).cells[0].expressions).toHaveLength(LONGER_PER_CELL);
  });
});

describe('scoreLonger', () => {
  const spec = problem({ largest: 50, testLargest: 999 });
  const set = longerSet(spec, createRng('score'), 40);
  const all = set.cells.flatMap((c) => c.expressions);

  it('tallies each cell, and sums within largest apart from those past it', () => {
    // Right exactly when the answer is even: a rule the tallies can be checked against.
    const correct = all.map((e) => e.value % 2 === 0);
    const report = scoreLonger(set, { largest: 50, testLargest: 999 }, correct);
    expect(report.digits).toEqual([1, 2, 3]);
    expect(report.cells).toHaveLength(9);
    report.cells.forEach((cell, i) => {
      const es = set.cells[i].expressions;
      const within = es.filter((e) => e.terms.every((t) => t <= 50));
      expect([cell.aDigits, cell.bDigits]).toEqual([set.cells[i].aDigits, set.cells[i].bDigits]);
      expect(cell.count).toBe(40);
      expect(cell.right).toBe(es.filter((e) => e.value % 2 === 0).length);
      expect(cell.inRange).toEqual({ count: within.length, right: within.filter((e) => e.value % 2 === 0).length });
    });
    const within = all.filter((e) => e.terms.every((t) => t <= 50));
    const past = all.filter((e) => e.terms.some((t) => t > 50));
    expect(report.inRange).toEqual({ count: within.length, right: within.filter((e) => e.value % 2 === 0).length });
    expect(report.beyond).toEqual({ count: past.length, right: past.filter((e) => e.value % 2 === 0).length });
    expect(report.inRange.count + report.beyond.count).toBe(all.length);
    expect([report.largest, report.testLargest]).toEqual([50, 999]);
  });

  it('marks 1×1 in range, 2×2 (10–99 against largest 50) partly, anything with 3 digits beyond', () => {
    const report = scoreLonger(set, { largest: 50, testLargest: 999 }, all.map(() => true));
    const at = (a: number, b: number) => cellRange(report.cells[(a - 1) * 3 + (b - 1)]);
    expect([at(1, 1), at(2, 2), at(1, 3), at(3, 1), at(3, 3)]).toEqual(['in', 'partly', 'beyond', 'beyond', 'beyond']);
    expect(cellRange({ count: 5, inRange: { count: 5, right: 0 } })).toBe('in');
    expect(cellRange({ count: 5, inRange: { count: 4, right: 0 } })).toBe('partly');
    expect(cellRange({ count: 5, inRange: { count: 0, right: 0 } })).toBe('beyond');
  });

  it('counts a term equal to largest as in range, and one past it as beyond', () => {
    const edge = { digits: [1, 2], cells: [{ aDigits: 2, bDigits: 1, expressions: [{ terms: [50, 1], ops: ['+' as const], value: 51 }, { terms: [51, 1], ops: ['+' as const], value: 52 }] }] };
    const report = scoreLonger(edge, { largest: 50, testLargest: 99 }, [true, false]);
    expect(report.inRange).toEqual({ count: 1, right: 1 });
    expect(report.beyond).toEqual({ count: 1, right: 0 });
  });

  it('refuses answers that do not match the set', () => {
    expect(() => scoreLonger(set, { largest: 50, testLargest: 999 }, all.slice(1).map(() => true))).toThrow(/Expected 360 answers/);
  });
});

describe('describing the grid', () => {
  it('says exact-match of how many, and sums it up in one sentence', () => {
    expect(describeTally({ count: 0, right: 0 })).toBe('no sums');
    expect(describeTally({ count: 2_000, right: 1_500 })).toBe('75.0 % of 2\u2009000 sums');
    const report = { largest: 100, testLargest: 9_999, digits: [], cells: [], inRange: { count: 400, right: 388 }, beyond: { count: 1_200, right: 18 }, examples: [] };
    expect(summariseLonger(report)).toBe('Terms up to largest (100): 97.0 % of 400 sums right. Past largest, up to test largest (9999): 1.5 % of 1\u2009200 sums right.');
  });
});

describe('longerRefusal', () => {
  it('refuses the mapping models (they read numbers, not digits) and a model without room past largest', () => {
    expect(longerRefusal({ ...PRESETS['Act 1 · MLP (fast)'], testLargest: 1_000 })).toMatch(/mapping models .* no widths/);
    expect(longerRefusal(DEFAULT_CONFIG)).toBe('This model was trained without room for longer numbers: set test largest above largest (100), train, then score.');
    expect(longerRefusal({ ...DEFAULT_CONFIG, testLargest: 100 })).toMatch(/set test largest above largest/);
    expect(longerRefusal({ ...DEFAULT_CONFIG, testLargest: 101 })).toBeUndefined();
  });
});
