import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { argmax, decodeVectors, encodeBatch, encodeStrings, oneHotEncode } from '../../../src/core/encoding';

/** The lesson's 12 symbols. */
const LESSON_ALPHABET = '0123456789+ ';
import type { Expression } from '../../../src/core/expression';
import { LESSON_PROBLEM, problemSpec, type ProblemSettings } from '../../../src/core/problem';
import { createRng } from '../../../src/core/random';

const RUNS = { numRuns: 200 };
const alphabetString = fc.string({ unit: fc.constantFrom(...'0123456789+ '), maxLength: 40 });
/** The lesson's addition of `nNumbers` terms up to `largest`, with other settings changed as given. */
const addition = (nNumbers: number, largest: number, more: Partial<ProblemSettings> = {}) =>
  problemSpec({ ...LESSON_PROBLEM, minNumbers: nNumbers, nNumbers, largest, ...more });
const sum = (...terms: number[]): Expression => ({ terms, ops: terms.slice(1).map(() => '+' as const), value: terms.reduce((a, b) => a + b, 0) });
const lesson = addition(2, 10);
const integerEncode = (s: string) => lesson.encode(s);
const codesToString = (codes: ArrayLike<number>) => lesson.decode(codes);

describe('alphabet', () => {
  it("the lesson's problem has 12 symbols: digits as themselves, + as 10, space as 11", () => {
    expect(lesson.alphabet).toBe(LESSON_ALPHABET);
    expect(lesson.alphabet).toHaveLength(12);
    expect(lesson.spaceCode).toBe(11);
    for (let d = 0; d <= 9; d++) expect(lesson.alphabet[d]).toBe(String(d));
    expect(lesson.alphabet[10]).toBe('+');
    expect(lesson.alphabet[11]).toBe(' ');
  });
});

describe('to_string: spec.input and spec.answer', () => {
  const padded = (spec: ReturnType<typeof addition>, e: Expression) => ({ input: spec.input(e), output: spec.answer(e.value) });
  it("gives the lesson's example for n=2, largest=10, terms [3, 10]", () => {
    expect(padded(lesson, sum(3, 10))).toEqual({ input: ' 3+10', output: '13' });
  });

  it('left-pads both sides to the problem widths', () => {
    const p = addition(2, 100);
    expect(padded(p, sum(50, 11))).toEqual({ input: '  50+11', output: ' 61' });
    expect(padded(p, sum(1, 1))).toEqual({ input: '    1+1', output: '  2' });
    expect(padded(p, sum(100, 100))).toEqual({ input: '100+100', output: '200' });
    expect(padded(addition(3, 999), sum(1, 2, 3))).toEqual({ input: '      1+2+3', output: '   6' });
  });

  it('pads each term to the width of largest when padding is per term', () => {
    const p = addition(2, 100, { padding: 'term' });
    expect(padded(p, sum(5, 3))).toEqual({ input: '  5+  3', output: '  8' });
    expect(padded(p, sum(50, 11)).input).toBe(' 50+ 11');
    expect(padded(p, sum(100, 100)).input).toBe('100+100');
  });

  it('always gives strings of exactly inputWidth and outputWidth for in-range terms', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 99_999 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, largest, seed) => {
          const p = addition(n, largest);
          const [e] = p.generate(createRng(seed), 1);
          const { input, output } = padded(p, e);
          expect(input).toHaveLength(p.inWidth);
          expect(output).toHaveLength(p.outWidth);
          expect(input.trim()).toBe(e.terms.join('+'));
          expect(output.trim()).toBe(String(e.value));
        },
      ),
      RUNS,
    );
  });
});

describe('integer_encode: spec.encode', () => {
  it("encodes the lesson's examples", () => {
    expect(integerEncode(' 3+10')).toEqual([11, 3, 10, 1, 0]);
    expect(integerEncode('13')).toEqual([1, 3]);
    expect(integerEncode('')).toEqual([]);
    expect(integerEncode('0123456789+ ')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it.each(['a', '-', '5-3', '\t', '５', '−', '😀', '1.5'])('throws on a foreign character in %j', (s) => {
    expect(() => integerEncode(s)).toThrow();
  });

  it('codes the symbols of other problems: operators after the digits, brackets, space last', () => {
    const p = addition(3, 9, { operators: '+-*', brackets: true });
    expect(p.alphabet).toBe('0123456789+-*() ');
    expect(p.encode('(1-2)*3 ')).toEqual([13, 1, 11, 2, 14, 12, 3, 15]);
    expect(addition(2, 12, { operators: '*' }).alphabet).toBe('0123456789* ');
  });

  it('names the offending character in the error', () => {
    expect(() => integerEncode('12x')).toThrow(/'x'/);
  });
});

describe('oneHotEncode', () => {
  it('makes one 12-wide row per code with a single 1 at the code', () => {
    const rows = oneHotEncode([11, 3, 10, 1, 0], 12);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(rows[1]).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(rows[2]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(rows[4]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    for (const row of rows) {
      expect(row).toHaveLength(12);
      expect(row.filter((v) => v === 1)).toHaveLength(1);
      expect(row.filter((v) => v === 0)).toHaveLength(11);
    }
  });

  it('returns no rows for no codes', () => {
    expect(oneHotEncode([], 12)).toEqual([]);
  });
});

describe('invert: argmax, decodeVectors, spec.decode', () => {
  it('argmax picks the largest value, the first one on ties', () => {
    expect(argmax([0.1, 0.7, 0.2])).toBe(1);
    expect(argmax([0.5, 0.2, 0.5])).toBe(0);
    expect(argmax([-3, -1, -2])).toBe(1);
    expect(argmax(new Float32Array([0, 0, 0, 0.9]))).toBe(3);
  });

  it('decodes probability vectors by argmax', () => {
    const v = (k: number, p = 0.9) => Array.from({ length: 12 }, (_, i) => (i === k ? p : (1 - p) / 11));
    expect(decodeVectors([v(11), v(6), v(1)], LESSON_ALPHABET)).toBe(' 61');
    expect(decodeVectors([v(10, 0.3)], LESSON_ALPHABET)).toBe('+');
  });

  it('codesToString maps codes back to characters', () => {
    expect(codesToString([1, 3])).toBe('13');
    expect(codesToString(new Uint8Array([11, 3, 10, 1, 0]))).toBe(' 3+10');
  });

  it('decode(oneHotEncode(integerEncode(s))) === s for any string of the alphabet', () => {
    fc.assert(
      fc.property(alphabetString, (s) => {
        const codes = integerEncode(s);
        expect(codes).toHaveLength([...s].length);
        expect(codes.every((c) => Number.isInteger(c) && c >= 0 && c < 12)).toBe(true);
        expect(decodeVectors(oneHotEncode(codes, 12), LESSON_ALPHABET)).toBe(s);
        expect(codesToString(codes)).toBe(s);
      }),
      RUNS,
    );
  });
});

describe('toModelInput / toModelAnswer / readAnswer', () => {
  it('reverse only when asked', () => {
    expect(lesson.toModelInput(' 3+10')).toBe(' 3+10');
    expect(addition(2, 10, { reverseInput: true }).toModelInput(' 3+10')).toBe('01+3 ');
    expect(lesson.toModelAnswer(' 8')).toBe(' 8');
    expect(addition(2, 10, { reverseOutput: true }).toModelAnswer(' 8')).toBe('8 ');
  });

  it('read a written answer back the right way round, negative answers included', () => {
    expect(lesson.readAnswer('13')).toEqual({ answer: '13', value: 13 });
    expect(addition(2, 100, { reverseOutput: true }).readAnswer('16 ')).toEqual({ answer: ' 61', value: 61 });
    const minus = addition(2, 100, { operators: '-' });
    expect(minus.readAnswer(' -2')).toEqual({ answer: ' -2', value: -2 });
    expect(Number.isNaN(minus.readAnswer('-2-').value)).toBe(true);
    expect(Number.isNaN(lesson.readAnswer('1 3').value)).toBe(true);
    expect(Number.isNaN(lesson.readAnswer('  ').value)).toBe(true);
  });
});

describe('encodeBatch', () => {
  const p = lesson;
  // Inputs ' 3+10' and '  7+1', outputs '13' and ' 8'.
  const pairs = [sum(3, 10), sum(7, 1)];

  /** Indices of the 1s, as [t, b, code] triples. */
  const ones = (a: Float32Array, batch: number): [number, number, number][] => {
    const out: [number, number, number][] = [];
    a.forEach((v, i) => {
      if (v === 0) return;
      expect(v).toBe(1);
      const code = i % 12;
      const tb = (i - code) / 12;
      out.push([Math.floor(tb / batch), tb % batch, code]);
    });
    return out;
  };

  it('has time-major shapes [width, batch, 12]', () => {
    const e = encodeBatch(pairs, p);
    expect(e.batch).toBe(2);
    expect(e.x).toBeInstanceOf(Float32Array);
    expect(e.x).toHaveLength(5 * 2 * 12);
    expect(e.y).toHaveLength(2 * 2 * 12);
  });

  it('puts symbol t of example b at (t*batch + b)*12 + code', () => {
    const { x, y } = encodeBatch(pairs, p);
    // ' 3+10' (b = 0)
    expect(x[(0 * 2 + 0) * 12 + 11]).toBe(1);
    expect(x[(1 * 2 + 0) * 12 + 3]).toBe(1);
    expect(x[(2 * 2 + 0) * 12 + 10]).toBe(1);
    expect(x[(3 * 2 + 0) * 12 + 1]).toBe(1);
    expect(x[(4 * 2 + 0) * 12 + 0]).toBe(1);
    // '  7+1' (b = 1)
    expect(x[(1 * 2 + 1) * 12 + 11]).toBe(1);
    expect(x[(2 * 2 + 1) * 12 + 7]).toBe(1);
    expect(x[(4 * 2 + 1) * 12 + 1]).toBe(1);
    // Exactly one 1 per (t, b), all listed:
    expect(ones(x, 2)).toEqual([
      [0, 0, 11], [0, 1, 11],
      [1, 0, 3], [1, 1, 11],
      [2, 0, 10], [2, 1, 7],
      [3, 0, 1], [3, 1, 10],
      [4, 0, 0], [4, 1, 1],
    ]);
    // '13' and ' 8'
    expect(ones(y, 2)).toEqual([
      [0, 0, 1], [0, 1, 11],
      [1, 0, 3], [1, 1, 8],
    ]);
  });

  it('input reversal reverses the input only', () => {
    const plain = encodeBatch(pairs, p);
    const rev = encodeBatch(pairs, addition(2, 10, { reverseInput: true }));
    // '01+3 ' and '1+7  '
    expect(ones(rev.x, 2)).toEqual([
      [0, 0, 0], [0, 1, 1],
      [1, 0, 1], [1, 1, 10],
      [2, 0, 10], [2, 1, 7],
      [3, 0, 3], [3, 1, 11],
      [4, 0, 11], [4, 1, 11],
    ]);
    expect(rev.y).toEqual(plain.y);
  });

  it('answer reversal reverses the answer only: units first, padding last', () => {
    const plain = encodeBatch(pairs, p);
    const rev = encodeBatch(pairs, addition(2, 10, { reverseOutput: true }));
    expect(rev.x).toEqual(plain.x);
    // '31' and '8 '
    expect(ones(rev.y, 2)).toEqual([
      [0, 0, 3], [0, 1, 8],
      [1, 0, 1], [1, 1, 11],
    ]);
  });

  it('agrees with the string pipeline for random batches, with and without reversal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('+', '+-', '*', '+-*'),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, largest, count, reverseInput, reverseOutput, operators, seed) => {
          const q = addition(n, largest, { reverseInput, reverseOutput, operators, minNumbers: 2, brackets: n >= 3 });
          const exprs = q.generate(createRng(seed), count);
          const e = encodeBatch(exprs, q);
          const k = q.alphabet.length;
          const decodeAt = (a: Float32Array, width: number, b: number) =>
            Array.from({ length: width }, (_, t) => argmax(a.subarray((t * count + b) * k, (t * count + b + 1) * k))).map(
              (c) => q.alphabet[c],
            ).join('');
          for (let b = 0; b < count; b++) {
            const input = q.input(exprs[b]);
            const output = q.answer(exprs[b].value);
            const seen = reverseInput ? [...input].reverse().join('') : input;
            const written = reverseOutput ? [...output].reverse().join('') : output;
            expect(decodeAt(e.x, q.inWidth, b)).toBe(seen);
            expect(decodeAt(e.y, q.outWidth, b)).toBe(written);
            expect(q.readAnswer(written)).toEqual({ answer: output, value: exprs[b].value });
          }
          // One-hot: the total mass is exactly one per (t, b).
          expect(e.x.reduce((a, v) => a + v, 0)).toBe(q.inWidth * count);
          expect(e.y.reduce((a, v) => a + v, 0)).toBe(q.outWidth * count);
        },
      ),
      RUNS,
    );
  });
});

describe('encodeStrings', () => {
  it('lays out padded inputs like encodeBatch does', () => {
    const pairs = [sum(3, 10), sum(7, 1)];
    expect(encodeStrings([' 3+10', '  7+1'], 5, lesson)).toEqual(encodeBatch(pairs, lesson).x);
    const reversed = addition(2, 10, { reverseInput: true });
    expect(encodeStrings(['01+3 ', '1+7  '], 5, reversed)).toEqual(encodeBatch(pairs, reversed).x);
  });
});
