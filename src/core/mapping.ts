import type { Rng } from './random';
import type { ProblemSettings } from './problem';

/** What the mapping models need of a problem. */
type Problem = Pick<ProblemSettings, 'nNumbers' | 'largest'>;

/** Units of the Act 1 LSTM, as in the lesson. */
export const MAPPING_LSTM_UNITS = 10;
/** Layer widths of the Act 1 MLP, as in the lesson: Dense(4) → Dense(2) → Dense(1), linear. */
export const MLP_WIDTHS = [4, 2, 1] as const;

/**
 * Act 1 frames addition as a mapping from numbers to a number: inputs and
 * target are divided by `largest × n_numbers` so they fit the activations'
 * range, and predictions are multiplied back and rounded ("invert").
 */
export function mappingScale(p: Problem): number {
  return p.largest * p.nNumbers;
}

/** Terms as the mapping models read them: `[batch, nNumbers]` row-major, divided by the scale. */
export function normaliseTerms(terms: readonly (readonly number[])[], p: Problem): Float32Array {
  const scale = mappingScale(p);
  const out = new Float32Array(terms.length * p.nNumbers);
  terms.forEach((row, b) => row.forEach((t, j) => (out[b * p.nNumbers + j] = t / scale)));
  return out;
}

/** Sums as targets, divided by the scale. */
export function normaliseSums(sums: readonly number[], p: Problem): Float32Array {
  const scale = mappingScale(p);
  return Float32Array.from(sums, (s) => s / scale);
}

/** A model output back in original units (not yet rounded). */
export function denormalise(y: number, p: Problem): number {
  return y * mappingScale(p);
}

/** A copy of `items` in a random order (Fisher–Yates with the seeded generator). */
export function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * A permutation of `items` that differs from the original order whenever the
 * items are not all equal (so a shuffle test never shows an untouched input).
 */
export function shuffledChanged<T>(items: readonly T[], rng: Rng): T[] {
  if (items.every((x) => x === items[0])) return items.slice();
  for (;;) {
    const out = shuffled(items, rng);
    if (out.some((x, i) => x !== items[i])) return out;
  }
}
