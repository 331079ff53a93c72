import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { distinct, exactMatch, perSymbolAccuracy, rmse } from '../../../src/core/metrics';
import { LESSON_PROBLEM, problemSpec } from '../../../src/core/problem';

const answerToNumber = (s: string) => problemSpec(LESSON_PROBLEM).readAnswer(s).value;

describe('exactMatch', () => {
  it('is the share of whole answers that are right', () => {
    expect(exactMatch(['13', ' 8', '12'], ['13', ' 9', '12'])).toBeCloseTo(2 / 3, 12);
    expect(exactMatch([' 61', ' 61'], [' 61', ' 61'])).toBe(1);
    expect(exactMatch([' 16', ' 60'], [' 61', ' 61'])).toBe(0);
  });

  it('counts an answer with one wrong symbol (or different padding) as wrong', () => {
    expect(exactMatch([' 62'], [' 61'])).toBe(0);
    expect(exactMatch(['61'], [' 61'])).toBe(0);
  });

  it('counts missing predictions as wrong and is 0 for no examples', () => {
    expect(exactMatch(['13'], ['13', ' 8'])).toBe(0.5);
    expect(exactMatch([], [])).toBe(0);
  });
});

describe('perSymbolAccuracy', () => {
  it('is the share of right symbols over all positions (Keras acc)', () => {
    // 2 + 1 of 4 symbols right.
    expect(perSymbolAccuracy(['13', ' 8'], ['13', ' 9'])).toBe(3 / 4);
    // ' 61' vs ' 16': only the padding matches; '100' vs '100' all three.
    expect(perSymbolAccuracy([' 16', '100'], [' 61', '100'])).toBe(4 / 6);
    expect(perSymbolAccuracy(['  2'], ['  2'])).toBe(1);
    expect(perSymbolAccuracy(['999'], [' 61'])).toBe(0);
  });

  it('differs from exact match: partly right answers earn partial credit', () => {
    expect(exactMatch([' 62'], [' 61'])).toBe(0);
    expect(perSymbolAccuracy([' 62'], [' 61'])).toBeCloseTo(2 / 3, 12);
  });

  it('compares position by position, not as sets of characters', () => {
    expect(perSymbolAccuracy(['12'], ['21'])).toBe(0);
  });

  it('treats a missing or short prediction as wrong at the missing positions', () => {
    expect(perSymbolAccuracy(['13'], ['13', ' 8'])).toBe(2 / 4);
    expect(perSymbolAccuracy(['1'], ['13'])).toBe(1 / 2);
    expect(perSymbolAccuracy([], [])).toBe(0);
  });

  it('is always in [0, 1] and is 1 exactly when every answer matches', () => {
    const answer = fc.string({ unit: fc.constantFrom(...'0123456789 '), minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(fc.tuple(answer, answer), { minLength: 1, maxLength: 10 }), (rows) => {
        const predicted = rows.map(([p]) => p);
        const expected = rows.map(([, e]) => e.padEnd(4).slice(0, 4));
        const acc = perSymbolAccuracy(predicted, expected);
        expect(acc).toBeGreaterThanOrEqual(0);
        expect(acc).toBeLessThanOrEqual(1);
        expect(acc === 1).toBe(predicted.every((p, i) => p.slice(0, 4) === expected[i]));
        expect(perSymbolAccuracy(expected, expected)).toBe(1);
        expect(exactMatch(expected, expected)).toBe(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('rmse', () => {
  it('is the root of the mean squared error, in the original units', () => {
    expect(rmse([0, 0], [3, 4])).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(rmse([1, 2, 3], [1, 2, 5])).toBeCloseTo(Math.sqrt(4 / 3), 12);
    expect(rmse([61], [61])).toBe(0);
    expect(rmse([70], [61])).toBe(9);
    expect(rmse([52], [61])).toBe(9);
  });

  it('is 0 for no examples', () => {
    expect(rmse([], [])).toBe(0);
  });

  it('propagates NaN from an unreadable answer', () => {
    expect(rmse([Number.NaN, 1], [1, 1])).toBeNaN();
  });
});

describe('readAnswer: a written answer as a number', () => {
  it('reads a padded answer', () => {
    expect(answerToNumber(' 61')).toBe(61);
    expect(answerToNumber('  8')).toBe(8);
    expect(answerToNumber('200')).toBe(200);
    expect(answerToNumber('61 ')).toBe(61);
    expect(answerToNumber('  0')).toBe(0);
  });

  it('reads a minus sign in front (answers of problems with -)', () => {
    expect(answerToNumber(' -61')).toBe(-61);
    expect(answerToNumber('-0')).toBe(-0);
  });

  it.each([' 6 1', '', '   ', '6+1', '+61', '6-1', '--6', '- 6', '6.1', '1e2', '0x1', '６１'])('gives NaN for %j', (s) => {
    expect(answerToNumber(s)).toBeNaN();
  });
});

describe('distinct', () => {
  it('keeps the first place of each key and maps every item to its key\'s place', () => {
    const { keep, of } = distinct(['1+2', '3+4', '1+2', '5+6', '3+4', '1+2']);
    expect(keep).toEqual([0, 1, 3]);
    expect(Array.from(of)).toEqual([0, 1, 0, 2, 1, 0]);
    expect(distinct([])).toEqual({ keep: [], of: new Int32Array(0) });
  });
});
