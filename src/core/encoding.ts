import type { Expression } from './expression';
import type { ProblemSpec } from './problem';

/** The lesson's `one_hot_encode`: each code becomes a binary vector `size` wide. */
export function oneHotEncode(codes: readonly number[], size: number): number[][] {
  return codes.map((code) => Array.from({ length: size }, (_, k) => (k === code ? 1 : 0)));
}

/** Index of the largest value (the first one on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
  return best;
}

/** The lesson's `invert`: argmax of each vector, mapped back to a symbol of `alphabet`. */
export function decodeVectors(vectors: ArrayLike<number>[], alphabet: string): string {
  return vectors.map((v) => alphabet[argmax(v)]).join('');
}

/**
 * A whole batch, one-hot, time-major, ready for a tensor:
 * `x` is `[inWidth, batch, symbols]`, `y` is `[outWidth, batch, symbols]`,
 * each in the order the model reads and writes.
 */
export interface EncodedBatch {
  batch: number;
  x: Float32Array;
  y: Float32Array;
}

/** One-hot encodes a batch of expressions and their answers straight into typed arrays. */
export function encodeBatch(expressions: readonly Expression[], spec: ProblemSpec): EncodedBatch {
  return {
    batch: expressions.length,
    x: encodeStrings(expressions.map((e) => spec.toModelInput(spec.input(e))), spec.inWidth, spec),
    y: encodeStrings(expressions.map((e) => spec.toModelAnswer(spec.answer(e.value))), spec.outWidth, spec),
  };
}

/** One-hot encodes strings already in model order, time-major `[width, batch, symbols]`. */
export function encodeStrings(strings: readonly string[], width: number, spec: ProblemSpec): Float32Array {
  const batch = strings.length;
  const n = spec.alphabet.length;
  const x = new Float32Array(width * batch * n);
  strings.forEach((s, b) => {
    const codes = spec.encode(s);
    for (let t = 0; t < width; t++) x[(t * batch + b) * n + codes[t]] = 1;
  });
  return x;
}
