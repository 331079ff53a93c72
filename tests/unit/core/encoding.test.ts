import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ALPHABET,
  N_SYMBOLS,
  PLUS_CODE,
  SPACE_CODE,
  argmax,
  codesToString,
  decode,
  encodeBatch,
  encodeInputs,
  integerEncode,
  modelInputString,
  oneHotEncode,
  toPaddedStrings,
} from '../../../src/core/encoding';
import { inputWidth, outputWidth } from '../../../src/core/config';
import { createRng } from '../../../src/core/random';
import { randomSumPairs } from '../../../src/core/problems';

const RUNS = { numRuns: 200 };
const alphabetString = fc.string({ unit: fc.constantFrom(...'0123456789+ '), maxLength: 40 });

describe('alphabet', () => {
  it('has 12 symbols: digits as themselves, + as 10, space as 11', () => {
    expect(N_SYMBOLS).toBe(12);
    expect(PLUS_CODE).toBe(10);
    expect(SPACE_CODE).toBe(11);
    for (let d = 0; d <= 9; d++) expect(ALPHABET[d]).toBe(String(d));
    expect(ALPHABET[10]).toBe('+');
    expect(ALPHABET[11]).toBe(' ');
  });
});

describe('toPaddedStrings', () => {
  it("gives the lesson's example for n=2, largest=10, terms [3, 10]", () => {
    expect(toPaddedStrings([3, 10], 13, { nNumbers: 2, largest: 10 })).toEqual({ input: ' 3+10', output: '13' });
  });

  it('left-pads both sides to the problem widths', () => {
    const p = { nNumbers: 2, largest: 100 };
    expect(toPaddedStrings([50, 11], 61, p)).toEqual({ input: '  50+11', output: ' 61' });
    expect(toPaddedStrings([1, 1], 2, p)).toEqual({ input: '    1+1', output: '  2' });
    expect(toPaddedStrings([100, 100], 200, p)).toEqual({ input: '100+100', output: '200' });
    expect(toPaddedStrings([1, 2, 3], 6, { nNumbers: 3, largest: 999 })).toEqual({ input: '      1+2+3', output: '   6' });
  });

  it('always gives strings of exactly inputWidth and outputWidth for in-range terms', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 99_999 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, largest, seed) => {
          const p = { nNumbers: n, largest };
          const { terms, sums } = randomSumPairs(createRng(seed), 1, p);
          const { input, output } = toPaddedStrings(terms[0], sums[0], p);
          expect(input).toHaveLength(inputWidth(p));
          expect(output).toHaveLength(outputWidth(p));
          expect(input.trim()).toBe(terms[0].join('+'));
          expect(output.trim()).toBe(String(sums[0]));
        },
      ),
      RUNS,
    );
  });
});

describe('integerEncode', () => {
  it("encodes the lesson's examples", () => {
    expect(integerEncode(' 3+10')).toEqual([11, 3, 10, 1, 0]);
    expect(integerEncode('13')).toEqual([1, 3]);
    expect(integerEncode('')).toEqual([]);
    expect(integerEncode('0123456789+ ')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it.each(['a', '-', '5-3', '\t', '５', '−', '😀', '1.5'])('throws on a foreign character in %j', (s) => {
    expect(() => integerEncode(s)).toThrow();
  });

  it('names the offending character in the error', () => {
    expect(() => integerEncode('12x')).toThrow(/'x'/);
  });
});

describe('oneHotEncode', () => {
  it('makes one 12-wide row per code with a single 1 at the code', () => {
    const rows = oneHotEncode([11, 3, 10, 1, 0]);
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
    expect(oneHotEncode([])).toEqual([]);
  });
});

describe('decode / argmax / codesToString', () => {
  it('argmax picks the largest value, the first one on ties', () => {
    expect(argmax([0.1, 0.7, 0.2])).toBe(1);
    expect(argmax([0.5, 0.2, 0.5])).toBe(0);
    expect(argmax([-3, -1, -2])).toBe(1);
    expect(argmax(new Float32Array([0, 0, 0, 0.9]))).toBe(3);
  });

  it('decodes probability vectors by argmax', () => {
    const v = (k: number, p = 0.9) => Array.from({ length: 12 }, (_, i) => (i === k ? p : (1 - p) / 11));
    expect(decode([v(11), v(6), v(1)])).toBe(' 61');
    expect(decode([v(10, 0.3)])).toBe('+');
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
        expect(decode(oneHotEncode(codes))).toBe(s);
        expect(codesToString(codes)).toBe(s);
      }),
      RUNS,
    );
  });
});

describe('modelInputString', () => {
  it('reverses only when asked', () => {
    expect(modelInputString(' 3+10', false)).toBe(' 3+10');
    expect(modelInputString(' 3+10', true)).toBe('01+3 ');
  });
});

describe('encodeBatch', () => {
  const p = { nNumbers: 2, largest: 10 };
  // Inputs ' 3+10' and '  7+1', outputs '13' and ' 8'.
  const pairs = { terms: [[3, 10], [7, 1]], sums: [13, 8] };

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
    const e = encodeBatch(pairs, p, false);
    expect(e.batch).toBe(2);
    expect(e.inWidth).toBe(5);
    expect(e.outWidth).toBe(2);
    expect(e.x).toBeInstanceOf(Float32Array);
    expect(e.x).toHaveLength(5 * 2 * 12);
    expect(e.y).toHaveLength(2 * 2 * 12);
    expect(e.yCodes).toHaveLength(2 * 2);
  });

  it('puts symbol t of example b at (t*batch + b)*12 + code', () => {
    const { x, y } = encodeBatch(pairs, p, false);
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

  it('yCodes hold the padded output codes, [batch, outWidth]', () => {
    expect(Array.from(encodeBatch(pairs, p, false).yCodes)).toEqual([1, 3, 11, 8]);
  });

  it('reversal reverses the input only', () => {
    const plain = encodeBatch(pairs, p, false);
    const rev = encodeBatch(pairs, p, true);
    // '01+3 ' and '1+7  '
    expect(ones(rev.x, 2)).toEqual([
      [0, 0, 0], [0, 1, 1],
      [1, 0, 1], [1, 1, 10],
      [2, 0, 10], [2, 1, 7],
      [3, 0, 3], [3, 1, 11],
      [4, 0, 11], [4, 1, 11],
    ]);
    expect(rev.y).toEqual(plain.y);
    expect(rev.yCodes).toEqual(plain.yCodes);
  });

  it('agrees with the string pipeline for random batches, with and without reversal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, largest, count, reverse, seed) => {
          const q = { nNumbers: n, largest };
          const sp = randomSumPairs(createRng(seed), count, q);
          const e = encodeBatch(sp, q, reverse);
          const decodeAt = (a: Float32Array, width: number, b: number) =>
            Array.from({ length: width }, (_, t) => argmax(a.subarray((t * count + b) * 12, (t * count + b + 1) * 12))).map(
              (c) => ALPHABET[c],
            ).join('');
          for (let b = 0; b < count; b++) {
            const { input, output } = toPaddedStrings(sp.terms[b], sp.sums[b], q);
            const seen = reverse ? [...input].reverse().join('') : input;
            expect(decodeAt(e.x, e.inWidth, b)).toBe(seen);
            expect(decodeAt(e.y, e.outWidth, b)).toBe(output);
            expect(codesToString(e.yCodes.subarray(b * e.outWidth, (b + 1) * e.outWidth))).toBe(output);
          }
          // One-hot: the total mass is exactly one per (t, b).
          expect(e.x.reduce((a, v) => a + v, 0)).toBe(e.inWidth * count);
          expect(e.y.reduce((a, v) => a + v, 0)).toBe(e.outWidth * count);
        },
      ),
      RUNS,
    );
  });
});

describe('encodeInputs', () => {
  it('lays out padded inputs like encodeBatch does', () => {
    const p = { nNumbers: 2, largest: 10 };
    const pairs = { terms: [[3, 10], [7, 1]], sums: [13, 8] };
    expect(encodeInputs([' 3+10', '  7+1'], 5)).toEqual(encodeBatch(pairs, p, false).x);
    expect(encodeInputs(['01+3 ', '1+7  '], 5)).toEqual(encodeBatch(pairs, p, true).x);
  });
});
