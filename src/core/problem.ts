import { bracketGroups, evaluate, formatExpression, operatorSequences, OPERATORS, valueRange, type Expression, type Operator } from './expression';
import type { Rng } from './random';

/**
 * One place for what a problem is: which expressions it asks (operators,
 * how many terms, how large, brackets), how they are written for a model
 * (alphabet, padding, widths, reversal) and how answers are read back.
 * The trainer, the worker, the store and every view take the problem from
 * here; the lesson's addition is `LESSON_PROBLEM`.
 */

/** How inputs are padded: the whole string (the lesson) or each term to the width of `largest`. */
export const PADDINGS = ['whole', 'term'] as const;
export type Padding = (typeof PADDINGS)[number];

/** The settings that fix a problem and how a model reads and writes it. */
export interface ProblemSettings {
  /** The operators used, a non-empty subset of `+-*` in that order, e.g. `'+'` or `'+-'`. */
  operators: string;
  /** Fewest terms in an expression. */
  minNumbers: number;
  /** Most terms in an expression (`n_numbers`). */
  nNumbers: number;
  /** Each term is uniform in `[1, largest]`. */
  largest: number;
  /**
   * Room in the widths for terms up to this (0: off, else above `largest`):
   * training and held-out sums still stop at `largest`, but the input and
   * answer widths fit longer numbers, so the same model can be tested on them.
   */
  testLargest: number;
  /** One pair of brackets around two or more (not all) terms, in about half the expressions (3 or more terms). */
  brackets: boolean;
  padding: Padding;
  /** The model reads the input string back to front. */
  reverseInput: boolean;
  /** The model writes the answer least-significant digit first (shown the right way round). */
  reverseOutput: boolean;
}

/** The lesson's problem: two numbers from 1 to 100 added, padded as a whole, read and written left to right. */
export const LESSON_PROBLEM: ProblemSettings = {
  operators: '+',
  minNumbers: 2,
  nNumbers: 2,
  largest: 100,
  testLargest: 0,
  brackets: false,
  padding: 'whole',
  reverseInput: false,
  reverseOutput: false,
};

/** The keys of `ProblemSettings`, e.g. to copy them out of a larger config. */
export const PROBLEM_KEYS = Object.keys(LESSON_PROBLEM) as (keyof ProblemSettings)[];

/** Just the problem settings of a larger object (a config). */
export function problemOf(c: ProblemSettings): ProblemSettings {
  return Object.fromEntries(PROBLEM_KEYS.map((k) => [k, c[k]])) as unknown as ProblemSettings;
}

/** The settings that fix which expressions are asked; the rest say how a model reads and writes them. */
export const QUESTION_KEYS = ['operators', 'minNumbers', 'nNumbers', 'largest', 'brackets'] as const satisfies readonly (keyof ProblemSettings)[];

/** True when two settings ask the same expressions (however a model reads or writes them). */
export function sameQuestions(a: ProblemSettings, b: ProblemSettings): boolean {
  return QUESTION_KEYS.every((k) => a[k] === b[k]);
}

/** A problem's questions in a few words, e.g. `n_numbers 2, largest 100, +`. */
export function describeQuestions(p: ProblemSettings): string {
  const count = p.minNumbers === p.nNumbers ? `n_numbers ${p.nNumbers}` : `min_numbers ${p.minNumbers} to n_numbers ${p.nNumbers}`;
  return `${count}, largest ${p.largest}, ${[...p.operators].join(' ')}${p.brackets ? ', brackets' : ''}`;
}

/** `'+ -'`, `'+,-'`, `'−×'` and the like as canonical operators (`'+-*'` order), or undefined if something else is in it. */
export function readOperators(text: string): string | undefined {
  const seen = new Set<Operator>();
  for (const ch of text.replace(/[\s,]/g, '')) {
    const op = OPERATOR_SPELLINGS[ch];
    if (!op) return undefined;
    seen.add(op);
  }
  return OPERATORS.filter((op) => seen.has(op)).join('');
}

/** Each symbol a learner may type for an operator. */
const OPERATOR_SPELLINGS: Record<string, Operator | undefined> = { '+': '+', '-': '-', '−': '-', '–': '-', '*': '*', '×': '*', x: undefined };

/** The words for a problem's operators, e.g. `+ and -`. */
function operatorList(operators: string): string {
  const ops = [...operators];
  return ops.length <= 1 ? ops.join('') : `${ops.slice(0, -1).join(', ')} and ${ops.at(-1)}`;
}

/** A typed expression the model can read. */
export interface ParsedExpression {
  ok: true;
  expression: Expression;
  /** The padded input string, in reading order (before any reversal). */
  input: string;
  /** The padded expected answer, the right way round. */
  expected: string;
  /** True when a term lies outside `[1, largest]` but still fits the input width. */
  outsideRange: boolean;
}

/** Why a typed expression cannot be read. */
export interface ParseError {
  ok: false;
  error: string;
}

/** Longest text the parser looks at; anything longer is refused before any work. */
export const MAX_TYPED_LENGTH = 200;

/** A problem, worked out once from its settings. */
export interface ProblemSpec {
  settings: ProblemSettings;
  /** The operators as symbols. */
  operators: readonly Operator[];
  /**
   * The symbols of inputs and answers, one code each: digits as themselves,
   * then the operators, brackets and a minus sign where used, space last.
   * The lesson's is `0123456789+ ` (12 symbols).
   */
  alphabet: string;
  /** Code of the padding space (the last symbol). */
  spaceCode: number;
  /** Symbols in the widest possible input. */
  inWidth: number;
  /** Symbols in the widest possible answer (a minus sign included). */
  outWidth: number;
  /** The least and greatest possible answer (of terms up to `largest`). */
  answerRange: readonly [number, number];
  /** The largest term the widths make room for: `largest`, or `testLargest` when that is set and larger. */
  roomFor: number;
  /** Digits of `roomFor`: the widest term. */
  termDigits: number;
  /**
   * `count` expressions from the seeded generator. Terms are uniform in
   * `[1, largest]`; with `balanceLengths`, each term's number of digits is
   * drawn first (see `termLengthWeights`), then the term uniformly among the
   * numbers of that length, so rare lengths (1–9 and 100 when largest is 100)
   * come up more often.
   */
  generate(rng: Rng, count: number, balanceLengths?: boolean): Expression[];
  /**
   * `count` expressions drawn as `generate` draws them (term count, operators,
   * brackets), except that the first term has `aDigits` digits, the second
   * `bDigits`, and any further ones 1 to the larger of the two; every term is
   * uniform among the numbers of its digit count up to `roomFor`.
   */
  generateByDigits(rng: Rng, count: number, aDigits: number, bDigits: number): Expression[];
  /** The padded input string in reading order, e.g. `' 3+10'`. */
  input(e: Pick<Expression, 'terms' | 'ops' | 'group'>): string;
  /** The padded answer the right way round, e.g. `' 61'` or `' -2'`. */
  answer(value: number): string;
  /** A string in reading or answer order put into the order the model reads or writes it. */
  toModelInput(input: string): string;
  toModelAnswer(answer: string): string;
  /** What the model wrote, in its order, back the right way round and as a number (NaN when unreadable). */
  readAnswer(written: string): { answer: string; value: number };
  /** Code of each symbol; throws on a symbol outside the alphabet. */
  encode(s: string): number[];
  /** Symbols of codes. */
  decode(codes: ArrayLike<number>): string;
  /** Reads a typed expression such as `50+11`, `7-9` or `3*(4+5)`. Never throws. */
  parse(text: string): ParsedExpression | ParseError;
  /** An in-range example, e.g. `50+11`. */
  example: string;
}

/** Digits of a whole number (without sign), e.g. 3 for 100 and for -999; past 10^21, where `String` switches to exponent notation, from its logarithm. */
export function digitCount(n: number): number {
  const a = Math.abs(Math.trunc(n));
  return a < 1e21 ? String(a).length : Math.floor(Math.log10(a)) + 1;
}

/** Symbols a whole number takes written out, a minus sign included. */
const symbolsOf = (n: number): number => digitCount(n) + (n < 0 ? 1 : 0);

/** Every structure (term count, operators, brackets) a problem may generate. */
export function structures(s: Pick<ProblemSettings, 'operators' | 'minNumbers' | 'nNumbers' | 'brackets'>): { count: number; ops: Operator[]; group?: [number, number] }[] {
  const ops = [...s.operators] as Operator[];
  const out: { count: number; ops: Operator[]; group?: [number, number] }[] = [];
  for (let count = s.minNumbers; count <= s.nNumbers; count++) {
    for (const seq of operatorSequences(ops, count - 1)) {
      out.push({ count, ops: seq });
      if (s.brackets) for (const group of bracketGroups(count)) out.push({ count, ops: seq, group });
    }
  }
  return out;
}

/** The least and greatest answer of any expression the problem asks. */
function answerRangeOf(s: Pick<ProblemSettings, 'operators' | 'minNumbers' | 'nNumbers' | 'largest' | 'brackets'>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const { count, ops, group } of structures(s)) {
    const [a, b] = valueRange(count, ops, group, 1, s.largest);
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  return [lo, hi];
}

/** The largest term a problem's widths make room for: `largest`, or a larger `testLargest`. */
export function roomFor(s: Pick<ProblemSettings, 'largest' | 'testLargest'>): number {
  return Math.max(s.largest, s.testLargest);
}

/** Widest input: every term at full width, an operator between each two, and a bracket pair where brackets are on. */
function inputWidthOf(s: Pick<ProblemSettings, 'nNumbers' | 'largest' | 'brackets'>): number {
  return s.nNumbers * digitCount(s.largest) + s.nNumbers - 1 + (s.brackets && s.nNumbers >= 3 ? 2 : 0);
}

const cache = new Map<string, ProblemSpec>();

/** The spec of a problem (cached: a spec is pure and its settings are plain values). */
export function problemSpec(settings: ProblemSettings): ProblemSpec {
  const s = problemOf(settings);
  const key = JSON.stringify(s);
  let spec = cache.get(key);
  if (!spec) {
    if (cache.size > 64) cache.clear();
    spec = buildSpec(s);
    cache.set(key, spec);
  }
  return spec;
}

function buildSpec(s: ProblemSettings): ProblemSpec {
  const operators = [...s.operators] as Operator[];
  const [lo, hi] = answerRangeOf(s);
  // The widths fit terms up to `room`; the questions asked stop at `largest`.
  const room = roomFor(s);
  const [wideLo, wideHi] = room === s.largest ? [lo, hi] : answerRangeOf({ ...s, largest: room });
  const negative = wideLo < 0;
  const brackets = s.brackets && s.nNumbers >= 3;
  const alphabet = `0123456789${s.operators}${brackets ? '()' : ''}${negative && !operators.includes('-') ? '-' : ''} `;
  const codeOf = new Map([...alphabet].map((ch, i) => [ch, i]));
  const inWidth = inputWidthOf({ ...s, largest: room });
  const outWidth = Math.max(symbolsOf(wideLo), symbolsOf(wideHi));
  const termDigits = digitCount(room);
  const reverse = (x: string) => [...x].reverse().join('');
  const groups = new Map<number, [number, number][]>();
  const groupsOf = (count: number) => {
    let g = groups.get(count);
    if (!g) groups.set(count, (g = bracketGroups(count)));
    return g;
  };

  /** `count` expressions with the problem's structures, each term from `term(index)`. */
  const draw = (rng: Rng, count: number, term: (index: number) => number): Expression[] => {
    const out: Expression[] = [];
    for (let i = 0; i < count; i++) {
      // Only choices that exist draw from the generator, so the lesson's stream is the lesson's.
      const k = s.minNumbers === s.nNumbers ? s.nNumbers : rng.int(s.minNumbers, s.nNumbers);
      const terms: number[] = [];
      const ops: Operator[] = [];
      for (let j = 0; j < k; j++) {
        terms.push(term(j));
        if (j > 0) ops.push(operators.length === 1 ? operators[0] : operators[rng.int(0, operators.length - 1)]);
      }
      let group: [number, number] | undefined;
      if (brackets && k >= 3 && rng.next() < 0.5) {
        const g = groupsOf(k);
        group = g[rng.int(0, g.length - 1)];
      }
      out.push({ terms, ops, ...(group ? { group } : {}), value: evaluate(terms, ops, group) });
    }
    return out;
  };

  const input: ProblemSpec['input'] = (e) =>
    formatExpression(e, s.padding === 'term' ? termDigits : 0).padStart(inWidth, ' ');
  const answer = (value: number) => String(value).padStart(outWidth, ' ');

  const spec: ProblemSpec = {
    settings: s,
    operators,
    alphabet,
    spaceCode: alphabet.length - 1,
    inWidth,
    outWidth,
    answerRange: [lo, hi],
    roomFor: room,
    termDigits,
    generate(rng, count, balanceLengths = false) {
      const drawTerm = balanceLengths ? lengthBalancedTerm(s.largest) : (r: Rng) => r.int(1, s.largest);
      return draw(rng, count, () => drawTerm(rng));
    },
    generateByDigits(rng, count, aDigits, bDigits) {
      const longest = Math.max(aDigits, bDigits);
      const withDigits = (d: number) => rng.int(d === 1 ? 1 : 10 ** (d - 1), Math.min(10 ** d - 1, room));
      return draw(rng, count, (j) => withDigits(j === 0 ? aDigits : j === 1 ? bDigits : rng.int(1, longest)));
    },
    input,
    answer,
    toModelInput: (x) => (s.reverseInput ? reverse(x) : x),
    toModelAnswer: (x) => (s.reverseOutput ? reverse(x) : x),
    readAnswer(written) {
      const shown = s.reverseOutput ? reverse(written) : written;
      const t = shown.trim();
      return { answer: shown, value: /^-?\d+$/.test(t) ? Number(t) : Number.NaN };
    },
    encode(x) {
      return Array.from(x, (ch) => {
        const code = codeOf.get(ch);
        if (code === undefined) throw new Error(`'${ch}' is not one of the symbols ${JSON.stringify(alphabet)}`);
        return code;
      });
    },
    decode: (codes) => Array.from(codes, (c) => alphabet[c] ?? '?').join(''),
    parse: (text) => parse(text, spec),
    example: exampleOf(s),
  };
  return spec;
}

/**
 * How often a length-balanced draw gives a term of each number of digits
 * (1, 2, … up to those of `largest`): in proportion to the square root of how
 * many numbers in `[1, largest]` have that length. Uniform draws give them in
 * proportion to the count itself (for largest 100: 9 %, 90 %, 1 %); the square
 * root evens that out (22 %, 71 %, 7 %) without letting `100` fill a third of
 * the training sums.
 */
export function termLengthWeights(largest: number): number[] {
  const counts: number[] = [];
  for (let len = 1; 10 ** (len - 1) <= largest; len++) counts.push(Math.min(largest, 10 ** len - 1) - 10 ** (len - 1) + 1);
  const roots = counts.map(Math.sqrt);
  const total = roots.reduce((a, b) => a + b, 0);
  return roots.map((r) => r / total);
}

/** A term drawer: a length by `termLengthWeights`, then a number of that length uniformly. */
function lengthBalancedTerm(largest: number): (rng: Rng) => number {
  const weights = termLengthWeights(largest);
  return (rng) => {
    let u = rng.next();
    let len = 1;
    while (len < weights.length && u >= weights[len - 1]) u -= weights[len++ - 1];
    return rng.int(10 ** (len - 1), Math.min(largest, 10 ** len - 1));
  };
}

/** An in-range example using each operator in turn, e.g. `50+11`, `50-11`, `5+1-5`. */
function exampleOf(s: ProblemSettings): string {
  const a = Math.max(1, Math.round(s.largest / 2));
  const b = Math.max(1, Math.round(s.largest / 9));
  return Array.from({ length: s.minNumbers }, (_, i) => `${i ? s.operators[(i - 1) % s.operators.length] : ''}${i % 2 ? b : a}`).join('');
}

type Token = { kind: 'number'; text: string } | { kind: 'op'; op: Operator } | { kind: 'open' } | { kind: 'close' };

/**
 * Reads a typed expression for a model of `spec`. Never throws: returns the
 * padded input, or a message that says what is wrong and how to fix it.
 */
function parse(text: string, spec: ProblemSpec): ParsedExpression | ParseError {
  const s = spec.settings;
  const fail = (error: string): ParseError => ({ ok: false, error });
  const addsOnly = s.operators === '+';
  const what = addsOnly ? 'sum' : 'expression';
  const count = s.minNumbers === s.nNumbers ? `${s.nNumbers}` : `${s.minNumbers} to ${s.nNumbers}`;
  if (text.length > MAX_TYPED_LENGTH) {
    return fail(`That is ${text.length} characters long; a ${what} here is at most ${spec.inWidth} symbols.`);
  }
  const compact = text.replace(/[ \t]/g, '');
  if (compact === '') return fail(`Type a ${what} of ${count} numbers, such as ${spec.example}.`);

  const allowedBrackets = spec.alphabet.includes('(');
  const tokens: Token[] = [];
  for (const ch of compact) {
    if (/[0-9]/.test(ch)) {
      const last = tokens.at(-1);
      if (last?.kind === 'number') last.text += ch;
      else tokens.push({ kind: 'number', text: ch });
      continue;
    }
    if (/\p{Nd}/u.test(ch)) return fail(`'${ch}' is not one of the digits 0–9; type plain digits.`);
    const op = OPERATOR_SPELLINGS[ch];
    if (op || /[/÷^:]/.test(ch)) {
      if (op && spec.operators.includes(op)) {
        tokens.push({ kind: 'op', op });
        continue;
      }
      if (addsOnly) return fail(`This model only adds: use + between the numbers, not '${ch}'.`);
      return fail(`This model was trained on ${operatorList(s.operators)} only, not '${ch}'.`);
    }
    if (ch === '(' || ch === ')') {
      if (!allowedBrackets) return fail(`This model was trained without brackets, so it cannot read '${ch}'.`);
      tokens.push({ kind: ch === '(' ? 'open' : 'close' });
      continue;
    }
    const symbols = ['the digits 0–9', ...spec.operators, ...(allowedBrackets ? ['brackets'] : [])];
    return fail(`'${ch}' is not allowed: use ${symbols.slice(0, -1).join(', ')} and ${symbols.at(-1)}.`);
  }

  // Structure: number (op number)*, one pair of brackets at most, around whole terms.
  const terms: number[] = [];
  const ops: Operator[] = [];
  let open: number | undefined;
  let group: [number, number] | undefined;
  let expectNumber = true;
  let prev: Token | undefined;
  for (const t of tokens) {
    const before = prev;
    prev = t;
    if (t.kind === 'number') {
      if (!expectNumber) return fail(`Put an operator between ${terms.at(-1)} and ${t.text}.`);
      const trimmed = t.text.replace(/^0+(?=\d)/, '');
      if (trimmed.length > spec.termDigits) {
        const room = spec.roomFor > s.largest ? `test largest = ${spec.roomFor}` : `largest = ${s.largest}`;
        return fail(`${t.text} is too long: this model reads numbers of at most ${spec.termDigits} digit${spec.termDigits > 1 ? 's' : ''} (${room}).`);
      }
      terms.push(Number(trimmed));
      expectNumber = false;
    } else if (t.kind === 'op') {
      if (expectNumber) {
        if (!before) return fail(`The ${what} starts with ${t.op}; begin with a number.`);
        if (before.kind === 'open') return fail(`A number must follow '('; found ${t.op}.`);
        return fail(`Two operators in a row (${ops.at(-1)}${t.op}); put a number between them.`);
      }
      ops.push(t.op);
      expectNumber = true;
    } else if (t.kind === 'open') {
      if (!expectNumber) return fail(`Put an operator between ${terms.at(-1)} and '('.`);
      if (open !== undefined) return fail('This model reads one pair of brackets, not brackets inside brackets.');
      if (group) return fail('This model reads at most one pair of brackets.');
      open = terms.length;
    } else {
      if (open === undefined) return fail("A ')' has no '(' before it.");
      if (expectNumber) return fail(terms.length === open ? "Empty brackets '()': put numbers inside." : `The brackets end with ${ops.at(-1)}; add a number before ')'.`);
      group = [open, terms.length - 1];
      open = undefined;
    }
  }
  if (open !== undefined) return fail("A '(' is never closed: add ')'.");
  if (expectNumber) {
    const last = ops.at(-1);
    return fail(last ? `The ${what} ends with ${last}; add a number after it.` : `Type a ${what} of ${count} numbers, such as ${spec.example}.`);
  }
  if (terms.length < s.minNumbers || terms.length > s.nNumbers) {
    const got = terms.length === 1 ? 'one number' : `${terms.length} numbers`;
    const verb = addsOnly ? 'adds' : 'reads';
    const wanted = s.minNumbers === s.nNumbers ? `n_numbers = ${s.nNumbers} numbers` : `${s.minNumbers} to ${s.nNumbers} numbers (min_numbers to n_numbers)`;
    return fail(`This model ${verb} ${wanted}; you typed ${got}.`);
  }
  // A bracket pair around one term or around everything is harmless arithmetic; keep only the useful ones.
  if (group && (group[0] === group[1] || group[1] - group[0] + 1 === terms.length)) group = undefined;
  if (group && !s.brackets) group = undefined;
  const expression: Expression = { terms, ops, ...(group ? { group } : {}), value: evaluate(terms, ops, group) };
  const answerText = String(expression.value);
  if (answerText.length > spec.outWidth) {
    return fail(`The answer, ${answerText}, is ${answerText.length} symbols long; this model writes at most ${spec.outWidth}: keep the numbers from 1 to ${s.largest}.`);
  }
  return {
    ok: true,
    expression,
    input: spec.input(expression),
    expected: spec.answer(expression.value),
    outsideRange: terms.some((t) => t < 1 || t > s.largest),
  };
}
