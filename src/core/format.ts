/** Numbers as a projector reads them, shared by the answers core writes and the views. */

import type { Cell } from './config';

/** How each cell is named on screen. */
export const CELL_NAMES: Record<Cell, string> = { lstm: 'LSTM', gru: 'GRU', simpleRnn: 'SimpleRNN' };

/** `0.9343 -> '93.4 %'`. */
export const percent = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** Thousands with a thin space: `2140 -> '2 140'`. */
export const grouped = (n: number): string => Math.round(n).toLocaleString('en-US').replace(/,/g, '\u2009');
