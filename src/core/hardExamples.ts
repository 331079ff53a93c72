import type { Rng } from './random';

/**
 * Hard-example sampling: before each epoch the trainer answers a fresh,
 * seeded set of training sums (drawn as training draws them, from their own
 * stream: never the held-out sums) with the weights as they are, and a share
 * of every batch of that epoch (`hardShare`) is then made of the sums it got
 * wrong, the rest drawn as usual. The set is scored afresh each epoch, so a
 * resumed run (whose weights are those at the end of the last epoch) finds
 * the same sums.
 */

/** Most candidate sums scored before an epoch. */
export const MAX_HARD_CANDIDATES = 500;

/** How many candidate sums are scored before an epoch of `examplesPerEpoch`: half of it, at most `MAX_HARD_CANDIDATES`. */
export function hardCandidates(examplesPerEpoch: number): number {
  return Math.min(MAX_HARD_CANDIDATES, Math.ceil(examplesPerEpoch / 2));
}

/** The items whose answer was wrong, in their order. */
export function missed<T>(items: readonly T[], right: readonly boolean[]): T[] {
  if (items.length !== right.length) throw new Error(`missed: ${items.length} items but ${right.length} answers`);
  return items.filter((_, i) => !right[i]);
}

/** How many of a batch of `size` come from the hard pool: `share` of it, rounded, none while the pool is empty. */
export function hardCount(size: number, share: number, poolSize: number): number {
  if (poolSize === 0) return 0;
  return Math.min(size, Math.round(size * share));
}

/**
 * Hands out the pool's items in a seeded shuffled order, and again in a new
 * order when all have been handed out: every missed sum comes back about as
 * often as the others, none twice before all once.
 */
export function hardCycle<T>(pool: readonly T[], rng: Rng): (count: number) => T[] {
  let order: T[] = [];
  return (count) => {
    const out: T[] = [];
    if (pool.length === 0) return out;
    while (out.length < count) {
      if (order.length === 0) order = shuffled(pool, rng);
      out.push(order.pop()!);
    }
    return out;
  };
}

/** A Fisher–Yates shuffle of a copy. */
function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
