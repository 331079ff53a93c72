import { describe, it, expect } from 'vitest';
import { CELLS } from '../../../src/core/config';
import { CELL_NAMES, grouped, percent } from '../../../src/core/format';

describe('CELL_NAMES', () => {
  it('names each cell as Keras and tfjs-layers name the layer', () => {
    expect(CELLS.map((c) => CELL_NAMES[c])).toEqual(['LSTM', 'GRU', 'SimpleRNN']);
    expect(CELL_NAMES).toEqual({ lstm: 'LSTM', gru: 'GRU', simpleRnn: 'SimpleRNN' });
  });
});

describe('percent', () => {
  it('writes a fraction as a percentage to one decimal', () => {
    expect(percent(0.9343)).toBe('93.4 %');
    expect(percent(1)).toBe('100.0 %');
    expect(percent(0)).toBe('0.0 %');
  });
});

describe('grouped', () => {
  it('groups thousands with a thin space, rounding to a whole number', () => {
    expect(grouped(2140)).toBe('2\u2009140');
    expect(grouped(1_234_567.6)).toBe('1\u2009234\u2009568');
    expect(grouped(999)).toBe('999');
    expect(grouped(-12_000)).toBe('-12\u2009000');
  });
});
