import { carryProfile, placeName } from './carries';
import type { Expression, Operator } from './expression';
import type { ProblemSettings } from './problem';

/** Most rows (and columns) of an error map: every pair up to this `largest`, else an evenly spaced sample. */
export const MAP_SIDE = 100;

/**
 * Most rows (and columns) of a map made while training: a quarter of the cells
 * of a full one, so it costs a quarter as much and can be redrawn four times as
 * often; the map made when the run ends has every cell again.
 */
export const LIVE_MAP_SIDE = 50;

/** The grid of an error map: `a` down the rows, `b` across the columns, one operator. */
export interface MapGrid {
  op: Operator;
  rows: number[];
  cols: number[];
}

/** What the model answered in every cell of a grid, row by row. */
export interface ErrorMapData extends MapGrid {
  epoch: number;
  /** Made while training, on the smaller grid (`LIVE_MAP_SIDE`). */
  live?: boolean;
  /** 1 where the answer is right. */
  right: Uint8Array;
  /** How sure it was, 0–255 (the product of its positions' top probabilities). */
  sure: Uint8Array;
  /** The answers as written (trimmed). */
  answers: string[];
}

/** One run's error maps so far (ms, on one clock): when the run began and the last map ended, a cell's last cost, all maps' cost. */
export interface MapBudget {
  startedAt: number;
  lastAt: number;
  cellMs: number;
  spentMs: number;
}

/** A run's map bookkeeping before its first map. */
export const freshMapBudget = (startedAt: number): MapBudget => ({ startedAt, lastAt: 0, cellMs: 0, spentMs: 0 });

/**
 * Whether a live map of `cells` cells is due at `now`: at most one every
 * `intervalMs`, and only while all the maps so far with this one (at the last
 * map's cost a cell, or `estimateMs` before any) stay within `share` of the
 * run's time.
 */
export function liveMapDue(b: MapBudget, now: number, { cells, estimateMs, share, intervalMs }: { cells: number; estimateMs: number; share: number; intervalMs: number }): boolean {
  if (now - b.lastAt < intervalMs) return false;
  const next = b.cellMs > 0 ? b.cellMs * cells : estimateMs;
  return b.spentMs + next <= share * (now - b.startedAt);
}

/** The bookkeeping after a map of `cells` cells that ran from `start` to `end` (a map of no cells keeps the last cost a cell). */
export function afterMap(b: MapBudget, start: number, end: number, cells: number): MapBudget {
  const cost = end - start;
  return { ...b, lastAt: end, cellMs: cells > 0 ? cost / cells : b.cellMs, spentMs: b.spentMs + cost };
}

/** An epoch of the map as kept for the replay slider: its grid, rights and certainty (not the answers). */
export type MapSnapshot = Pick<ErrorMapData, 'epoch' | 'op' | 'rows' | 'cols' | 'live' | 'right' | 'sure'>;

/** The values along one side: 1 to `largest`, or `side` of them evenly spaced. */
export function mapAxis(largest: number, side = MAP_SIDE): number[] {
  if (largest <= side) return Array.from({ length: largest }, (_, i) => i + 1);
  return Array.from({ length: side }, (_, i) => Math.round(1 + (i * (largest - 1)) / (side - 1)));
}

/** The grid for a two-term problem with one operator, at most `side` a side; undefined for anything else. */
export function mapGrid(p: ProblemSettings, side = MAP_SIDE): MapGrid | undefined {
  if (p.nNumbers !== 2 || p.minNumbers !== 2 || p.operators.length !== 1) return undefined;
  const axis = mapAxis(p.largest, side);
  return { op: p.operators as Operator, rows: axis, cols: axis };
}

const apply = (a: number, op: Operator, b: number) => (op === '+' ? a + b : op === '-' ? a - b : a * b);

/** The grid's expressions, row by row. */
export function mapExpressions(g: MapGrid): Expression[] {
  return g.rows.flatMap((a) => g.cols.map((b) => ({ terms: [a, b], ops: [g.op], value: apply(a, g.op, b) })));
}

/** What one cell says, e.g. `37+58 → 96, expected 95, 62 % sure`. */
export function cellSentence(map: ErrorMapData, row: number, col: number): string {
  const a = map.rows[row];
  const b = map.cols[col];
  const i = row * map.cols.length + col;
  const expected = apply(a, map.op, b);
  const sure = `${Math.round((map.sure[i] / 255) * 100)} % sure`;
  return map.right[i] ? `${a}${map.op}${b} → ${map.answers[i]}, right, ${sure}` : `${a}${map.op}${b} → ${map.answers[i] || '(blank)'}, expected ${expected}, ${sure}`;
}

/** The map in words, for screen readers: `N of M wrong; K of them need a carry into the hundreds`. */
export function mapSummary(map: Pick<ErrorMapData, 'op' | 'rows' | 'cols' | 'right'>): string {
  const total = map.right.length;
  let wrong = 0;
  const into = new Map<number, number>();
  map.rows.forEach((a, r) =>
    map.cols.forEach((b, c) => {
      if (map.right[r * map.cols.length + c]) return;
      wrong++;
      const profile = carryProfile({ terms: [a, b], ops: [map.op] });
      if (profile && profile.highestInto >= 0) into.set(profile.highestInto, (into.get(profile.highestInto) ?? 0) + 1);
    }),
  );
  const head = `${wrong} of ${total} wrong`;
  if (wrong === 0 || into.size === 0) return `${head}.`;
  const top = Math.max(...into.keys());
  const word = map.op === '-' ? 'borrow from' : 'carry into';
  return `${head}; ${into.get(top)} of them need a ${word} the ${placeName(top)}.`;
}
