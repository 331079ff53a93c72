import { describe, expect, it } from 'vitest';
import { cellSentence, LIVE_MAP_SIDE, mapAxis, mapExpressions, mapGrid, mapSummary, MAP_SIDE, type ErrorMapData } from '../../../src/core/errorMap';
import { LESSON_PROBLEM } from '../../../src/core/problem';

describe('error map grid', () => {
  it('takes every number up to 100, else 100 evenly spaced from 1 to largest', () => {
    expect(mapAxis(10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(mapAxis(100)).toHaveLength(100);
    const wide = mapAxis(999);
    expect(wide).toHaveLength(MAP_SIDE);
    expect([wide[0], wide.at(-1)]).toEqual([1, 999]);
    expect(wide.every((v, i) => i === 0 || v > wide[i - 1])).toBe(true);
    // Evenly spaced: neighbouring gaps differ by at most one.
    const gaps = wide.slice(1).map((v, i) => v - wide[i]);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });

  it('while training, has at most LIVE_MAP_SIDE a side: a quarter of the cells, still from 1 to largest', () => {
    const live = mapGrid(LESSON_PROBLEM, LIVE_MAP_SIDE)!;
    expect([live.rows.length, live.cols.length, live.rows[0], live.rows.at(-1)]).toEqual([50, 50, 1, 100]);
    expect(mapGrid(LESSON_PROBLEM)!.rows).toHaveLength(100);
    // Small problems keep every number.
    expect(mapGrid({ ...LESSON_PROBLEM, largest: 20 }, LIVE_MAP_SIDE)!.rows).toEqual(mapAxis(20));
  });

  it('exists for two terms and one operator only', () => {
    expect(mapGrid({ ...LESSON_PROBLEM, largest: 10 })).toEqual({ op: '+', rows: mapAxis(10), cols: mapAxis(10) });
    expect(mapGrid({ ...LESSON_PROBLEM, operators: '*' })?.op).toBe('*');
    expect(mapGrid({ ...LESSON_PROBLEM, operators: '+-' })).toBeUndefined();
    expect(mapGrid({ ...LESSON_PROBLEM, nNumbers: 3, minNumbers: 3 })).toBeUndefined();
    expect(mapGrid({ ...LESSON_PROBLEM, nNumbers: 3 })).toBeUndefined();
  });

  it('lists a op b row by row, with exact values', () => {
    const e = mapExpressions({ op: '-', rows: [5, 9], cols: [1, 7] });
    expect(e.map((x) => [x.terms, x.value])).toEqual([[[5, 1], 4], [[5, 7], -2], [[9, 1], 8], [[9, 7], 2]]);
    expect(mapExpressions({ op: '*', rows: [3], cols: [4] })[0].value).toBe(12);
  });
});

const map = (right: number[], answers: string[]): ErrorMapData => ({
  op: '+',
  rows: [37, 99],
  cols: [58, 1],
  epoch: 4,
  right: Uint8Array.from(right),
  sure: Uint8Array.from([158, 255, 0, 128]),
  answers,
});

describe('error map words', () => {
  it('says what a cell was answered, the right answer and how sure', () => {
    const m = map([0, 1, 0, 1], ['96', '38', '10', '100']);
    expect(cellSentence(m, 0, 0)).toBe('37+58 → 96, expected 95, 62 % sure');
    expect(cellSentence(m, 0, 1)).toBe('37+1 → 38, right, 100 % sure');
    expect(cellSentence(m, 1, 0)).toBe('99+58 → 10, expected 157, 0 % sure');
  });

  it('sums the map up for screen readers, naming the highest carry among the wrong ones', () => {
    expect(mapSummary(map([0, 1, 0, 1], []))).toBe('2 of 4 wrong; 1 of them need a carry into the hundreds.');
    expect(mapSummary(map([1, 1, 1, 1], []))).toBe('0 of 4 wrong.');
    expect(mapSummary({ op: '+', rows: [1], cols: [2], right: Uint8Array.from([0]) })).toBe('1 of 1 wrong.');
    expect(mapSummary({ op: '-', rows: [10], cols: [1], right: Uint8Array.from([0]) })).toBe('1 of 1 wrong; 1 of them need a borrow from the tens.');
  });
});
