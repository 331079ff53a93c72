/** The addition problem: `nNumbers` terms, each uniform in `[1, largest]`. */
export interface Problem {
  nNumbers: number;
  largest: number;
}

/** Number of decimal digits of a positive integer. */
function digits(n: number): number {
  return String(Math.floor(n)).length;
}

/**
 * Width of the padded input string: `n * ceil(log10(largest + 1)) + n - 1`
 * (terms at full width plus the `+` signs between them).
 */
export function inputWidth(p: Problem): number {
  // ceil(log10(x)) for an integer x >= 2 is the digit count of x - 1; no float log.
  return p.nNumbers * digits(p.largest) + p.nNumbers - 1;
}

/** Width of the padded answer: `ceil(log10(n * (largest + 1)))`. */
export function outputWidth(p: Problem): number {
  return digits(p.nNumbers * (p.largest + 1) - 1);
}

