import type { Config } from './config';
import type { Expression } from './expression';
import { grouped, percent } from './format';
import { KINDS } from './kinds';
import { digitCount, type ProblemSpec } from './problem';
import type { Rng } from './random';

/**
 * Longer numbers than the model was trained on. A model trained on terms up
 * to `largest`, with widths that make room for terms up to `testLargest`, is
 * scored on sums whose first two terms have every pair of digit counts from 1
 * to the digits of `testLargest`: a grid of digit count of `a` by digit count
 * of `b`, as published work on length generalisation shows it. Training only
 * ever drew terms up to `largest`, so the cells past it test what the model
 * does with digits in places it never saw used.
 */

/** Sums scored per cell of the grid (drawn evenly and seeded). */
export const LONGER_PER_CELL = 100;

/** The sums of one cell: the first term has `aDigits` digits, the second `bDigits` (any further ones up to the longer of the two). */
export interface LongerSetCell {
  aDigits: number;
  bDigits: number;
  expressions: Expression[];
}

/** The sums to score, cell by cell, rows (`a`'s digits) first. */
export interface LongerSet {
  /** Digit counts of the rows and of the columns: 1 to the digits of `testLargest`. */
  digits: number[];
  cells: LongerSetCell[];
}

/** Exact-match of some sums. */
export interface Tally {
  count: number;
  right: number;
}

/** One cell of the grid as the model answered it. */
export interface LongerCell extends Tally {
  aDigits: number;
  bDigits: number;
  /** The cell's sums whose every term is within `[1, largest]` (what training drew from), and how many of them were right. */
  inRange: Tally;
}

/** The longer-numbers grid as the model answered it. */
export interface LongerReport {
  largest: number;
  testLargest: number;
  /** Digit counts of the rows (`a`) and columns (`b`). */
  digits: number[];
  /** Row-major: `cells[(a - 1) * digits.length + (b - 1)]` has `a`-digit first terms and `b`-digit second ones. */
  cells: LongerCell[];
  /** Every sum whose terms all lie within `largest`, wherever its cell. */
  inRange: Tally;
  /** Every sum with a term past `largest`. */
  beyond: Tally;
  /** A few sums as the model answered them, e.g. the first of each cell on the diagonal (1×1, 2×2, …). */
  examples: { sum: string; expected: string; predicted: string; correct: boolean }[];
}

/** Where a cell lies: every sum within `largest` (`in`), some (`partly`) or none (`beyond`). */
export function cellRange(cell: Pick<LongerCell, 'count' | 'inRange'>): 'in' | 'partly' | 'beyond' {
  if (cell.inRange.count === 0) return 'beyond';
  return cell.inRange.count === cell.count ? 'in' : 'partly';
}

/**
 * Why a config's model cannot be scored on longer numbers, or undefined when
 * it can: the kind must read digits (Act 1's mapping models read numbers
 * scaled by `largest`), and `testLargest` must make room past `largest`.
 */
export function longerRefusal(c: Config): string | undefined {
  if (!KINDS[c.model].modelFields.includes('testLargest')) {
    return 'Act 1’s mapping models read each number divided by largest × n_numbers, not its digits: they have no widths to make room in, so longer numbers cannot be tested here. Use Act 2’s seq2seq model.';
  }
  if (!(c.testLargest > c.largest)) {
    return `This model was trained without room for longer numbers: set test largest above largest (${c.largest}), train, then score.`;
  }
  return undefined;
}

/**
 * The sums to score: `perCell` for each pair of digit counts of the first two
 * terms, 1 to the digits of `testLargest` each, drawn with the problem's own
 * structures (term count, operators, brackets) from the seeded generator.
 */
export function longerSet(spec: ProblemSpec, rng: Rng, perCell = LONGER_PER_CELL): LongerSet {
  const digits = Array.from({ length: digitCount(spec.roomFor) }, (_, i) => i + 1);
  const cells = digits.flatMap((aDigits) =>
    digits.map((bDigits) => ({ aDigits, bDigits, expressions: spec.generateByDigits(rng, perCell, aDigits, bDigits) })),
  );
  return { digits, cells };
}

/** Scores a longer set from whether each answer was right (`correct` in the set's order, cell after cell). */
export function scoreLonger(set: LongerSet, settings: { largest: number; testLargest: number }, correct: readonly boolean[]): LongerReport {
  const inRange: Tally = { count: 0, right: 0 };
  const beyond: Tally = { count: 0, right: 0 };
  let i = 0;
  const cells = set.cells.map(({ aDigits, bDigits, expressions }) => {
    const cell: LongerCell = { aDigits, bDigits, count: 0, right: 0, inRange: { count: 0, right: 0 } };
    for (const e of expressions) {
      const right = correct[i++] === true;
      const within = e.terms.every((t) => t >= 1 && t <= settings.largest);
      const tallies = within ? [cell, cell.inRange, inRange] : [cell, beyond];
      for (const t of tallies) {
        t.count++;
        if (right) t.right++;
      }
    }
    return cell;
  });
  if (i !== correct.length) throw new Error(`Expected ${i} answers for the longer-numbers set, got ${correct.length}.`);
  return { largest: settings.largest, testLargest: settings.testLargest, digits: set.digits, cells, inRange, beyond, examples: [] };
}

/** A tally as exact-match of how many, e.g. `96.0 % of 400 sums`; `no sums` when empty. */
export function describeTally(t: Tally): string {
  return t.count === 0 ? 'no sums' : `${percent(t.right / t.count)} of ${grouped(t.count)} sums`;
}

/**
 * The grid in one sentence, for a screen reader and beside it on screen:
 * in-range exact-match against beyond, e.g. `Terms up to largest (100): 97.0 %
 * of 600 sums right. Past largest, up to test largest (9999): 1.5 % of 1 900 sums right.`
 */
export function summariseLonger(r: LongerReport): string {
  return `Terms up to largest (${r.largest}): ${describeTally(r.inRange)} right. Past largest, up to test largest (${r.testLargest}): ${describeTally(r.beyond)} right.`;
}
