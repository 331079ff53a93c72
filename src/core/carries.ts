import type { Expression } from './expression';
import type { ProblemSettings } from './problem';
import type { Rng } from './random';

/**
 * Where a sum is hard: how many of its columns carry (a difference: borrow),
 * the longest run of columns that do in a row (`999+1`: 3), and the highest
 * column that receives one. Published work on networks that learn arithmetic
 * keeps finding these are the hard cases, above all long chains.
 */
export interface CarryProfile {
  /** Columns whose carry (or borrow) goes on to the next column. */
  carries: number;
  /** The most such columns in a row. */
  longestChain: number;
  /** The highest column (0: units) a carry or borrow goes into; -1 when none does. */
  highestInto: number;
}

/** Column names, units first. */
export const PLACES = ['units', 'tens', 'hundreds', 'thousands', 'ten-thousands', 'hundred-thousands', 'millions'] as const;

/** A column's name (0: units), e.g. `hundreds`, or `10^9s` past the named ones. */
export function placeName(column: number): string {
  return PLACES[column] ?? `10^${column}s`;
}

const digit = (n: number, column: number) => Math.floor(n / 10 ** column) % 10;

/**
 * The carries of an addition of any number of terms, or the borrows of a
 * two-term subtraction (done as larger minus smaller, as on paper); undefined
 * for anything else (products, mixed operators), which has no single notion.
 */
export function carryProfile(e: Pick<Expression, 'terms' | 'ops'>): CarryProfile | undefined {
  const { terms, ops } = e;
  if (ops.every((op) => op === '+')) return columns(terms.length ? Math.max(...terms) : 0, (column, carry) => {
    const total = terms.reduce((sum, t) => sum + digit(t, column), carry);
    return Math.floor(total / 10);
  });
  if (terms.length === 2 && ops[0] === '-') {
    const [big, small] = terms[0] >= terms[1] ? terms : [terms[1], terms[0]];
    return columns(big, (column, borrow) => (digit(big, column) - digit(small, column) - borrow < 0 ? 1 : 0));
  }
  return undefined;
}

/** Walks the columns of numbers up to `largest` (and one more for a last carry), counting those whose `next` is not 0. */
function columns(largest: number, next: (column: number, incoming: number) => number): CarryProfile {
  const width = String(Math.max(0, Math.trunc(largest))).length;
  let incoming = 0;
  let carries = 0;
  let run = 0;
  let longestChain = 0;
  let highestInto = -1;
  // Enough columns for every carry of several terms to run out.
  for (let column = 0; column < width + 2; column++) {
    incoming = next(column, incoming);
    if (incoming > 0) {
      carries++;
      run++;
      longestChain = Math.max(longestChain, run);
      highestInto = column + 1;
    } else run = 0;
  }
  return { carries, longestChain, highestInto };
}

/** True when the problem's every expression has a carry profile (all `+`, or two terms with `-` alone). */
export function hasCarries(p: Pick<ProblemSettings, 'operators' | 'nNumbers'>): boolean {
  return p.operators === '+' || (p.operators === '-' && p.nNumbers === 2);
}

/**
 * True when training draws carry-balanced sums: asked for, and the problem's
 * sums have carries (or borrows); a problem without them is drawn as it asks.
 */
export function balancesCarries(c: Pick<ProblemSettings, 'operators' | 'nNumbers'> & { sampling: string }): boolean {
  return (c.sampling === 'carry-balanced' || c.sampling === 'carry-and-length-balanced') && hasCarries(c);
}

/**
 * Sums chosen for long carry (or borrow) chains within the problem's range:
 * `99+1`, `999+1`, `9+91`, `1000-1`, … longest chains first, at most `count`.
 * Empty when the problem has no carries (see `hasCarries`).
 */
export function carryStressSet(p: ProblemSettings, count = 40): Expression[] {
  if (!hasCarries(p)) return [];
  const op = p.operators === '-' ? '-' : '+';
  const digits = String(p.largest).length;
  // Numbers made of 9s, powers of ten and their neighbours: the makings of long chains.
  const parts = new Set<number>([1, 5, 9]);
  for (let k = 1; k <= digits; k++) {
    for (let j = 0; j < k; j++) parts.add(10 ** k - 10 ** j);
    parts.add(10 ** k);
    parts.add(10 ** k + 1);
    parts.add(10 ** k - 9);
  }
  const numbers = [...parts].filter((n) => n >= 1 && n <= p.largest).sort((a, b) => a - b);
  const n = Math.max(p.minNumbers, 2);
  const found = new Map<string, { e: Expression; profile: CarryProfile }>();
  for (const a of numbers) {
    for (const b of numbers) {
      // Three or more terms: the rest are 1s, which keep chains alive at the units.
      const terms = op === '-' ? [Math.max(a, b), Math.min(a, b)] : [a, b, ...Array<number>(n - 2).fill(1)];
      const ops = Array<'+' | '-'>(terms.length - 1).fill(op);
      const value = op === '-' ? terms[0] - terms[1] : terms.reduce((s, t) => s + t, 0);
      const e: Expression = { terms, ops, value };
      const profile = carryProfile(e);
      if (!profile || profile.longestChain === 0) continue;
      found.set(terms.join(op), { e, profile });
    }
  }
  return [...found.values()]
    .sort((x, y) => y.profile.longestChain - x.profile.longestChain || y.profile.carries - x.profile.carries || x.e.value - y.e.value)
    .slice(0, count)
    .map((f) => f.e);
}

/** Candidates drawn per sum asked, to fill every carry count. */
const POOL = 8;

/**
 * Training sums with as many of each carry count as the problem has (carry-
 * balanced sampling): draws `POOL` times as many sums as asked with `draw`,
 * then takes them round-robin across carry counts. Rare counts (e.g. long
 * chains) thus come up as often as the rest, as far as the draw holds them.
 */
export function carryBalanced(draw: (rng: Rng, count: number) => Expression[], rng: Rng, count: number): Expression[] {
  return balancedBy((e) => carryProfile(e)?.carries ?? 0, draw, rng, count, false);
}

/**
 * Training sums with as many of each answer's tens (its value ÷ 10, rounded down) as the draw holds (answer-
 * balanced sampling): rare answers, the smallest and the largest sums, come up as often as the rest. The tens
 * take turns in a seeded random order, so when there are more of them than sums asked (wide ranges), the
 * sums taken are not the smallest.
 */
export function answerBalanced(draw: (rng: Rng, count: number) => Expression[], rng: Rng, count: number): Expression[] {
  return balancedBy((e) => Math.floor(e.value / 10), draw, rng, count, true);
}

/**
 * Draws `POOL` times as many sums as asked, then takes them round-robin across the buckets of `key`: from the
 * smallest key up, or with `shuffle` in an order drawn from `rng`.
 */
function balancedBy(key: (e: Expression) => number, draw: (rng: Rng, count: number) => Expression[], rng: Rng, count: number, shuffle: boolean): Expression[] {
  const buckets = new Map<number, Expression[]>();
  for (const e of draw(rng, count * POOL)) {
    const k = key(e);
    const bucket = buckets.get(k) ?? [];
    bucket.push(e);
    buckets.set(k, bucket);
  }
  const queues = [...buckets.entries()].sort(([a], [b]) => a - b).map(([, b]) => b);
  // Fisher–Yates.
  if (shuffle) for (let i = queues.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [queues[i], queues[j]] = [queues[j], queues[i]];
  }
  const out: Expression[] = [];
  for (let turn = 0; out.length < count; turn++) {
    const queue = queues[turn % queues.length];
    const next = queue.pop();
    if (next) out.push(next);
    if (queues.every((q) => q.length === 0)) break;
  }
  return out;
}
