import { carryProfile, placeName } from './carries';
import type { Expression, Operator } from './expression';
import type { ProblemSettings } from './problem';

/** Most rows (and columns) of an error map: every pair up to this `largest`, else an evenly spaced sample. */
export const MAP_SIDE = 100;

/** The grid of an error map: `a` down the rows, `b` across the columns, one operator. */
export interface MapGrid {
  op: Operator;
  rows: number[];
  cols: number[];
}

/** What the model answered in every cell of a grid, row by row. */
export interface ErrorMapData extends MapGrid {
  epoch: number;
  /** 1 where the answer is right. */
  right: Uint8Array;
  /** How sure it was, 0–255 (the product of its positions' top probabilities). */
  sure: Uint8Array;
  /** The answers as written (trimmed). */
  answers: string[];
}

/** An epoch of the map as kept for the replay slider: rights and certainty only. */
export type MapSnapshot = Pick<ErrorMapData, 'epoch' | 'right' | 'sure'>;

/** The values along one side: 1 to `largest`, or `MAP_SIDE` of them evenly spaced. */
export function mapAxis(largest: number): number[] {
  if (largest <= MAP_SIDE) return Array.from({ length: largest }, (_, i) => i + 1);
  return Array.from({ length: MAP_SIDE }, (_, i) => Math.round(1 + (i * (largest - 1)) / (MAP_SIDE - 1)));
}

/** The grid for a two-term problem with one operator; undefined for anything else. */
export function mapGrid(p: ProblemSettings): MapGrid | undefined {
  if (p.nNumbers !== 2 || p.minNumbers !== 2 || p.operators.length !== 1) return undefined;
  const axis = mapAxis(p.largest);
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
