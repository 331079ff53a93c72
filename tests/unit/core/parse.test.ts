import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseSum, MAX_TYPED_LENGTH, type ParsedSum, type SumError } from '../../../src/core/parse';
import { inputWidth, outputWidth, type Problem } from '../../../src/core/config';
import { ALPHABET, toPaddedStrings } from '../../../src/core/encoding';

const RUNS = { numRuns: 200 };
const P100: Problem = { nNumbers: 2, largest: 100 };

function ok(text: string, p: Problem): ParsedSum {
  const r = parseSum(text, p);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${r.error}`);
  return r;
}

function fails(text: string, p: Problem): SumError {
  const r = parseSum(text, p);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused, got ${JSON.stringify(r)}`);
  return r;
}

describe('parseSum: accepted sums', () => {
  it("reads the lesson's 50+11 for n=2, largest=100", () => {
    expect(parseSum('50+11', P100)).toEqual({
      ok: true,
      terms: [50, 11],
      sum: 61,
      input: '  50+11',
      expected: ' 61',
      outsideRange: false,
    });
    expect(ok('50+11', P100).input).toHaveLength(7);
  });

  it('tolerates spaces and tabs anywhere', () => {
    const r = ok(' 5 + 3 ', P100);
    expect(r.terms).toEqual([5, 3]);
    expect(r.sum).toBe(8);
    expect(r.input).toBe('    5+3');
    expect(r.expected).toBe('  8');
    expect(ok('\t5\t+ 3', P100).terms).toEqual([5, 3]);
    expect(ok('1 0 0 + 1', P100).terms).toEqual([100, 1]);
  });

  it('reads the widest in-range sum exactly filling the input', () => {
    const r = ok('100+100', P100);
    expect(r.input).toBe('100+100');
    expect(r.expected).toBe('200');
    expect(r.outsideRange).toBe(false);
  });

  it('reads n = 3 sums for a 3-number model', () => {
    const r = ok('1+22+333', { nNumbers: 3, largest: 999 });
    expect(r.terms).toEqual([1, 22, 333]);
    expect(r.sum).toBe(356);
    expect(r.input).toBe('   1+22+333');
    expect(r.expected).toBe(' 356');
  });

  it('accepts a term 0 but flags it outside the training range', () => {
    const r = ok('0+5', P100);
    expect(r.terms).toEqual([0, 5]);
    expect(r.sum).toBe(5);
    expect(r.outsideRange).toBe(true);
    expect(r.input).toBe('    0+5');
  });

  it('flags a term above largest that still fits the width', () => {
    const r = ok('150+1', P100);
    expect(r.terms).toEqual([150, 1]);
    expect(r.outsideRange).toBe(true);
    expect(ok('100+1', P100).outsideRange).toBe(false);
    expect(ok('1+1', P100).outsideRange).toBe(false);
  });

  it('drops leading zeros that would otherwise overflow the width', () => {
    const r = ok('0050+11', P100);
    expect(r.terms).toEqual([50, 11]);
    expect(r.input).toBe('  50+11');
  });
});

describe('parseSum: refused text', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'only spaces'],
    ['5+x', 'a letter'],
    ['5++3', 'two plus signs'],
    ['+5', 'leading plus'],
    ['5+', 'trailing plus'],
    ['+', 'only a plus'],
    ['1+2+3', 'three numbers for n = 2'],
    ['12', 'one number for n = 2'],
    ['1234+1', 'a term longer than largest allows'],
    ['1+1000', 'a 4-digit second term'],
    ['５+3', 'full-width digit'],
    ['٣+3', 'Arabic-Indic digit'],
    ['5−3', 'the minus sign'],
    ['5-3', 'a hyphen'],
    ['5*3', 'times'],
    ['5×3', 'multiplication sign'],
    ['5/3', 'division'],
    ['5+3😀', 'emoji'],
    ['😀', 'only emoji'],
    ['5.5+3', 'a decimal point'],
    ['5,5+3', 'a comma'],
    ['5+3\n', 'a newline'],
    ['5\u00a0+3', 'a no-break space'],
    ['-5+3', 'a negative term'],
  ])('refuses %j (%s) with a message', (text) => {
    const r = fails(text, P100);
    expect(r.ok).toBe(false);
    expect(typeof r.error).toBe('string');
    expect(r.error.trim().length).toBeGreaterThan(0);
  });

  it('says what is wrong', () => {
    expect(fails('1+2+3', P100).error).toMatch(/n_numbers = 2/);
    expect(fails('1+2+3', P100).error).toMatch(/3 numbers/);
    expect(fails('12', P100).error).toMatch(/one number/);
    expect(fails('1234+1', P100).error).toContain('1234');
    expect(fails('1234+1', P100).error).toMatch(/3 digits/);
    expect(fails('5−3', P100).error).toContain('−');
    expect(fails('５+3', P100).error).toContain('５');
    expect(fails('5+x', P100).error).toContain("'x'");
    expect(fails('', P100).error).toMatch(/2 numbers/);
  });

  it('accepts the same count for n = 3 that it refuses for n = 2', () => {
    expect(parseSum('1+2+3', { nNumbers: 3, largest: 100 }).ok).toBe(true);
    expect(parseSum('1+2', { nNumbers: 3, largest: 100 }).ok).toBe(false);
  });

  it('refuses very long text without working through it', () => {
    const long = '1'.repeat(MAX_TYPED_LENGTH + 1);
    expect(fails(long, P100).error.length).toBeGreaterThan(0);
    expect(fails('1+1' + ' '.repeat(MAX_TYPED_LENGTH), P100).error).toContain(String(MAX_TYPED_LENGTH + 3));
  });
});

const problem = fc.record({
  nNumbers: fc.integer({ min: 2, max: 6 }),
  largest: fc.integer({ min: 1, max: 99_999 }),
});

/** Text close to a sum: digits, plus, spaces mostly, with some troublemakers. */
const sumLike = fc.string({
  unit: fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...'0123456789') },
    { weight: 3, arbitrary: fc.constantFrom('+', ' ', '\t') },
    { weight: 1, arbitrary: fc.constantFrom('-', '−', '５', '😀', 'a', '.', '\n', '\u00a0', '٣', '×') },
  ),
  maxLength: 30,
});

/**
 * Text close to a valid sum for `p`: about n digit groups of about the allowed
 * length, joined by a separator, sometimes with one foreign character spliced in.
 */
const nearSumFor = (p: Problem) => {
  const maxDigits = String(p.largest).length;
  const digitsUpTo = (k: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: k });
  const count = fc.oneof(
    { weight: 6, arbitrary: fc.constant(p.nNumbers) },
    { weight: 1, arbitrary: fc.constantFrom(p.nNumbers - 1, p.nNumbers + 1) },
  );
  const part = fc.oneof({ weight: 8, arbitrary: digitsUpTo(maxDigits) }, { weight: 1, arbitrary: digitsUpTo(maxDigits + 2) });
  const junk = fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.constantFrom('-', '−', '５', '😀', 'a', '.', '\n', ' ', '+', '\t')) },
  );
  return fc
    .record({
      parts: count.chain((k) => fc.array(part, { minLength: k, maxLength: k })),
      sep: fc.constantFrom('+', '+', ' + ', '\t+ ', '++'),
      junk,
    })
    .map(({ parts, sep, junk }) => {
      const text = parts.join(sep);
      if (!junk) return text;
      const at = junk[0] % (text.length + 1);
      return text.slice(0, at) + junk[1] + text.slice(at);
    });
};

const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  sumLike,
  fc.string({ unit: 'binary', minLength: MAX_TYPED_LENGTH - 2, maxLength: MAX_TYPED_LENGTH + 5 }),
);

function checkResult(text: string, p: Problem): void {
  let r: ParsedSum | SumError | undefined;
  expect(() => {
    r = parseSum(text, p);
  }).not.toThrow();
  if (!r) throw new Error('no result');
  if (!r.ok) {
    expect(r.error.trim().length).toBeGreaterThan(0);
    return;
  }
  expect(r.terms).toHaveLength(p.nNumbers);
  expect(r.terms.every((t) => Number.isInteger(t) && t >= 0)).toBe(true);
  expect(r.sum).toBe(r.terms.reduce((a, b) => a + b, 0));
  expect(r.input).toHaveLength(inputWidth(p));
  expect([...r.input].every((ch) => ALPHABET.includes(ch))).toBe(true);
  expect(r.input.trimStart()).toBe(r.terms.join('+'));
  expect(r.expected.trimStart()).toBe(String(r.sum));
  expect(r.outsideRange).toBe(r.terms.some((t) => t < 1 || t > p.largest));
  const again = parseSum(r.input, p);
  expect(again.ok).toBe(true);
  if (again.ok) {
    expect(again.terms).toEqual(r.terms);
    expect(again.input).toBe(r.input);
  }
}

describe('parseSum: properties', () => {
  it('never throws on arbitrary text; an accepted sum is well formed and re-parses to itself', () => {
    fc.assert(fc.property(anyText, problem, (text, p) => checkResult(text, p)), RUNS);
  });

  it('the same on near-valid sums (where acceptance, in and out of range, is common)', () => {
    fc.assert(
      fc.property(
        problem.chain((p) => fc.tuple(fc.constant(p), nearSumFor(p))),
        ([p, text]) => checkResult(text, p),
      ),
      RUNS,
    );
  });

  it('accepts every in-range sum, matching toPaddedStrings, with an answer that fits outputWidth', () => {
    fc.assert(
      fc.property(
        problem.chain((p) =>
          fc.tuple(fc.constant(p), fc.array(fc.integer({ min: 1, max: p.largest }), { minLength: p.nNumbers, maxLength: p.nNumbers })),
        ),
        fc.boolean(),
        ([p, terms], spaced) => {
          const text = terms.join(spaced ? ' + ' : '+');
          const r = ok(text, p);
          const sum = terms.reduce((a, b) => a + b, 0);
          expect(r.terms).toEqual(terms);
          expect(r.sum).toBe(sum);
          expect(r.outsideRange).toBe(false);
          expect(r.input).toBe(toPaddedStrings(terms, sum, p).input);
          expect(r.expected).toBe(toPaddedStrings(terms, sum, p).output);
          expect(r.expected).toHaveLength(outputWidth(p));
        },
      ),
      RUNS,
    );
  });
});
