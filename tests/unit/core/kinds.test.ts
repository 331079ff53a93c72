import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, FIELD_LABELS, validateConfig, type Config, type ConfigField } from '../../../src/core/config';
import { KINDS, MODELS, writesSymbols } from '../../../src/core/kinds';
import { ANNEALED_RECIPE, PLAIN_RECIPE, SEQ2SEQ_RECIPE } from '../../../src/core/schedule';
import { TASK_FACTORIES } from '../../../src/model/tasks';

const SRC = join(__dirname, '../../../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

describe('model kind registry', () => {
  it('every kind has a descriptor and a model factory, and nothing else does', () => {
    expect(Object.keys(KINDS).sort()).toEqual([...MODELS].sort());
    expect(Object.keys(TASK_FACTORIES).sort()).toEqual([...MODELS].sort());
  });

  it.each(MODELS)('%s: its defaults and its own config validate, and its estimates are positive', (kind) => {
    const c: Config = { ...DEFAULT_CONFIG, model: kind, ...KINDS[kind].defaults };
    expect(validateConfig(c)).toEqual({});
    expect(KINDS[kind].parameters(c)).toBeGreaterThan(0);
    expect(KINDS[kind].stepBytes(c)).toBeGreaterThan(0);
    expect(KINDS[kind].secondsPerEpoch(c)).toBeGreaterThan(0);
    expect(KINDS[kind].label).toMatch(/^Act \d · /);
    expect(KINDS[kind].architecture(c).length).toBeGreaterThan(10);
  });

  it('capabilities: only the seq2seq model writes symbols and reads characters', () => {
    expect(MODELS.filter(writesSymbols)).toEqual(['seq2seq']);
    expect(MODELS.filter((m) => KINDS[m].readsCharacters)).toEqual(['seq2seq']);
  });

  it('no code outside the registries tells kinds apart by name', () => {
    const registries = ['core/kinds.ts', 'model/tasks.ts', 'core/config.ts'];
    const offenders = files(SRC)
      .filter((f) => !registries.includes(relative(SRC, f)))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(SRC, f)}:${i + 1}` }))
          .filter(({ line }) => /[!=]==?\s*'(seq2seq|mappingLstm|mappingMlp)'|'(seq2seq|mappingLstm|mappingMlp)'\s*[!=]==?/.test(line))
          .map(({ at }) => at),
      );
    expect(offenders).toEqual([]);
  });
});

/** A config of this kind with its own training defaults. */
const of = (kind: (typeof MODELS)[number], more: Partial<Config> = {}): Config => ({ ...DEFAULT_CONFIG, model: kind, ...KINDS[kind].defaults, ...more });

describe('training defaults', () => {
  it("Act 1's models train as the lesson's beginner does: 1 000 examples an epoch in batches of 10 at 0.003, no schedule, no annealing", () => {
    expect(KINDS.mappingLstm.defaults).toEqual({ epochs: 60, examplesPerEpoch: 1_000, batchSize: 10, learningRate: 0.003, ...PLAIN_RECIPE });
    expect(PLAIN_RECIPE).toMatchObject({ anneal: false, warmupExamples: 0, decay: 'none', clipNorm: 0, curriculumExamples: 0, batchRampExamples: 0, plateauEpochs: 0, adamBeta2: 0.999 });
    // The MLP needs half the epochs of the LSTM.
    expect(KINDS.mappingMlp.defaults).toEqual({ epochs: 30, examplesPerEpoch: 1_000, batchSize: 10, learningRate: 0.003, ...PLAIN_RECIPE });
  });

  it('the seq2seq model trains longer, in batches of 64 at 0.03, cut ×0.3 at 90 %, on carry-balanced sums (the searched recipe)', () => {
    expect(KINDS.seq2seq.defaults).toEqual({ epochs: 300, examplesPerEpoch: 1_000, ...SEQ2SEQ_RECIPE });
    expect(SEQ2SEQ_RECIPE).toEqual({
      ...PLAIN_RECIPE, batchSize: 64, learningRate: 0.03, anneal: true, annealAt: 90, annealFactor: 0.3, sampling: 'carry-balanced', unitsWeight: 5, unitsUntil: 20, averageDecay: 0.95, answersFrom: 20,
    });
    expect(ANNEALED_RECIPE).toEqual({ ...PLAIN_RECIPE, batchSize: 64, learningRate: 0.03, anneal: true, annealAt: 90, annealFactor: 0.3 });
  });

  it.each(MODELS)('%s: its defaults replace every training setting, the whole recipe included', (kind) => {
    const keys = ['epochs', 'examplesPerEpoch', 'batchSize', 'learningRate', ...Object.keys(PLAIN_RECIPE)] as (keyof Config)[];
    expect(Object.keys(KINDS[kind].defaults).sort()).toEqual([...keys].sort());
    const unlike = (v: unknown) => (typeof v === 'boolean' ? !v : typeof v === 'number' ? v + 7 : `${String(v)}-other`);
    const other = { ...DEFAULT_CONFIG, ...Object.fromEntries(keys.map((k) => [k, unlike(KINDS[kind].defaults[k as keyof typeof KINDS[typeof kind]['defaults']])])) } as Config;
    const c = { ...other, ...KINDS[kind].defaults };
    for (const key of keys) expect(c[key], key).not.toBe(other[key]);
  });
});

describe('model settings that apply', () => {
  /** Settings that change the seq2seq model's weights. */
  const shapeFields: ConfigField[] = ['cell', 'encoderUnits', 'decoderUnits', 'encoderLayers', 'decoderLayers', 'encoding', 'embeddingSize', 'decoder'];
  const changed: Partial<Config> = { cell: 'gru', encoderUnits: 7, decoderUnits: 9, encoderLayers: 2, decoderLayers: 3, encoding: 'integer', embeddingSize: 5, decoder: 'attention' };

  it("the seq2seq model's are its shape, and how the strings it reads and writes are laid out (and how wide)", () => {
    expect([...KINDS.seq2seq.modelFields].sort()).toEqual([...shapeFields, 'reverseInput', 'reverseOutput', 'padding', 'testLargest'].sort());
    for (const f of KINDS.seq2seq.modelFields) expect(FIELD_LABELS).toHaveProperty(f);
  });

  it('every shape setting changes the seq2seq model', () => {
    const base = of('seq2seq', { encoding: 'embedding' });
    for (const f of shapeFields) {
      const c = { ...base, [f]: f === 'encoding' ? 'integer' : changed[f] };
      expect(KINDS.seq2seq.parameters(c), f).not.toBe(KINDS.seq2seq.parameters(base));
    }
  });

  it.each(['mappingLstm', 'mappingMlp'] as const)('%s: none; no model setting changes it', (kind) => {
    expect(KINDS[kind].modelFields).toEqual([]);
    const c = of(kind);
    const other = { ...c, ...changed, reverseInput: true, reverseOutput: true, padding: 'term' as const };
    expect(KINDS[kind].parameters(other)).toBe(KINDS[kind].parameters(c));
    expect(KINDS[kind].stepBytes(other)).toBe(KINDS[kind].stepBytes(c));
    expect(KINDS[kind].secondsPerEpoch(other)).toBe(KINDS[kind].secondsPerEpoch(c));
  });
});

describe('what each kind writes', () => {
  it("Act 1's models regress one number; the seq2seq model writes symbols", () => {
    expect(KINDS.mappingLstm.output).toBe('number');
    expect(KINDS.mappingMlp.output).toBe('number');
    expect(KINDS.seq2seq.output).toBe('symbols');
  });
});

describe('what a kind refuses', () => {
  it('the mapping models add a fixed number of terms, and say which setting to change', () => {
    for (const kind of ['mappingLstm', 'mappingMlp'] as const) {
      const errors = KINDS[kind].refuses(of(kind, { operators: '+-', minNumbers: 2, nNumbers: 4, brackets: true }));
      expect(Object.keys(errors).sort()).toEqual(['brackets', 'minNumbers', 'operators']);
      for (const message of Object.values(errors)) expect(message).toMatch(/^Act 1’s mapping models only add a fixed number of terms: /);
      expect(errors.operators).toMatch(/: set operators to \+$/);
      expect(errors.minNumbers).toMatch(/: set min_numbers to n_numbers \(4\)$/);
      expect(errors.brackets).toMatch(/: turn brackets off$/);
      expect(KINDS[kind].refuses(of(kind))).toEqual({});
    }
  });

  it('the seq2seq model refuses nothing', () => {
    expect(KINDS.seq2seq.refuses(of('seq2seq', { operators: '+-*', minNumbers: 3, nNumbers: 5, brackets: true }))).toEqual({});
  });
});

describe('estimates', () => {
  it("the mapping LSTM(10) → Dense(1) has 491 parameters, whatever the problem", () => {
    // 4 gates × 10 × (1 input + 10 recurrent + 1 bias) + 10 × 1 + 1
    for (const nNumbers of [2, 5]) expect(KINDS.mappingLstm.parameters(of('mappingLstm', { nNumbers, minNumbers: nNumbers }))).toBe(480 + 11);
  });

  it('the MLP reads all n terms at once: (4n + 4) + (4 × 2 + 2) + (2 + 1) parameters', () => {
    expect(KINDS.mappingMlp.parameters(of('mappingMlp'))).toBe(12 + 10 + 3);
    expect(KINDS.mappingMlp.parameters(of('mappingMlp', { nNumbers: 5, minNumbers: 5 }))).toBe(24 + 10 + 3);
  });

  it("the seq2seq model's count is the lesson's LSTM(100) → LSTM(50) → Dense(12)", () => {
    expect(KINDS.seq2seq.parameters(of('seq2seq'))).toBe(4 * 100 * (12 + 100 + 1) + 4 * 50 * (100 + 50 + 1) + 50 * 12 + 12);
  });

  it('an Act 1 epoch costs 1 ms a batch, the last short batch included', () => {
    for (const kind of ['mappingLstm', 'mappingMlp'] as const) {
      expect(KINDS[kind].secondsPerEpoch(of(kind))).toBeCloseTo(100 * 0.001, 10); // 1 000 examples / 10
      expect(KINDS[kind].secondsPerEpoch(of(kind, { examplesPerEpoch: 1_001 }))).toBeCloseTo(101 * 0.001, 10);
      expect(KINDS[kind].secondsPerEpoch(of(kind, { batchSize: 1_000 }))).toBeCloseTo(0.001, 10);
    }
  });

  it("each kind's memory and time are its own model's", () => {
    // A mapping step: 200 floats of 4 bytes per term per example.
    expect(KINDS.mappingLstm.stepBytes(of('mappingLstm'))).toBe(4 * 10 * 2 * 200);
    expect(KINDS.mappingMlp.stepBytes(of('mappingMlp'))).toBe(4 * 10 * 2 * 200);
    // The lesson's seq2seq step: 12 140 floats per example (see estimate.test.ts), batches of 64.
    const c = of('seq2seq');
    expect(KINDS.seq2seq.stepBytes(c)).toBe(4 * 64 * 12_140);
    // Seq2seq batches cost 5 ms each, plus the arithmetic.
    expect(KINDS.seq2seq.secondsPerEpoch(c)).toBeGreaterThan(Math.ceil(1_000 / 64) * 0.005);
  });
});

describe('architecture in words', () => {
  it("the lesson's seq2seq model", () => {
    expect(KINDS.seq2seq.architecture(DEFAULT_CONFIG)).toBe('LSTM(100) → RepeatVector(3) → LSTM(50) → Dense(12, softmax)');
  });

  it('stacked layers, named by cell', () => {
    const c = of('seq2seq', { cell: 'gru', encoderUnits: 8, decoderUnits: 5, encoderLayers: 2, decoderLayers: 3 });
    expect(KINDS.seq2seq.architecture(c)).toBe('GRU(8) → GRU(8) → RepeatVector(3) → GRU(5) → GRU(5) → GRU(5) → Dense(12, softmax)');
    expect(KINDS.seq2seq.architecture({ ...c, cell: 'simpleRnn', encoderLayers: 1, decoderLayers: 1 })).toBe('SimpleRNN(8) → RepeatVector(3) → SimpleRNN(5) → Dense(12, softmax)');
  });

  it('an attention decoder says which attention, over how many encoder outputs', () => {
    expect(KINDS.seq2seq.architecture({ ...DEFAULT_CONFIG, decoder: 'attention' })).toBe(
      'LSTM(100) → RepeatVector(3) → LSTM(50) → Attention(Luong general, over the 7 encoder outputs) → Dense(12, softmax)',
    );
  });

  it('how the input is read comes first, and the alphabet and answer width follow the problem', () => {
    // `+-`: 13 symbols; 1 - 100 = -99 and 100 + 100 = 200 both take 3.
    const c = of('seq2seq', { operators: '+-', encoderUnits: 4, decoderUnits: 6 });
    expect(KINDS.seq2seq.architecture({ ...c, encoding: 'integer' })).toBe('each code as one number → LSTM(4) → RepeatVector(3) → LSTM(6) → Dense(13, softmax)');
    expect(KINDS.seq2seq.architecture({ ...c, encoding: 'embedding', embeddingSize: 9 })).toBe('Embedding(13, 9) → LSTM(4) → RepeatVector(3) → LSTM(6) → Dense(13, softmax)');
    // Three terms up to 999, added: answers up to 2 997, 4 symbols; alphabet `0123456789+ `.
    expect(KINDS.seq2seq.architecture({ ...c, operators: '+', nNumbers: 3, minNumbers: 3, largest: 999 })).toBe('LSTM(4) → RepeatVector(4) → LSTM(6) → Dense(12, softmax)');
  });
});
