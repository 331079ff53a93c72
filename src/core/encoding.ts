import { inputWidth, outputWidth, type Problem } from './widths';
import type { SumPairs } from './problems';

/** The 12 symbols: digits map to themselves, `+` to 10, space to 11. */
export const ALPHABET = '0123456789+ ';
/** Width of a one-hot vector. */
export const N_SYMBOLS = ALPHABET.length;
export const PLUS_CODE = 10;
export const SPACE_CODE = 11;

/** The lesson's `to_string` for one example: terms joined by `+`, both sides left-padded with spaces. */
export function toPaddedStrings(
  terms: readonly number[],
  sum: number,
  p: Problem,
): { input: string; output: string } {
  return {
    input: terms.join('+').padStart(inputWidth(p), ' '),
    output: String(sum).padStart(outputWidth(p), ' '),
  };
}

/** The lesson's `integer_encode`: one code in `[0, 12)` per character. Throws on a character outside the alphabet. */
export function integerEncode(s: string): number[] {
  return Array.from(s, (ch) => {
    const code = ALPHABET.indexOf(ch);
    if (code < 0) throw new Error(`'${ch}' is not one of the symbols ${JSON.stringify(ALPHABET)}`);
    return code;
  });
}

/** The lesson's `one_hot_encode`: each code becomes a 12-wide binary vector. */
export function oneHotEncode(codes: readonly number[]): number[][] {
  return codes.map((code) => Array.from({ length: N_SYMBOLS }, (_, k) => (k === code ? 1 : 0)));
}

/** Index of the largest value (the first one on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
  return best;
}

/** The lesson's `invert`: argmax of each vector, mapped back to a character. */
export function decode(vectors: ArrayLike<number>[]): string {
  return vectors.map((v) => ALPHABET[argmax(v)]).join('');
}

/** Characters of codes, e.g. `[1, 3] -> '13'`. */
export function codesToString(codes: ArrayLike<number>): string {
  return Array.from(codes, (c) => ALPHABET[c]).join('');
}

/** An input string as the model reads it: reversed when the config says so. */
export function modelInputString(input: string, reverse: boolean): string {
  return reverse ? [...input].reverse().join('') : input;
}

/**
 * A whole batch, one-hot, time-major, ready for a tensor:
 * `x` is `[inputWidth, batch, 12]`, `y` is `[outputWidth, batch, 12]`.
 * `yCodes` holds the target codes `[batch, outputWidth]` for scoring.
 */
export interface EncodedBatch {
  batch: number;
  inWidth: number;
  outWidth: number;
  x: Float32Array;
  y: Float32Array;
  yCodes: Uint8Array;
}

/** One-hot encodes a batch of sums straight into typed arrays (no intermediate strings per symbol). */
export function encodeBatch(pairs: SumPairs, p: Problem, reverse: boolean): EncodedBatch {
  const batch = pairs.sums.length;
  const inWidth = inputWidth(p);
  const outWidth = outputWidth(p);
  const strings = pairs.terms.map((t, b) => toPaddedStrings(t, pairs.sums[b], p));
  const outputs = strings.map((s) => s.output);
  const yCodes = new Uint8Array(batch * outWidth);
  outputs.forEach((s, b) => {
    for (let t = 0; t < outWidth; t++) yCodes[b * outWidth + t] = ALPHABET.indexOf(s[t]);
  });
  return {
    batch,
    inWidth,
    outWidth,
    x: encodeInputs(strings.map((s) => modelInputString(s.input, reverse)), inWidth),
    y: encodeInputs(outputs, outWidth),
    yCodes,
  };
}

/** One-hot encodes padded strings (already in model order), time-major `[width, batch, 12]`. */
export function encodeInputs(inputs: readonly string[], width: number): Float32Array {
  const batch = inputs.length;
  const x = new Float32Array(width * batch * N_SYMBOLS);
  inputs.forEach((s, b) => {
    for (let t = 0; t < width; t++) x[(t * batch + b) * N_SYMBOLS + ALPHABET.indexOf(s[t])] = 1;
  });
  return x;
}
