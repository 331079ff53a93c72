/** Share of answers whose every symbol is right (whole answer right), in [0, 1]. */
export function exactMatch(predicted: readonly string[], expected: readonly string[]): number {
  if (expected.length === 0) return 0;
  let hits = 0;
  for (let i = 0; i < expected.length; i++) if (predicted[i] === expected[i]) hits++;
  return hits / expected.length;
}

/** Share of output symbols that are right, over all positions (Keras' `acc`), in [0, 1]. */
export function perSymbolAccuracy(predicted: readonly string[], expected: readonly string[]): number {
  let hits = 0;
  let total = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const p = predicted[i] ?? '';
    for (let k = 0; k < e.length; k++) if (p[k] === e[k]) hits++;
    total += e.length;
  }
  return total === 0 ? 0 : hits / total;
}

/** Root mean squared error in the original units. */
export function rmse(predicted: readonly number[], expected: readonly number[]): number {
  if (expected.length === 0) return 0;
  let sq = 0;
  for (let i = 0; i < expected.length; i++) sq += (predicted[i] - expected[i]) ** 2;
  return Math.sqrt(sq / expected.length);
}

/**
 * The distinct keys of a list: `keep` lists the first place of each distinct
 * key, in order, and `of[i]` is the place in `keep` of item i's key. Scoring a
 * small problem's held-out sums (the tutorial's 1 000 draw from only 100 sums)
 * answers each distinct input once.
 */
export function distinct(keys: readonly string[]): { keep: number[]; of: Int32Array } {
  const seen = new Map<string, number>();
  const keep: number[] = [];
  const of = new Int32Array(keys.length);
  keys.forEach((key, i) => {
    let at = seen.get(key);
    if (at === undefined) {
      at = keep.length;
      seen.set(key, at);
      keep.push(i);
    }
    of[i] = at;
  });
  return { keep, of };
}
