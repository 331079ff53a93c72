import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createRng } from '../../../src/core/random';
import { LESSON_PROBLEM, MAX_TYPED_LENGTH, problemSpec, type ParseError, type ProblemSettings } from '../../../src/core/problem';

/** The lesson's addition problems, named by term count and largest. */
type Problem = { nNumbers: number; largest: number };
const addition = (p: Problem, more: Partial<ProblemSettings> = {}) => problemSpec({ ...LESSON_PROBLEM, minNumbers: p.nNumbers, ...p, ...more });
const inputWidth = (p: Problem) => addition(p).inWidth;
const outputWidth = (p: Problem) => addition(p).outWidth;
/** The lesson's 12 symbols. */
const ALPHABET = '0123456789+ ';
const toPaddedStrings = (terms: number[], sum: number, p: Problem) => ({
  input: addition(p).input({ terms, ops: terms.slice(1).map(() => '+' as const) }),
  output: addition(p).answer(sum),
});

/** An addition read as the lesson's sums: terms, their sum, the padded strings. */
interface ParsedSum {
  ok: true;
  terms: number[];
  sum: number;
  input: string;
  expected: string;
  outsideRange: boolean;
}
type SumError = ParseError;

/** The spec's parser for an addition problem, its result in the lesson's words. */
function parseSum(text: string, p: Problem): ParsedSum | SumError {
  const r = addition(p).parse(text);
  if (!r.ok) return r;
  expect(r.expression.ops.every((op) => op === '+')).toBe(true);
  return { ok: true, terms: r.expression.terms, sum: r.expression.value, input: r.input, expected: r.expected, outsideRange: r.outsideRange };
}

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
    ['999+999', 'an answer wider than the model writes'],
    ['(5+3)', 'brackets'],
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
    expect(fails('999+999', P100).error).toMatch(/1998, is 4 symbols long; this model writes at most 3/);
    expect(fails('(5+3)', P100).error).toMatch(/trained without brackets/);
    expect(fails('5-3', P100).error).toBe("This model only adds: use + between the numbers, not '-'.");
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

describe('parse: other operators, brackets and term counts', () => {
  const both = problemSpec({ ...LESSON_PROBLEM, operators: '+-' });
  const all = problemSpec({ ...LESSON_PROBLEM, operators: '+-*', minNumbers: 2, nNumbers: 3, largest: 9, brackets: true });
  const read = (spec: typeof both, text: string) => {
    const r = spec.parse(text);
    if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${r.error}`);
    return r;
  };
  const error = (spec: typeof both, text: string) => {
    const r = spec.parse(text);
    if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`);
    return r.error;
  };

  it('reads 7-9 as -2, padded to the answer width with the minus sign', () => {
    const r = read(both, '7-9');
    expect(r.expression.value).toBe(-2);
    expect(r.expected).toBe(' -2');
    expect(r.input).toBe('    7-9');
    expect(read(both, '1-100').expected).toBe('-99');
    expect(read(both, ' 50 − 11 ').expression.value).toBe(39);
  });

  it('applies precedence and brackets: 3*(4+5) is 27, 3*4+5 is 17, 2+3*4 is 14, 9-3-2 is 4', () => {
    expect(read(all, '3*(4+5)').expression.value).toBe(27);
    expect(read(all, '3*(4+5)').input).toBe('3*(4+5)');
    expect(read(all, '3*4+5').expression.value).toBe(17);
    expect(read(all, '2+3*4').expression.value).toBe(14);
    expect(read(all, '9-3-2').expression.value).toBe(4);
    expect(read(all, '9-(3-2)').expression.value).toBe(8);
    expect(read(all, '2×3').expression.value).toBe(6);
    expect(read(all, '(9-3)*2').expression.group).toEqual([0, 1]);
  });

  it('says what the model cannot read', () => {
    const addOnly3 = problemSpec({ ...LESSON_PROBLEM, minNumbers: 3, nNumbers: 3, largest: 9 });
    expect(error(addOnly3, '3*(4+5)')).toBe("This model only adds: use + between the numbers, not '*'.");
    expect(error(addOnly3, '3+(4+5)')).toBe("This model was trained without brackets, so it cannot read '('.");
    expect(error(both, '3*4')).toBe("This model was trained on + and - only, not '*'.");
    expect(error(both, '3/4')).toBe("This model was trained on + and - only, not '/'.");
    expect(error(all, '1+2+3+4')).toBe('This model reads 2 to 3 numbers (min_numbers to n_numbers); you typed 4 numbers.');
    expect(error(all, '(1+2')).toMatch(/never closed/);
    expect(error(all, '1+2)')).toMatch(/has no '\(' before it/);
    expect(error(all, '((1+2))')).toMatch(/not brackets inside brackets/);
    expect(error(all, '()+1')).toMatch(/Empty brackets/);
    expect(error(all, '3(4+5)')).toMatch(/operator between 3 and '\('/);
    expect(error(all, '(4+5)3')).toMatch(/operator between 5 and 3/);
    expect(error(all, '1+-2')).toMatch(/Two operators in a row \(\+-\)/);
    expect(error(all, '1+(*2)')).toMatch(/A number must follow '\('/);
    expect(error(all, 'a')).toBe("'a' is not allowed: use the digits 0–9, +, -, * and brackets.");
  });

  const expressionText = fc
    .record({
      terms: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 2, maxLength: 3 }),
      ops: fc.array(fc.constantFrom('+', '-', '*'), { minLength: 2, maxLength: 2 }),
      bracket: fc.boolean(),
      spaces: fc.boolean(),
    })
    .map(({ terms, ops, bracket, spaces }) => {
      let text = terms.map((t, i) => (i ? ops[i - 1] : '') + String(t)).join('');
      if (bracket && terms.length === 3) text = `(${terms[0]}${ops[0]}${terms[1]})${ops[1]}${terms[2]}`;
      return spaces ? text.split('').join(' ') : text;
    });

  it('never throws; a valid expression round-trips through its padded input with the same value', () => {
    fc.assert(
      fc.property(fc.oneof(expressionText, fc.string({ maxLength: 20 }), fc.string({ unit: fc.constantFrom(...'0123456789+-*() x'), maxLength: 14 })), (text) => {
        let r: ReturnType<typeof all.parse> | undefined;
        expect(() => (r = all.parse(text))).not.toThrow();
        if (!r!.ok) {
          expect(r!.error.trim().length).toBeGreaterThan(0);
          return;
        }
        const ok = r!;
        expect(ok.input).toHaveLength(all.inWidth);
        expect(ok.expected).toHaveLength(all.outWidth);
        const again = read(all, ok.input);
        expect(again.input).toBe(ok.input);
        expect(again.expression.value).toBe(ok.expression.value);
        // eslint-disable-next-line no-new-func
        expect(ok.expression.value).toBe(Function(`return (${ok.input.trim()})`)());
      }),
      RUNS,
    );
  });

  it('accepts every expression the generator makes, in range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        for (const e of all.generate(createRng(seed), 5)) {
          const r = read(all, all.input(e));
          expect(r.expression.value).toBe(e.value);
          expect(r.outsideRange).toBe(false);
          expect(r.expected).toBe(all.answer(e.value));
        }
      }),
      RUNS,
    );
  });
});
