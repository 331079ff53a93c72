import { describe, expect, it } from 'vitest';
import { EXAMPLE_TICKS, lastOf, PERCENT_Y, plainTick, xAxisFromZero, yFromZero } from '../../../src/ui/charts/axes';
import { ticksFromZero } from '../../../src/core/ticks';

describe('chart axes', () => {
  it('y from 0 to a round value above the largest finite value: a diverged loss does not flatten the chart', () => {
    expect(yFromZero([0.3, 2.3, Number.NaN, Number.POSITIVE_INFINITY])).toEqual({ domain: [0, 2.5], ticks: [0, 0.5, 1, 1.5, 2, 2.5], niceTicks: 'none', interval: 0, tick: plainTick });
    expect(yFromZero([]).domain).toEqual([0, 0]);
  });

  it('labels examples so no two ticks read alike', () => {
    for (const max of [600, 1400, 3000, 7_000, 14_000, 72_000, 250_000]) {
      const labels = ticksFromZero(max).map(EXAMPLE_TICKS);
      expect(new Set(labels).size, labels.join(' ')).toBe(labels.length);
    }
    expect(ticksFromZero(1400).map(EXAMPLE_TICKS)).toEqual(['0', '200', '400', '600', '800', '1k', '1.2k', '1.4k']);
  });

  it('draws a tick label as one plain SVG text, formatted, placed as recharts places it', () => {
    const below = plainTick({ x: 10, y: 20, textAnchor: 'middle', verticalAnchor: 'start', fill: '#666', className: 'c', index: 3, payload: { value: 1200 }, tickFormatter: EXAMPLE_TICKS });
    expect(below.type).toBe('text');
    expect(below.props).toEqual({ x: 10, y: 20, dy: '0.71em', textAnchor: 'middle', fill: '#666', className: 'c', children: '1.2k' });
    // A y-axis label, centred on its tick; without a formatter the value as it is.
    expect(plainTick({ x: 0, y: 5, textAnchor: 'end', verticalAnchor: 'middle', payload: { value: 75 } }).props).toMatchObject({ dy: '0.355em', textAnchor: 'end', children: '75' });
    // Every axis made here draws its labels so.
    expect(PERCENT_Y.tick).toBe(plainTick);
    expect(xAxisFromZero({ dataKey: 'examples', max: 1400, format: EXAMPLE_TICKS, label: 'examples' }).props.tick).toBe(plainTick);
  });

  it('x runs to the last row of the longest series', () => {
    expect(lastOf('examples', [{ examples: 1000 }, { examples: 5000 }], [{ examples: 9000 }], [])).toBe(9000);
    expect(lastOf('examples')).toBe(0);
  });
});
