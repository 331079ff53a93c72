import { describe, it, expect } from 'vitest';
import { validConfig } from './arbitraries';
import fc from 'fast-check';
import { MAX_STEP_BYTES, seq2seqStepBytes as stepBytes } from '../../../src/core/estimate';
import { LESSON_PROBLEM, problemSpec } from '../../../src/core/problem';
import {
  BACKENDS,
  CELLS,
  DEFAULT_CONFIG,
  MAX_INPUT_WIDTH,
  NUMERIC_FIELDS,
  PRESETS,
  checkNumber,
  readDraft,
  toDraft,
  validateConfig,
  type Config,
  type NumericField,
} from '../../../src/core/config';

const RUNS = { numRuns: 200 };

/** ceil(log10(x)) for an integer x >= 1, by integer arithmetic only (no Math.log10). */
function ceilLog10(x: number): number {
  let k = 0;
  let power = 1;
  while (power < x) {
    power *= 10;
    k++;
  }
  return k;
}

/** The lesson's formulas, computed without floats. */
const refInput = (n: number, largest: number) => n * ceilLog10(largest + 1) + n - 1;
/** The widest answer: the digits of the largest sum (the lesson's `ceil(log10(n * (largest + 1)))` can be one wider, e.g. n 3, largest 33). */
const refOutput = (n: number, largest: number) => String(n * largest).length;
const addition = (nNumbers: number, largest: number) => problemSpec({ ...LESSON_PROBLEM, minNumbers: nNumbers, nNumbers, largest });
const inputWidth = (p: { nNumbers: number; largest: number }) => addition(p.nNumbers, p.largest).inWidth;
const outputWidth = (p: { nNumbers: number; largest: number }) => addition(p.nNumbers, p.largest).outWidth;

describe('ceilLog10 reference (sanity of the test helper)', () => {
  it('matches hand values', () => {
    expect([1, 2, 9, 10, 11, 99, 100, 101, 1000, 1001].map(ceilLog10)).toEqual([0, 1, 1, 1, 2, 2, 2, 3, 3, 4]);
  });
});

describe('inputWidth / outputWidth', () => {
  it.each([
    // [n, largest, input, output]
    [2, 10, 5, 2],
    [2, 100, 7, 3],
    [2, 99, 5, 3],
    [3, 999, 11, 4],
    [2, 9, 3, 2], // 2*10 = 20 -> ceil(log10 20) = 2
    [2, 4, 3, 1], // 2*5 = 10 -> exactly 1
    [5, 1, 9, 1], // 5*2 = 10 -> exactly 1
    [6, 99_999, 35, 6],
  ])('n=%i largest=%i -> input %i, output %i', (n, largest, inW, outW) => {
    expect(inputWidth({ nNumbers: n, largest })).toBe(inW);
    expect(outputWidth({ nNumbers: n, largest })).toBe(outW);
  });

  it('the lesson formula for the output can be one symbol wider than any sum needs', () => {
    expect(outputWidth({ nNumbers: 3, largest: 33 })).toBe(2); // 3 × 33 = 99
    expect(ceilLog10(3 * 34)).toBe(3);
  });

  it('agrees with a float-free reference of the lesson formulas', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 99_999 }), (n, largest) => {
        expect(inputWidth({ nNumbers: n, largest })).toBe(refInput(n, largest));
        expect(outputWidth({ nNumbers: n, largest })).toBe(refOutput(n, largest));
      }),
      RUNS,
    );
  });

  it('agrees with the reference at powers of ten and their neighbours (where float log10 is fragile)', () => {
    for (let n = 2; n <= 6; n++) {
      for (let k = 1; k <= 5; k++) {
        for (const largest of [10 ** k - 1, 10 ** k, 10 ** k + 1, Math.floor(10 ** k / n) - 1, Math.floor(10 ** k / n)]) {
          if (largest < 1) continue;
          expect(inputWidth({ nNumbers: n, largest }), `input n=${n} largest=${largest}`).toBe(refInput(n, largest));
          expect(outputWidth({ nNumbers: n, largest }), `output n=${n} largest=${largest}`).toBe(refOutput(n, largest));
        }
      }
    }
  });

  it('the largest possible sum always fits outputWidth, and n largest terms exactly fill inputWidth', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 99_999 }), (n, largest) => {
        const p = { nNumbers: n, largest };
        expect(String(n * largest).length).toBe(outputWidth(p));
        expect(Array(n).fill(largest).join('+').length).toBe(inputWidth(p));
      }),
      RUNS,
    );
  });
});

/** The range text each numeric field's message must show. */
const RANGE_TEXT: Record<NumericField, string> = {
  minNumbers: 'from 2 to 6',
  nNumbers: 'from 2 to 6',
  largest: 'from 1 to 99,999',
  testLargest: 'from 0 to 99,999',
  encoderUnits: 'from 1 to 512',
  decoderUnits: 'from 1 to 512',
  encoderLayers: 'from 1 to 3',
  decoderLayers: 'from 1 to 3',
  embeddingSize: 'from 1 to 64',
  epochs: 'from 1 to 10,000',
  examplesPerEpoch: 'from 1 to 100,000',
  batchSize: 'from 1 to 1,000',
  learningRate: 'from 0.00001 to 1',
  warmupExamples: 'from 0 to 10,000,000',
  decayExamples: 'from 0 to 10,000,000',
  annealAt: 'from 1 to 100',
  annealFactor: 'from 0.01 to 1',
  plateauEpochs: 'from 0 to 1,000',
  clipNorm: 'from 0 to 1,000',
  curriculumExamples: 'from 0 to 10,000,000',
  batchRampExamples: 'from 0 to 10,000,000',
  adamBeta2: 'from 0.5 to 0.99999',
  hardShare: 'from 0 to 0.9',
  hardFrom: 'from 0 to 100',
  lengthsFrom: 'from 0 to 100',
  adamBeta1: 'from 0 to 0.999',
  adamEpsilon: 'from 0 to 1',
  averageDecay: 'from 0 to 0.9999',
  annealAgainAt: 'from 0 to 100',
  boostFactor: 'from 0.1 to 10',
  boostUntil: 'from 1 to 100',
  labelSmoothing: 'from 0 to 0.5',
  unitsWeight: 'from 0.1 to 10',
  unitsUntil: 'from 1 to 100',
  tensWeight: 'from 0.1 to 10',
  averageLateDecay: 'from 0 to 0.9999',
  answersFrom: 'from 0 to 100',
  stopAtExact: 'from 0 to 100',
  seed: 'from 0 to 2,147,483,647',
};

const LABELS: Record<NumericField, string> = {
  minNumbers: 'min_numbers',
  nNumbers: 'n_numbers',
  largest: 'largest',
  testLargest: 'test largest',
  encoderUnits: 'encoder units',
  decoderUnits: 'decoder units',
  encoderLayers: 'encoder layers',
  decoderLayers: 'decoder layers',
  embeddingSize: 'embedding size',
  epochs: 'epochs',
  examplesPerEpoch: 'examples per epoch',
  batchSize: 'batch size',
  learningRate: 'learning rate',
  warmupExamples: 'warm-up examples',
  decayExamples: 'decay examples',
  annealAt: 'anneal at exact-match %',
  annealFactor: 'cut factor',
  plateauEpochs: 'cut after flat epochs',
  clipNorm: 'clip gradient norm',
  curriculumExamples: 'curriculum examples',
  batchRampExamples: 'batch ramp examples',
  adamBeta2: 'Adam beta2',
  hardShare: 'hard-example share',
  hardFrom: 'hard examples from exact-match %',
  lengthsFrom: 'rare lengths from exact-match %',
  adamBeta1: 'Adam beta1',
  adamEpsilon: 'Adam epsilon',
  averageDecay: 'weight average decay',
  annealAgainAt: 'cut again at exact-match %',
  boostFactor: 'early rate factor',
  boostUntil: 'early rate until exact-match %',
  labelSmoothing: 'label smoothing',
  unitsWeight: 'units position loss weight',
  unitsUntil: 'units weight until exact-match %',
  tensWeight: 'tens position loss weight',
  averageLateDecay: 'weight average decay after the cut',
  answersFrom: 'answer-balanced from exact-match %',
  stopAtExact: 'stop at exact-match %',
  seed: 'seed',
};

const FIELDS = Object.keys(NUMERIC_FIELDS) as NumericField[];

describe('NUMERIC_FIELDS', () => {
  it('uses the lesson labels', () => {
    for (const key of FIELDS) expect(NUMERIC_FIELDS[key].label).toBe(LABELS[key]);
    expect([...FIELDS].sort()).toEqual(Object.keys(LABELS).sort());
  });
});

describe('validateConfig', () => {
  it('accepts DEFAULT_CONFIG', () => {
    expect(validateConfig(DEFAULT_CONFIG)).toEqual({});
  });

  it.each(Object.entries(PRESETS))('accepts preset %s', (_name, preset) => {
    expect(validateConfig(preset)).toEqual({});
  });

  it('the default is two numbers up to 100, so 50+11 is in range', () => {
    expect(DEFAULT_CONFIG.nNumbers).toBe(2);
    expect(DEFAULT_CONFIG.largest).toBe(100);
  });

  /** Bad values for each field, with the kind of message expected. */
  const badValues = (key: NumericField): number[] => {
    const { min, max, integer } = NUMERIC_FIELDS[key];
    const values = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, max + 1, max * 2];
    if (integer) values.push(min - 1, -1);
    else values.push(min > 0 ? min / 2 : -0.5, min > 0 ? 0 : -1);
    if (integer) values.push(min + 0.5, max - 0.25);
    return values;
  };

  for (const key of FIELDS) {
    it(`rejects bad ${key} with a message naming '${LABELS[key]}' and its range`, () => {
      for (const value of badValues(key)) {
        // Keep batchSize <= examplesPerEpoch so only the field under test can fail.
        const c: Config = { ...DEFAULT_CONFIG, batchSize: 1, [key]: value };
        const errors = validateConfig(c);
        expect(Object.keys(errors), `${key}=${value}`).toEqual([key]);
        expect(errors[key]).toContain(LABELS[key]);
        expect(errors[key]).toContain(RANGE_TEXT[key]);
        expect(Object.keys(errors).length).toBeGreaterThan(0);
      }
    });

    it(`accepts ${key} at both ends of its range`, () => {
      const { min, max } = NUMERIC_FIELDS[key];
      for (const value of [min, max]) {
        // min_numbers ≤ n_numbers: a fixed count at each end.
        const count = key === 'minNumbers' || key === 'nNumbers' ? { minNumbers: value, nNumbers: value } : {};
        const c: Config = { ...DEFAULT_CONFIG, batchSize: 1, [key]: value, ...count };
        expect(validateConfig(c), `${key}=${value}`).toEqual({});
      }
    });
  }

  it('says "whole number" for a fraction in an integer field, and "a number" for NaN', () => {
    expect(validateConfig({ ...DEFAULT_CONFIG, nNumbers: 2.5 }).nNumbers).toMatch(/whole number/);
    expect(validateConfig({ ...DEFAULT_CONFIG, largest: Number.NaN }).largest).toMatch(/must be a number/);
  });

  it('accepts a fractional learning rate (not an integer field)', () => {
    expect(validateConfig({ ...DEFAULT_CONFIG, learningRate: 0.0037 })).toEqual({});
  });

  it('rejects a non-number value (e.g. a string slipped through) as not a number', () => {
    const c = { ...DEFAULT_CONFIG, epochs: '60' as unknown as number };
    expect(validateConfig(c).epochs).toContain('epochs');
  });

  it('rejects an unknown cell and backend', () => {
    const errors = validateConfig({ ...DEFAULT_CONFIG, cell: 'transformer' as never, backend: 'cuda' as never });
    expect(Object.keys(errors).sort()).toEqual(['backend', 'cell']);
    for (const cell of CELLS) expect(errors.cell).toContain(cell);
    for (const backend of BACKENDS) expect(errors.backend).toContain(backend);
  });

  it('accepts every cell and backend', () => {
    for (const cell of CELLS) for (const backend of BACKENDS) {
      expect(validateConfig({ ...DEFAULT_CONFIG, cell, backend })).toEqual({});
    }
  });

  it('rejects a batch size larger than examples per epoch (error on batch size), accepts equal', () => {
    const errors = validateConfig({ ...DEFAULT_CONFIG, batchSize: 500, examplesPerEpoch: 100 });
    expect(Object.keys(errors)).toEqual(['batchSize']);
    expect(errors.batchSize).toContain('batch size');
    expect(errors.batchSize).toContain('examples per epoch');
    expect(errors.batchSize).toContain('100');
    expect(validateConfig({ ...DEFAULT_CONFIG, batchSize: 100, examplesPerEpoch: 100 })).toEqual({});
    expect(validateConfig({ ...DEFAULT_CONFIG, batchSize: 101, examplesPerEpoch: 100 }).batchSize).toBeDefined();
  });

  it('no config the field ranges allow has an input wider than MAX_INPUT_WIDTH, and the widest one meets it', () => {
    const widest = problemSpec({ ...LESSON_PROBLEM, operators: '+-*', minNumbers: 6, nNumbers: 6, largest: 99_999, brackets: true });
    expect(widest.inWidth).toBe(MAX_INPUT_WIDTH);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 99_999 }), fc.boolean(), (n, largest, brackets) => {
        expect(problemSpec({ ...LESSON_PROBLEM, minNumbers: n, nNumbers: n, largest, brackets: brackets && n >= 3 }).inWidth).toBeLessThanOrEqual(MAX_INPUT_WIDTH);
      }),
      RUNS,
    );
  });

  it('checkNumber returns undefined for an allowed value and a message otherwise', () => {
    expect(checkNumber('seed', 0)).toBeUndefined();
    expect(checkNumber('seed', -1)).toBe('seed must be from 0 to 2,147,483,647');
    expect(checkNumber('learningRate', 0.000_001)).toContain('learning rate');
  });
});

describe('problem settings', () => {
  it('refuses min_numbers above n_numbers, on min_numbers', () => {
    expect(validateConfig({ ...DEFAULT_CONFIG, minNumbers: 3, nNumbers: 2 })).toEqual({ minNumbers: 'min_numbers must be at most n_numbers (2)' });
    expect(validateConfig({ ...DEFAULT_CONFIG, minNumbers: 2, nNumbers: 3 })).toEqual({});
  });

  it('refuses brackets with fewer than 3 numbers', () => {
    expect(validateConfig({ ...DEFAULT_CONFIG, brackets: true })).toEqual({ brackets: 'brackets need n_numbers of 3 or more' });
    expect(validateConfig({ ...DEFAULT_CONFIG, brackets: true, minNumbers: 3, nNumbers: 3 })).toEqual({});
  });

  it.each(['', '/', '+/', '- +', '+ +', 'x'])('refuses operators %j that are not a canonical subset of + - *', (operators) => {
    expect(validateConfig({ ...DEFAULT_CONFIG, operators }).operators).toMatch(/operators must be one or more of \+ - \*/);
  });

  it('reads operators as typed: spaces, commas, − and × are fine, order and repeats do not matter', () => {
    const read = (operators: string) => readDraft({ ...toDraft(DEFAULT_CONFIG), operators });
    expect(read('+ -').config.operators).toBe('+-');
    expect(read('×, −').config.operators).toBe('-*');
    expect(read('* + + -').config.operators).toBe('+-*');
    expect(read('+ -').errors).toEqual({});
    expect(read('+ /').errors.operators).toContain('operators');
    expect(toDraft({ ...DEFAULT_CONFIG, operators: '+-*' }).operators).toBe('+ - *');
  });

  it('the mapping models refuse what they cannot read, naming the field', () => {
    const mlp: Config = { ...DEFAULT_CONFIG, model: 'mappingMlp' };
    expect(validateConfig(mlp)).toEqual({});
    expect(Object.keys(validateConfig({ ...mlp, operators: '+-' }))).toEqual(['operators']);
    expect(Object.keys(validateConfig({ ...mlp, minNumbers: 2, nNumbers: 3 }))).toEqual(['minNumbers']);
    expect(Object.keys(validateConfig({ ...mlp, minNumbers: 3, nNumbers: 3, brackets: true }))).toEqual(['brackets']);
    expect(validateConfig({ ...DEFAULT_CONFIG, operators: '+-*', minNumbers: 2, nNumbers: 3, brackets: true })).toEqual({});
  });

  it('refuses answers too long to stay exact, on largest', () => {
    const c: Config = { ...DEFAULT_CONFIG, operators: '*', minNumbers: 6, nNumbers: 6, largest: 9_999 };
    expect(validateConfig(c).largest).toMatch(/answers can reach 24 symbols .* the limit is 15/);
    expect(validateConfig({ ...c, largest: 99 })).toEqual({});
  });
});

describe('test largest', () => {
  it('is off at 0, and otherwise must be more than largest, on test largest', () => {
    expect(validateConfig({ ...DEFAULT_CONFIG, testLargest: 0 })).toEqual({});
    expect(validateConfig({ ...DEFAULT_CONFIG, testLargest: 101 })).toEqual({});
    expect(validateConfig({ ...DEFAULT_CONFIG, testLargest: 100 })).toEqual({ testLargest: 'test largest must be more than largest (100), or 0 (off)' });
    expect(validateConfig({ ...DEFAULT_CONFIG, testLargest: 1 })).toEqual({ testLargest: 'test largest must be more than largest (100), or 0 (off)' });
    // A bad largest is reported on largest alone.
    expect(Object.keys(validateConfig({ ...DEFAULT_CONFIG, largest: 0, testLargest: 50 }))).toEqual(['largest']);
  });

  it('refuses room for answers too long to stay exact, on test largest (largest alone fits)', () => {
    const c: Config = { ...DEFAULT_CONFIG, operators: '*', minNumbers: 4, nNumbers: 4, largest: 99 };
    expect(validateConfig(c)).toEqual({});
    expect(validateConfig({ ...c, testLargest: 9_999 })).toEqual({ testLargest: 'with terms up to 9999, answers can reach 16 symbols; the limit is 15: lower test largest' });
    expect(validateConfig({ ...c, testLargest: 999 })).toEqual({});
  });

  it('is not a setting of the mapping models (they read numbers, not digits): ignored there, never an error', () => {
    for (const preset of [PRESETS['Act 1 · MLP (fast)'], PRESETS['Act 1 · mapping LSTM (fast)']]) {
      expect(validateConfig({ ...preset, testLargest: 5 })).toEqual({});
      expect(validateConfig({ ...preset, operators: '*', minNumbers: 6, nNumbers: 6, largest: 99, testLargest: 99_999 }).testLargest).toBeUndefined();
    }
  });

  it('at its top, with the longest terms and brackets, still fits MAX_INPUT_WIDTH', () => {
    const widest = problemSpec({ ...LESSON_PROBLEM, operators: '+-*', minNumbers: 6, nNumbers: 6, largest: 1, testLargest: 99_999, brackets: true });
    expect(widest.inWidth).toBe(MAX_INPUT_WIDTH);
  });
});

describe('memory limit', () => {
  it('refuses a config whose training step would need more than the limit, on batch size, with the figure', () => {
    const huge: Config = { ...DEFAULT_CONFIG, nNumbers: 6, largest: 99_999, encoderUnits: 512, decoderUnits: 512, batchSize: 1_000, examplesPerEpoch: 1_000 };
    expect(stepBytes(huge)).toBeGreaterThan(MAX_STEP_BYTES);
    const errors = validateConfig(huge);
    expect(Object.keys(errors)).toEqual(['batchSize']);
    expect(errors.batchSize).toMatch(/needs about \d+ MB per step; the limit is 512 MB/);
    expect(validateConfig({ ...huge, batchSize: 20 })).toEqual({});
  });

  it('grows with batch size, units and input width', () => {
    const base = stepBytes(DEFAULT_CONFIG);
    expect(stepBytes({ ...DEFAULT_CONFIG, batchSize: DEFAULT_CONFIG.batchSize * 2 })).toBeCloseTo(2 * base, -1);
    expect(stepBytes({ ...DEFAULT_CONFIG, encoderUnits: 200 })).toBeGreaterThan(base);
    expect(stepBytes({ ...DEFAULT_CONFIG, largest: 9_999 })).toBeGreaterThan(base);
  });
});

describe('toDraft / readDraft', () => {
  it('round-trips the default and every preset with no errors', () => {
    for (const c of [DEFAULT_CONFIG, ...Object.values(PRESETS)]) {
      const { config, errors } = readDraft(toDraft(c));
      expect(config).toEqual(c);
      expect(errors).toEqual({});
    }
  });

  it('round-trips any valid config', () => {
    fc.assert(
      fc.property(validConfig, (c) => {
        expect(validateConfig(c)).toEqual({});
        const { config, errors } = readDraft(toDraft(c));
        expect(config).toEqual(c);
        expect(errors).toEqual({});
      }),
      RUNS,
    );
  });

  it('toDraft turns numbers into text and keeps the other fields', () => {
    const d = toDraft({ ...DEFAULT_CONFIG, largest: 100, learningRate: 0.01, seed: 2_000, cell: 'gru', reverseInput: true, backend: 'cpu' });
    expect(d.largest).toBe('100');
    expect(d.learningRate).toBe('0.01');
    expect(d.seed).toBe('2000');
    expect(d.cell).toBe('gru');
    expect(d.reverseInput).toBe(true);
    expect(d.backend).toBe('cpu');
    for (const [key, value] of Object.entries(d)) {
      if (key in NUMERIC_FIELDS) expect(typeof value, key).toBe('string');
    }
  });

  it.each(['', '   ', '\t'])('empty text %j is an error, never 0', (text) => {
    for (const key of FIELDS) {
      const { config, errors } = readDraft({ ...toDraft(DEFAULT_CONFIG), [key]: text });
      expect(config[key]).not.toBe(0);
      expect(Number.isNaN(config[key])).toBe(true);
      expect(errors[key]).toContain(LABELS[key]);
    }
  });

  it('unreadable text is an error', () => {
    const { errors } = readDraft({ ...toDraft(DEFAULT_CONFIG), largest: '1o0', epochs: 'abc' });
    expect(errors.largest).toContain('largest');
    expect(errors.epochs).toContain('epochs');
  });

  it('reads surrounding spaces and thousands separators', () => {
    const { config, errors } = readDraft({
      ...toDraft(DEFAULT_CONFIG),
      examplesPerEpoch: '2,000',
      epochs: ' 1 000 ',
      largest: '99_999',
      batchSize: ' 50 ',
    });
    expect(errors).toEqual({});
    expect(config.examplesPerEpoch).toBe(2000);
    expect(config.epochs).toBe(1000);
    expect(config.largest).toBe(99_999);
    expect(config.batchSize).toBe(50);
  });

  it('reports out-of-range typed values on their field', () => {
    const { errors } = readDraft({ ...toDraft(DEFAULT_CONFIG), nNumbers: '7' });
    expect(Object.keys(errors)).toEqual(['nNumbers']);
    expect(errors.nNumbers).toContain('n_numbers');
  });
});

describe('readNumber', () => {
  it('reads grouped thousands but refuses a decimal comma', async () => {
    const { readNumber } = await import('../../../src/core/config');
    expect(readNumber('2,000')).toBe(2000);
    expect(readNumber('2 000')).toBe(2000);
    expect(readNumber('0.001')).toBe(0.001);
    expect(readNumber('0,001')).toBeNaN();
    expect(readNumber('1,2345')).toBeNaN();
    expect(readNumber('   ')).toBeNaN();
  });
});

describe('sampling', () => {
  it('carry-balanced sampling is allowed on any problem (one without carries is drawn as it asks)', () => {
    expect(validateConfig({ ...DEFAULT_CONFIG, sampling: 'carry-balanced' })).toEqual({});
    expect(validateConfig({ ...DEFAULT_CONFIG, sampling: 'carry-balanced', operators: '-' })).toEqual({});
    expect(validateConfig({ ...DEFAULT_CONFIG, sampling: 'carry-balanced', operators: '*' })).toEqual({});
    expect(validateConfig({ ...DEFAULT_CONFIG, sampling: 'carry-balanced', operators: '-', nNumbers: 3, minNumbers: 3 })).toEqual({});
    expect(validateConfig({ ...DEFAULT_CONFIG, sampling: 'sideways' as Config['sampling'] })).toEqual({ sampling: 'sampling must be one of uniform, carry-balanced, length-balanced, carry-and-length-balanced' });
  });
});

describe('recurrent init', () => {
  it('is Glorot, orthogonal or orthogonal per gate, for any model kind (the MLP has no recurrent kernel and ignores it)', () => {
    for (const model of ['seq2seq', 'mappingLstm', 'mappingMlp'] as const) {
      expect(validateConfig({ ...PRESETS['Act 1 · MLP (fast)'], model, recurrentInit: 'orthogonal' })).toEqual({});
    }
    expect(validateConfig({ ...DEFAULT_CONFIG, recurrentInit: 'he' as Config['recurrentInit'] })).toEqual({ recurrentInit: 'recurrentInit must be one of glorot, orthogonal, orthogonal-gates' });
  });
});

describe('third-search recipe settings', () => {
  it('the default (seq2seq) has the units weight, weight averaging and answer balance from 20 %; the 3-digit preset averaging; the fast tutorial the units weight and averaging; every other preset none of them', () => {
    expect(DEFAULT_CONFIG).toMatchObject({ unitsWeight: 5, unitsUntil: 20, averageDecay: 0.95, answersFrom: 20 });
    const searched = ['Carry default', '3-digit sums', 'Tutorial problem, fast'];
    for (const [name, c] of Object.entries(PRESETS)) {
      expect(c).toMatchObject({ adamBeta1: 0.9, adamEpsilon: 0, annealAgainAt: 0, boostFactor: 1, labelSmoothing: 0, hardFrom: 0, lengthsFrom: 0 });
      if (name !== 'Carry default') expect(c).toMatchObject({ answersFrom: 0 });
      if (!searched.includes(name)) expect(c).toMatchObject({ unitsWeight: 1, averageDecay: 0 });
      // The fourth search's other settings are off everywhere.
      expect(c).toMatchObject({ tensWeight: 1, averageLateDecay: 0 });
    }
    // The 3-digit preset (the fourth search): carry-balanced, batch 32 at Adam 0.005, clipped to norm 1, weights averaged (0.97), no units weight.
    expect(PRESETS['3-digit sums']).toMatchObject({ sampling: 'carry-balanced', batchSize: 32, learningRate: 0.005, clipNorm: 1, averageDecay: 0.97, unitsWeight: 1, anneal: true, annealAt: 90, examplesPerEpoch: 5_000 });
    // The fast tutorial preset (the fifth search): sums as asked, batch 64 at Adam 0.03, units ×5 until 20 %, weights averaged (0.9), cut at 95 %.
    expect(PRESETS['Tutorial problem, fast']).toMatchObject({ sampling: 'uniform', batchSize: 64, learningRate: 0.03, unitsWeight: 5, unitsUntil: 20, averageDecay: 0.9, anneal: true, annealAt: 95, examplesPerEpoch: 1_000, clipNorm: 0 });
  });

  it('a second cut must come after the anneal cut (or be 0, off)', () => {
    expect(validateConfig({ ...DEFAULT_CONFIG, annealAgainAt: 97 })).toEqual({});
    expect(validateConfig({ ...DEFAULT_CONFIG, annealAgainAt: 0 })).toEqual({});
    expect(validateConfig({ ...DEFAULT_CONFIG, annealAgainAt: 90 }).annealAgainAt).toMatch(/more than anneal at exact-match % \(90\)/);
    expect(validateConfig({ ...DEFAULT_CONFIG, annealAt: 95, annealAgainAt: 94 }).annealAgainAt).toMatch(/\(95\)/);
    // An anneal score out of range is the error to fix first: the second cut is not judged against it.
    expect(validateConfig({ ...DEFAULT_CONFIG, annealAt: 150, annealAgainAt: 97 })).toEqual({ annealAt: expect.any(String) });
  });
});
