import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lttb } from '../../../src/core/downsample';

type P = { x: number; y: number };
const xs = (p: P) => p.x;
const ys = (p: P) => p.y;
const series = (ys: number[]): P[] => ys.map((y, x) => ({ x, y }));

describe('lttb', () => {
  it('returns short series whole (a copy) and never more rows than asked', () => {
    const s = series([3, 1, 2]);
    const out = lttb(s, 5, xs, ys);
    expect(out).toEqual(s);
    expect(out).not.toBe(s);
    expect(lttb(series(Array.from({ length: 1000 }, (_, i) => Math.sin(i / 7))), 100, xs, ys)).toHaveLength(100);
  });

  it('keeps a single spike that bucket means would smooth away', () => {
    const ys = Array.from({ length: 10_000 }, () => 1);
    ys[4321] = 50;
    const out = lttb(series(ys), 50, xs, (p) => p.y);
    expect(out.some((p) => p.x === 4321)).toBe(true);
  });

  it('picks the point of largest triangle in its bucket (worked by hand)', () => {
    // Threshold 5: two places for the extremes, so plain LTTB keeps 3 of the 6 points: the first,
    // one of points 1–4, the last. With a = (0, 0) and the next bucket's mean = the last point (5, 4),
    // the triangle's doubled area is |(0 − 5)(y − 0) − (0 − x)(4 − 0)| = |4x − 5y|: 6, 3, 3, 11 for
    // points 1–4, so point 4 is kept. The extremes (0 and 5) are kept already.
    const s = series([0, 2, 1, 3, 1, 4]);
    expect(lttb(s, 5, xs, ys).map((p) => p.x)).toEqual([0, 4, 5]);
    // Below 4 there is no room for extremes: plain LTTB, one bucket, the largest triangle (y = 3 here, area 15 − 12).
    expect(lttb(series([0, 2, 1, 3, 1, 0]), 3, xs, ys).map((p) => p.x)).toEqual([0, 3, 5]);
  });

  it('property: first and last kept, both extremes kept, order kept, size bounded, rows are the input’s own', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 3000 }), fc.integer({ min: 2, max: 400 }), (values, threshold) => {
        const s = series(values);
        const out = lttb(s, threshold, xs, ys);
        expect(out.length).toBeLessThanOrEqual(Math.max(threshold, 2));
        if (values.length === 0) {
          expect(out).toEqual([]);
          return;
        }
        if (threshold < 4 || values.length <= threshold) expect(out.length).toBe(Math.min(values.length, threshold));
        else expect(out.length).toBeGreaterThanOrEqual(threshold - 2);
        expect(out[0]).toBe(s[0]);
        expect(out.at(-1)).toBe(s.at(-1));
        for (let i = 1; i < out.length; i++) expect(out[i].x).toBeGreaterThan(out[i - 1].x);
        for (const p of out) expect(s[p.x]).toBe(p);
        const min = Math.min(...values);
        const max = Math.max(...values);
        if (threshold >= 4 || values.length <= threshold) {
          expect(out.some((p) => p.y === min)).toBe(true);
          expect(out.some((p) => p.y === max)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * Steinarsson's LTTB as his paper writes it (bucket i of `threshold − 2` spans
 * ⌊i·every⌋+1 … ⌊(i+1)·every⌋; the point kept is the one whose triangle with
 * the point kept before and the next bucket's mean is largest), indices only.
 */
function reference(ys: number[], threshold: number): number[] {
  const n = ys.length;
  const every = (n - 2) / (threshold - 2);
  const kept = [0];
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const nextFrom = Math.floor((i + 1) * every) + 1;
    const nextTo = Math.min(Math.floor((i + 2) * every) + 1, n);
    const next = Array.from({ length: nextTo - nextFrom }, (_, k) => nextFrom + k);
    const cx = next.reduce((s, k) => s + k, 0) / next.length;
    const cy = next.reduce((s, k) => s + ys[k], 0) / next.length;
    let best = -1;
    let bestArea = -1;
    for (let k = Math.floor(i * every) + 1; k < nextFrom; k++) {
      // Twice the triangle's area, by the shoelace formula.
      const area = Math.abs(a * (ys[k] - cy) + k * (cy - ys[a]) + cx * (ys[a] - ys[k]));
      if (area > bestArea) [best, bestArea] = [k, area];
    }
    kept.push(best);
    a = best;
  }
  kept.push(n - 1);
  return kept;
}

describe('lttb against the paper', () => {
  it('keeps the same points as a plain transcription of the algorithm, extremes added from 4 points up', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 5, maxLength: 400 }), fc.integer({ min: 3, max: 60 }), (values, threshold) => {
        fc.pre(values.length > threshold);
        const got = lttb(series(values), threshold, xs, ys).map((p) => p.x);
        if (threshold < 4) {
          expect(got).toEqual(reference(values, threshold));
          return;
        }
        const expected = new Set(reference(values, threshold - 2));
        expected.add(values.indexOf(Math.min(...values)));
        expected.add(values.indexOf(Math.max(...values)));
        expect(got).toEqual([...expected].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });
});
