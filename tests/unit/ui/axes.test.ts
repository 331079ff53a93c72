import { describe, expect, it } from 'vitest';
import { EXAMPLE_TICKS, lastOf, yFromZero } from '../../../src/ui/charts/axes';
import { ticksFromZero } from '../../../src/core/ticks';

describe('chart axes', () => {
  it('y from 0 to a round value above the largest finite value: a diverged loss does not flatten the chart', () => {
    expect(yFromZero([0.3, 2.3, Number.NaN, Number.POSITIVE_INFINITY])).toEqual({ domain: [0, 2.5], ticks: [0, 0.5, 1, 1.5, 2, 2.5], niceTicks: 'none', interval: 0 });
    expect(yFromZero([]).domain).toEqual([0, 0]);
  });

  it('labels examples so no two ticks read alike', () => {
    for (const max of [600, 1400, 3000, 7_000, 14_000, 72_000, 250_000]) {
      const labels = ticksFromZero(max).map(EXAMPLE_TICKS);
      expect(new Set(labels).size, labels.join(' ')).toBe(labels.length);
    }
    expect(ticksFromZero(1400).map(EXAMPLE_TICKS)).toEqual(['0', '200', '400', '600', '800', '1k', '1.2k', '1.4k']);
  });

  it('x runs to the last row of the longest series', () => {
    expect(lastOf('examples', [{ examples: 1000 }, { examples: 5000 }], [{ examples: 9000 }], [])).toBe(9000);
    expect(lastOf('examples')).toBe(0);
  });
});
