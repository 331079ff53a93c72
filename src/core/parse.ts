import { inputWidth, type Problem } from './widths';
import { toPaddedStrings } from './encoding';

/** A typed sum the model can read. */
export interface ParsedSum {
  ok: true;
  terms: number[];
  /** The true sum, for comparing with the model's answer. */
  sum: number;
  /** The padded input string, in reading order (before any reversal). */
  input: string;
  /** The padded expected answer. */
  expected: string;
  /** True when a term lies outside `[1, largest]` but still fits the input width. */
  outsideRange: boolean;
}

/** Why a typed sum cannot be read. */
export interface SumError {
  ok: false;
  error: string;
}

/** Longest text the parser looks at; anything longer is refused before any work. */
export const MAX_TYPED_LENGTH = 200;

/**
 * Reads a sum typed by a learner, e.g. `50+11` or ` 5 + 3 `, for a model
 * trained on problem `p`. Never throws: returns the padded input or a message
 * that says what is wrong and how to fix it.
 */
export function parseSum(text: string, p: Problem): ParsedSum | SumError {
  const fail = (error: string): SumError => ({ ok: false, error });
  if (text.length > MAX_TYPED_LENGTH) {
    return fail(`That is ${text.length} characters long; a sum here is at most ${inputWidth(p)} symbols.`);
  }
  const compact = text.replace(/[ \t]/g, '');
  if (compact === '') return fail(`Type a sum of ${p.nNumbers} numbers, such as ${example(p)}.`);

  for (const ch of compact) {
    if (/[0-9+]/.test(ch)) continue;
    if (/\p{Nd}/u.test(ch)) return fail(`'${ch}' is not one of the digits 0–9; type plain digits.`);
    if (/[-−–*×/÷^]/u.test(ch)) return fail(`This model only adds: use + between the numbers, not '${ch}'.`);
    return fail(`'${ch}' is not allowed: use the digits 0–9 and +.`);
  }
  if (compact.startsWith('+')) return fail('The sum starts with +; begin with a number.');
  if (compact.endsWith('+')) return fail('The sum ends with +; add a number after it.');
  if (compact.includes('++')) return fail('Two + signs in a row; put a number between them.');

  const parts = compact.split('+');
  if (parts.length !== p.nNumbers) {
    const got = parts.length === 1 ? 'one number' : `${parts.length} numbers`;
    return fail(`This model adds n_numbers = ${p.nNumbers} numbers; you typed ${got}.`);
  }
  const maxDigits = String(p.largest).length;
  const long = parts.find((s) => s.replace(/^0+(?=\d)/, '').length > maxDigits);
  if (long !== undefined) {
    return fail(`${long} is too long: this model reads numbers of at most ${maxDigits} digit${maxDigits > 1 ? 's' : ''} (largest = ${p.largest}).`);
  }
  const terms = parts.map(Number);
  const sum = terms.reduce((a, b) => a + b, 0);
  const { input, output } = toPaddedStrings(terms, sum, p);
  return {
    ok: true,
    terms,
    sum,
    input,
    expected: output,
    outsideRange: terms.some((t) => t < 1 || t > p.largest),
  };
}

function example(p: Problem): string {
  const a = Math.max(1, Math.round(p.largest / 2));
  const b = Math.max(1, Math.round(p.largest / 9));
  return Array.from({ length: p.nNumbers }, (_, i) => (i % 2 ? b : a)).join('+');
}
