import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tickStep, ticksFromZero } from '../../../src/core/ticks';

/** True when `step` is 1, 2 or 5 times a power of ten. */
const round = (step: number) => {
  const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
  return [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9);
};

describe('tickStep', () => {
  it('picks the 1-2-5 step nearest to span / count, as d3 does', () => {
    expect(tickStep(100, 5)).toBe(20);
    expect(tickStep(72_000, 5)).toBe(20_000);
    expect(tickStep(3.2, 5)).toBe(0.5);
    expect(tickStep(1, 5)).toBe(0.2);
    expect(tickStep(60, 5)).toBe(10);
    expect(tickStep(42, 5)).toBe(10);
    expect(tickStep(28, 5)).toBe(5);
  });
});

describe('ticksFromZero', () => {
  it('counts from zero in round steps up to the largest value', () => {
    expect(ticksFromZero(100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(ticksFromZero(72_000)).toEqual([0, 20_000, 40_000, 60_000]);
    expect(ticksFromZero(2.3)).toEqual([0, 0.5, 1, 1.5, 2]);
  });

  it('with cover, ends at the first round value at or above the largest', () => {
    expect(ticksFromZero(2.3, { cover: true })).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(ticksFromZero(2, { cover: true })).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(ticksFromZero(0.7, { cover: true })).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('keeps ticks at least minStep apart (whole epochs)', () => {
    expect(ticksFromZero(2.3, { minStep: 1 })).toEqual([0, 1, 2]);
    expect(ticksFromZero(0.4, { minStep: 1 })).toEqual([0]);
    expect(ticksFromZero(60, { minStep: 1 })).toEqual([0, 10, 20, 30, 40, 50, 60]);
  });

  it('gives [0] for an empty or broken axis', () => {
    expect(ticksFromZero(0)).toEqual([0]);
    expect(ticksFromZero(-3)).toEqual([0]);
    expect(ticksFromZero(Number.NaN)).toEqual([0]);
    expect(ticksFromZero(Number.POSITIVE_INFINITY)).toEqual([0]);
  });

  it('holds for any largest value: few ticks, evenly spaced by a round step, covering as asked', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 1e7, noNaN: true }), fc.boolean(), (max, cover) => {
        const ticks = ticksFromZero(max, { cover });
        expect(ticks[0]).toBe(0);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(12);
        const step = ticks[1] - ticks[0];
        expect(round(step)).toBe(true);
        ticks.forEach((t, i) => expect(t).toBeCloseTo(i * step, 9));
        const last = ticks.at(-1)!;
        if (cover) {
          expect(last).toBeGreaterThanOrEqual(max * (1 - 1e-9));
          expect(last - step).toBeLessThan(max);
        } else {
          expect(last).toBeLessThanOrEqual(max * (1 + 1e-9));
          expect(last + step).toBeGreaterThan(max);
        }
      }),
    );
  });
});
