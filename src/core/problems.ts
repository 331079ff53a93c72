import type { Problem } from './widths';
import type { Rng } from './random';

/** A batch of addition examples: `terms[i]` holds `nNumbers` integers, `sums[i]` their sum. */
export interface SumPairs {
  terms: number[][];
  sums: number[];
}

/**
 * The lesson's `random_sum_pairs`: `count` examples of `nNumbers` integers,
 * each uniform in `[1, largest]`, and their sums.
 */
export function randomSumPairs(rng: Rng, count: number, p: Problem): SumPairs {
  const terms: number[][] = [];
  const sums: number[] = [];
  for (let i = 0; i < count; i++) {
    const row: number[] = [];
    let sum = 0;
    for (let j = 0; j < p.nNumbers; j++) {
      const term = rng.int(1, p.largest);
      row.push(term);
      sum += term;
    }
    terms.push(row);
    sums.push(sum);
  }
  return { terms, sums };
}
