import { describe, expect, it } from 'vitest';
import { afterMap, cellSentence, freshMapBudget, liveMapDue, LIVE_MAP_SIDE, mapAxis, mapExpressions, mapGrid, mapSummary, MAP_SIDE, type ErrorMapData } from '../../../src/core/errorMap';
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

describe('live map budget', () => {
  // Binary fractions, so the sums below are exact.
  const rule = { cells: 2_000, estimateMs: 150, share: 1 / 16, intervalMs: 1_000 };

  it('the first map waits until the estimate fits in the share of the run so far, and a second one second after the last', () => {
    const b = freshMapBudget(500);
    // 150 ms within a sixteenth: due once 2 400 ms of the run have passed (at 2 900), not a millisecond before.
    expect(liveMapDue(b, 2_899, rule)).toBe(false);
    expect(liveMapDue(b, 2_900, rule)).toBe(true);
    // A map of 2 000 cells from 2 900 to 3 025: 0.0625 ms a cell, 125 ms spent.
    const after = afterMap(b, 2_900, 3_025, 2_000);
    expect(after).toEqual({ startedAt: 500, lastAt: 3_025, cellMs: 0.0625, spentMs: 125 });
    // The next costs 0.0625 × 2 000 = 125 ms: 250 ms spent within a sixteenth once the run is 4 000 ms long (at 4 500).
    expect(liveMapDue(after, 4_499, rule)).toBe(false);
    expect(liveMapDue(after, 4_500, rule)).toBe(true);
    // The interval: within a second of the last map, never, whatever the share.
    expect(liveMapDue(after, 4_024, { ...rule, share: 1 })).toBe(false);
    expect(liveMapDue(after, 4_025, { ...rule, share: 1 })).toBe(true);
  });

  it('a live map is priced by the last map’s cost a cell, whatever its size, and costs add up', () => {
    // A full map of 10 000 cells in 625 ms: 0.0625 ms a cell, so a live one of 2 000 is 125 ms, not 625.
    const full = afterMap(freshMapBudget(0), 1_000, 1_625, 10_000);
    expect(full.cellMs).toBe(0.0625);
    expect(liveMapDue(full, 12_000, rule)).toBe(true); // 625 + 125 ≤ 12 000 / 16
    expect(liveMapDue(full, 11_999, rule)).toBe(false);
    // A map of no cells keeps the last cost a cell, and its time still counts.
    expect(afterMap(full, 2_000, 2_010, 0)).toEqual({ startedAt: 0, lastAt: 2_010, cellMs: 0.0625, spentMs: 635 });
  });
});
