import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bracketGroups, evaluate, formatExpression, operatorSequences, type Operator } from '../../../src/core/expression';
import { LESSON_PROBLEM, problemSpec, sameQuestions, structures, termLengthWeights, type ProblemSettings } from '../../../src/core/problem';
import { createRng } from '../../../src/core/random';

const RUNS = { numRuns: 100 };

/** Any problem a learner can set (widths kept small enough to enumerate). */
const settings: fc.Arbitrary<ProblemSettings> = fc
  .record({
    operators: fc.constantFrom('+', '-', '*', '+-', '+*', '-*', '+-*'),
    minNumbers: fc.integer({ min: 2, max: 4 }),
    extra: fc.integer({ min: 0, max: 2 }),
    largest: fc.integer({ min: 1, max: 999 }),
    /** 0: no room for longer test numbers; else how far `testLargest` reaches past `largest`. */
    room: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9_000 })),
    brackets: fc.boolean(),
    padding: fc.constantFrom('whole' as const, 'term' as const),
    reverseInput: fc.boolean(),
    reverseOutput: fc.boolean(),
  })
  .map(({ extra, room, ...s }) => ({ ...s, testLargest: room && s.largest + room, nNumbers: s.minNumbers + extra, brackets: s.brackets && s.minNumbers + extra >= 3 }));

/** The value of an expression's text by JavaScript's own arithmetic (same precedence), as a reference. */
const reference = (text: string): number => Function(`return (${text})`)() as number;

describe('evaluate', () => {
  it.each([
    [[3, 4, 5], ['*', '+'], undefined, 17],
    [[3, 4, 5], ['+', '*'], undefined, 23],
    [[3, 4, 5], ['*', '+'], [1, 2], 27],
    [[9, 3, 2], ['-', '-'], undefined, 4],
    [[9, 3, 2], ['-', '-'], [1, 2], 8],
    [[7, 9], ['-'], undefined, -2],
    [[2, 3, 4, 5], ['*', '-', '*'], [1, 2], 2 * (3 - 4) * 5],
  ] as [number[], Operator[], [number, number] | undefined, number][])('%j %j group %j is %i', (terms, ops, group, value) => {
    expect(evaluate(terms, ops, group)).toBe(value);
  });

  it('agrees with JavaScript on every generated expression (precedence, brackets, negatives)', () => {
    fc.assert(
      fc.property(settings, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (s, seed) => {
        for (const e of problemSpec(s).generate(createRng(seed), 5)) {
          expect(e.value).toBe(reference(formatExpression(e)));
        }
      }),
      RUNS,
    );
  });
});

describe('generate', () => {
  it("draws the lesson's sums exactly as before: terms in [1, largest], the same stream for the same seed", () => {
    const spec = problemSpec({ ...LESSON_PROBLEM, largest: 10 });
    const rng = createRng(5);
    const expected = Array.from({ length: 50 }, () => [rng.int(1, 10), rng.int(1, 10)]);
    const got = spec.generate(createRng(5), 50);
    expect(got.map((e) => e.terms)).toEqual(expected);
    expect(got.every((e) => e.ops.join('') === '+' && e.group === undefined && e.value === e.terms[0] + e.terms[1])).toBe(true);
  });

  it('returns nothing for count 0, and is deterministic by seed', () => {
    const spec = problemSpec(LESSON_PROBLEM);
    expect(spec.generate(createRng(1), 0)).toEqual([]);
    expect(spec.generate(createRng(3), 20)).toEqual(spec.generate(createRng(3), 20));
    expect(spec.generate(createRng(3), 20)).not.toEqual(spec.generate(createRng(4), 20));
  });

  it('uses every term count, operator and bracket placement the settings allow, and nothing else', () => {
    const s: ProblemSettings = { ...LESSON_PROBLEM, operators: '+-*', minNumbers: 2, nNumbers: 4, largest: 5, brackets: true };
    const all = problemSpec(s).generate(createRng(1), 4000);
    expect(new Set(all.map((e) => e.terms.length))).toEqual(new Set([2, 3, 4]));
    expect(new Set(all.flatMap((e) => e.ops))).toEqual(new Set(['+', '-', '*']));
    expect(new Set(all.flatMap((e) => e.terms))).toEqual(new Set([1, 2, 3, 4, 5]));
    const groups = new Set(all.filter((e) => e.group).map((e) => `${e.terms.length}:${e.group}`));
    expect(groups).toEqual(new Set(['3:0,1', '3:1,2', '4:0,1', '4:0,2', '4:1,2', '4:1,3', '4:2,3']));
    const bracketed = all.filter((e) => e.terms.length >= 3);
    const share = bracketed.filter((e) => e.group).length / bracketed.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
    expect(all.filter((e) => e.terms.length === 2).every((e) => e.group === undefined)).toBe(true);
  });
});

describe('length-balanced terms', () => {
  it('termLengthWeights: each length in proportion to the square root of how many numbers have it', () => {
    const w = termLengthWeights(100);
    const total = 3 + Math.sqrt(90) + 1;
    expect(w).toHaveLength(3);
    expect(w[0]).toBeCloseTo(3 / total, 12);
    expect(w[1]).toBeCloseTo(Math.sqrt(90) / total, 12);
    expect(w[2]).toBeCloseTo(1 / total, 12);
    expect(termLengthWeights(9)).toEqual([1]);
    expect(termLengthWeights(999).map((x) => Math.round(x * 1000) / 1000)).toEqual([0.071, 0.223, 0.706]);
  });

  it('draws each length about as often as its weight, each number within its length uniformly, all in range', () => {
    const spec = problemSpec(LESSON_PROBLEM);
    const terms = spec.generate(createRng('lengths'), 20_000, true).flatMap((e) => e.terms);
    const share = (len: number) => terms.filter((t) => String(t).length === len).length / terms.length;
    const w = termLengthWeights(100);
    for (const len of [1, 2, 3]) expect(share(len), `length ${len}`).toBeCloseTo(w[len - 1], 2);
    expect(terms.every((t) => t >= 1 && t <= 100)).toBe(true);
    const ones = terms.filter((t) => t < 10);
    // 1 to 9 alike: each about a ninth of the one-digit terms.
    for (let d = 1; d <= 9; d++) expect(ones.filter((t) => t === d).length / ones.length).toBeCloseTo(1 / 9, 1);
  });

  it('without it, the uniform stream is untouched (the same sums as before for the same seed)', () => {
    const spec = problemSpec(LESSON_PROBLEM);
    expect(spec.generate(createRng(9), 30, false)).toEqual(spec.generate(createRng(9), 30));
    expect(spec.generate(createRng(9), 30, true)).not.toEqual(spec.generate(createRng(9), 30));
  });
});

describe('structures, operatorSequences, bracketGroups', () => {
  it('enumerates operator sequences and bracket runs of two or more terms, never all of them', () => {
    expect(operatorSequences(['+', '-'], 2)).toEqual([['+', '+'], ['+', '-'], ['-', '+'], ['-', '-']]);
    expect(operatorSequences(['*'], 0)).toEqual([[]]);
    expect(bracketGroups(2)).toEqual([]);
    expect(bracketGroups(3)).toEqual([[0, 1], [1, 2]]);
    expect(bracketGroups(4)).toHaveLength(5);
    expect(structures({ ...LESSON_PROBLEM, operators: '+-', minNumbers: 2, nNumbers: 3, brackets: true })).toHaveLength(2 + 4 * 3);
  });
});

describe('widths and alphabet', () => {
  it("the lesson's problems keep the lesson's widths and its 12 symbols", () => {
    const spec = problemSpec({ ...LESSON_PROBLEM, largest: 10 });
    expect([spec.inWidth, spec.outWidth, spec.alphabet]).toEqual([5, 2, '0123456789+ ']);
    expect([problemSpec(LESSON_PROBLEM).inWidth, problemSpec(LESSON_PROBLEM).outWidth]).toEqual([7, 3]);
  });

  it('has a minus sign in answers only when results can be negative', () => {
    expect(problemSpec({ ...LESSON_PROBLEM, operators: '+-' }).answerRange).toEqual([-99, 200]);
    expect(problemSpec({ ...LESSON_PROBLEM, operators: '+*' }).alphabet).toBe('0123456789+* ');
    expect(problemSpec({ ...LESSON_PROBLEM, operators: '*', largest: 12 }).answerRange).toEqual([1, 144]);
    // 1-9*9 and 9*9*9 bound three terms of +-* with brackets.
    const s = problemSpec({ ...LESSON_PROBLEM, operators: '+-*', minNumbers: 3, nNumbers: 3, largest: 9, brackets: true });
    expect(s.answerRange).toEqual([-80, 729]);
    expect(s.outWidth).toBe(3);
    expect(s.alphabet).toBe('0123456789+-*() ');
  });

  it('the widest input and answer fit exactly: one symbol less would not (exhaustive on small problems; test largest widens them)', () => {
    fc.assert(
      fc.property(settings.filter((s) => s.largest <= 12 && s.nNumbers <= 4), (s) => {
        const spec = problemSpec(s);
        const room = Math.max(s.largest, s.testLargest);
        let widestIn = 0;
        let widestOut = 0;
        let lo = Infinity;
        let hi = -Infinity;
        // Every structure at every corner of the term box (where extremes are met) and full-width terms:
        // the answers asked range over terms up to largest, the widths over terms up to test largest.
        for (const { count, ops, group } of structures(s)) {
          for (let mask = 0; mask < 2 ** count; mask++) {
            const corner = (top: number) => Array.from({ length: count }, (_, i) => ((mask >> i) & 1 ? top : 1));
            const value = evaluate(corner(s.largest), ops, group);
            lo = Math.min(lo, value);
            hi = Math.max(hi, value);
            const terms = corner(room);
            widestIn = Math.max(widestIn, formatExpression({ terms, ops, group }, s.padding === 'term' ? String(room).length : 0).length);
            widestOut = Math.max(widestOut, String(evaluate(terms, ops, group)).length);
          }
        }
        expect(spec.answerRange).toEqual([lo, hi]);
        expect(spec.inWidth).toBe(widestIn);
        expect(spec.outWidth).toBe(widestOut);
      }),
      RUNS,
    );
  });

  it('every generated expression fits its widths and encodes without error', () => {
    fc.assert(
      fc.property(settings, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (s, seed) => {
        const spec = problemSpec(s);
        for (const e of spec.generate(createRng(seed), 10)) {
          expect(spec.input(e)).toHaveLength(spec.inWidth);
          expect(spec.answer(e.value)).toHaveLength(spec.outWidth);
          expect(() => spec.encode(spec.input(e) + spec.answer(e.value))).not.toThrow();
          expect(spec.readAnswer(spec.toModelAnswer(spec.answer(e.value))).value).toBe(e.value);
        }
      }),
      RUNS,
    );
  });
});

describe('sameQuestions', () => {
  it('tells reading settings from question settings', () => {
    expect(sameQuestions(LESSON_PROBLEM, { ...LESSON_PROBLEM })).toBe(true);
    expect(sameQuestions(LESSON_PROBLEM, { ...LESSON_PROBLEM, largest: 99 })).toBe(false);
    expect(sameQuestions(LESSON_PROBLEM, { ...LESSON_PROBLEM, reverseOutput: true, padding: 'term' })).toBe(true);
    expect(sameQuestions(LESSON_PROBLEM, { ...LESSON_PROBLEM, operators: '+-' })).toBe(false);
  });
});
