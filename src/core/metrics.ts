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
