import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../../src/core/config';
import { problemSpec } from '../../../src/core/problem';
import type { Expression } from '../../../src/core/expression';

const sum = (...terms: number[]): Expression => ({ terms, ops: terms.slice(1).map(() => '+' as const), value: terms.reduce((a, b) => a + b, 0) });
const sums = (rows: number[][]) => rows.map((t) => sum(...t));
const randomSums = (seed: string | number, count: number, c: Config) => problemSpec(c).generate(createRng(seed), count);
import { createRng } from '../../../src/core/random';
import { MAPPING_LSTM_UNITS } from '../../../src/core/mapping';
import { createMappingModel, type MappingKind, type MappingModel } from '../../../src/model/mapping';

const mappingParameterCount = (m: MappingModel) => m.variables.reduce((n, v) => n + v.size, 0);
import { createTask } from '../../../src/model/tasks';
import { Trainer, type EpochReport } from '../../../src/model/train';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Runs the model on plain rows and reads the answers back; frees every tensor it made. */
function run(m: MappingModel, rows: number[][]): number[] {
  return tf.tidy(() => Array.from(m.forward(tf.tensor2d(rows, [rows.length, m.nNumbers])).dataSync()));
}

const dispose = (m: MappingModel) => m.variables.forEach((v) => v.dispose());
const sorted = (s: string) => [...s].sort().join('');

describe('createMappingModel', () => {
  it.each(['mappingLstm', 'mappingMlp'] as MappingKind[])('%s: forward of [B, n] gives [B]', (kind) => {
    for (const n of [2, 3]) {
      const m = createMappingModel(kind, n, createRng(1));
      expect(m.kind).toBe(kind);
      expect(m.nNumbers).toBe(n);
      const rng = createRng(2);
      const rows = Array.from({ length: 5 }, () => Array.from({ length: n }, () => rng.next()));
      const y = tf.tidy(() => m.forward(tf.tensor2d(rows)));
      expect(y.shape).toEqual([5]);
      expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
      y.dispose();
      dispose(m);
    }
  });

  it('counts the lesson\'s parameters: LSTM(10) → Dense(1) has 491, the MLP 25 (n=2) and 29 (n=3)', () => {
    const lstm = createMappingModel('mappingLstm', 2, createRng(1));
    expect(MAPPING_LSTM_UNITS).toBe(10);
    expect(mappingParameterCount(lstm)).toBe(4 * 10 * (1 + 10 + 1) + 10 + 1);
    expect(mappingParameterCount(lstm)).toBe(491);
    expect(lstm.variables.map((v) => v.shape)).toEqual([[1, 40], [10, 40], [40], [10, 1], [1]]);
    // One feature per step: the count does not grow with n_numbers.
    const lstm3 = createMappingModel('mappingLstm', 3, createRng(1));
    expect(mappingParameterCount(lstm3)).toBe(491);
    const mlp2 = createMappingModel('mappingMlp', 2, createRng(1));
    expect(mappingParameterCount(mlp2)).toBe(2 * 4 + 4 + (4 * 2 + 2) + (2 * 1 + 1));
    expect(mappingParameterCount(mlp2)).toBe(25);
    const mlp3 = createMappingModel('mappingMlp', 3, createRng(1));
    expect(mappingParameterCount(mlp3)).toBe(29);
    [lstm, lstm3, mlp2, mlp3].forEach(dispose);
  });

  it.each(['mappingLstm', 'mappingMlp'] as MappingKind[])('%s: a bad nNumbers throws a message naming nNumbers', (kind) => {
    const before = tf.memory().numTensors;
    for (const n of [0, -1, 1.5, Number.NaN]) {
      expect(() => createMappingModel(kind, n, createRng(1))).toThrowError(/nNumbers/);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the same seed gives the same weights; another seed does not', () => {
    const a = createMappingModel('mappingLstm', 2, createRng(5));
    const b = createMappingModel('mappingLstm', 2, createRng(5));
    const c = createMappingModel('mappingLstm', 2, createRng(6));
    const x = [[0.1, 0.4], [0.3, 0.2]];
    expect(run(b, x)).toEqual(run(a, x));
    expect(run(c, x)).not.toEqual(run(a, x));
    [a, b, c].forEach(dispose);
  });

  it('the MLP is linear (no activations): f(x + y) − f(y) = f(x) − f(0)', () => {
    for (const n of [2, 3]) {
      const m = createMappingModel('mappingMlp', n, createRng(11));
      const rng = createRng(12);
      const xs = Array.from({ length: 8 }, () => Array.from({ length: n }, () => rng.next() * 2 - 1));
      const ys = Array.from({ length: 8 }, () => Array.from({ length: n }, () => rng.next() * 2 - 1));
      const sums = xs.map((x, i) => x.map((v, j) => v + ys[i][j]));
      const zero = Array.from({ length: n }, () => 0);
      const [fx, fy, fxy] = [run(m, xs), run(m, ys), run(m, sums)];
      const [f0] = run(m, [zero]);
      fx.forEach((_, i) => expect(Math.abs(fxy[i] - fy[i] - (fx[i] - f0))).toBeLessThan(1e-5));
      // Homogeneous too (biases start at zero, but this holds for any bias): f(2x) − f(0) = 2(f(x) − f(0)).
      const f2x = run(m, xs.map((x) => x.map((v) => 2 * v)));
      fx.forEach((_, i) => expect(Math.abs(f2x[i] - f0 - 2 * (fx[i] - f0))).toBeLessThan(1e-5));
      // Not trivially constant.
      expect(Math.max(...fx) - Math.min(...fx)).toBeGreaterThan(1e-3);
      dispose(m);
    }
  });

  it('the mapping LSTM is not linear: f(x + y) − f(y) ≠ f(x) − f(0) in general', () => {
    const m = createMappingModel('mappingLstm', 2, createRng(11));
    const [fx, fy, fxy, f0] = run(m, [[0.9, 0.8], [0.7, 0.9], [1.6, 1.7], [0, 0]]);
    expect(Math.abs(fxy - fy - (fx - f0))).toBeGreaterThan(1e-4);
    dispose(m);
  });

  it('the mapping LSTM reads a sequence: swapping the terms changes its (untrained) output', () => {
    const m = createMappingModel('mappingLstm', 2, createRng(1));
    const [ab, ba] = run(m, [[0.1, 0.4], [0.4, 0.1]]);
    expect(Math.abs(ab - ba)).toBeGreaterThan(1e-6);
    dispose(m);
  });

  it.each([2, 3])('the mapping LSTM (n=%i) equals tf.layers LSTM(10) → Dense(1) with the same weights', (n) => {
    const m = createMappingModel('mappingLstm', n, createRng(21));
    const twin = tf.sequential({
      layers: [tf.layers.lstm({ units: 10, inputShape: [n, 1], recurrentActivation: 'sigmoid' }), tf.layers.dense({ units: 1 })],
    });
    expect(twin.countParams()).toBe(mappingParameterCount(m));
    twin.setWeights(m.variables);
    const rng = createRng(22);
    const rows = Array.from({ length: 6 }, () => Array.from({ length: n }, () => rng.next()));
    const diff = tf.tidy(() => {
      const x = tf.tensor2d(rows);
      const ours = m.forward(x);
      const theirs = (twin.predict(tf.reshape(x, [6, n, 1])) as tf.Tensor).reshape([6]);
      return tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0];
    });
    expect(diff).toBeLessThan(1e-5);
    twin.dispose();
    dispose(m);
  });
});

describe('mapping task', () => {
  const config: Config = { ...DEFAULT_CONFIG, model: 'mappingMlp', nNumbers: 2, largest: 20, backend: 'cpu' };

  it('trains on normalised terms and sums, and shows terms joined by +', () => {
    const task = createTask(config, createRng(1));
    expect(task.kind).toBe('mappingMlp');
    expect(task.parameters).toBe(25);
    expect(task.expected(sum(3, 10))).toBe('13');
    const { x, y } = task.trainBatch(sums([[3, 10], [20, 1]]));
    expect(x.shape).toEqual([2, 2]);
    expect(Array.from(x.values)).toEqual([3, 10, 20, 1].map((t) => Math.fround(t / 40)));
    expect(y.shape).toEqual([2]);
    expect(Array.from(y.values)).toEqual([13, 21].map((s) => Math.fround(s / 40)));
    const shown = task.inputs(sums([[3, 10], [20, 1]]));
    expect(shown.shown).toEqual(['3+10', '20+1']);
    const swapped = task.inputs(sums([[3, 10], [20, 1]]), createRng(1));
    expect(swapped.shown).toEqual(['10+3', '1+20']);
    expect(Array.from(swapped.x.values)).toEqual([10, 3, 1, 20].map((t) => Math.fround(t / 40)));
    task.dispose();
  });
});

describe('Trainer with a mapping model', () => {
  const mlp: Config = {
    ...DEFAULT_CONFIG,
    model: 'mappingMlp',
    largest: 20,
    epochs: 5,
    examplesPerEpoch: 300,
    batchSize: 10,
    learningRate: 0.01,
    // Every epoch, even once it is exact (the MLP solves this in a few).
    stopAtExact: 0,
    // As Act 1's defaults (KINDS.mappingMlp.defaults): no weight averaging, which the seq2seq default has.
    averageDecay: 0,
    backend: 'cpu',
  };
  let trainer: Trainer;
  const epochs: EpochReport[] = [];

  beforeAll(async () => {
    trainer = new Trainer(mlp, { heldOutSize: 100, flushMs: 0, onEpoch: (e) => epochs.push(e) });
    const summary = await trainer.run();
    expect(summary.reason).toBe('completed');
    expect(summary.perSymbolAccuracy).toBeNull();
  });

  afterAll(() => trainer.dispose());

  it('reports no per-symbol accuracy, and RMSE falls from epoch 1 to epoch 5', () => {
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
    for (const e of epochs) {
      expect(e.perSymbolAccuracy).toBeNull();
      // Exact-match counts the rows whose rounded value is the sum: the table agrees with it.
      if (e.exactMatch === 1) expect(e.table.every((r) => r.correct)).toBe(true);
      if (e.exactMatch === 0) expect(e.table.some((r) => r.correct)).toBe(false);
    }
    expect(epochs[4].rmse).toBeLessThan(epochs[0].rmse);
    expect(epochs[4].loss).toBeLessThan(epochs[0].loss);
  });

  it('table rows carry the raw value, predicted is its rounding, expected is the true sum', () => {
    const table = epochs[4].table;
    expect(table).toHaveLength(20);
    for (const row of table) {
      expect(typeof row.value).toBe('number');
      expect(Number.isFinite(row.value)).toBe(true);
      expect(row.predicted).toBe(String(Math.round(row.value!)));
      expect(row.input).toMatch(/^\d+\+\d+$/);
      const sum = row.input.split('+').map(Number).reduce((a, b) => a + b, 0);
      expect(row.expected).toBe(String(sum));
      expect(row.correct).toBe(row.predicted === row.expected);
    }
  });

  it('predict answers with the rounded value and no probabilities', async () => {
    const [a] = await trainer.predict(sums([[3, 4]]));
    expect(a.probabilities).toEqual([]);
    expect(Number.isFinite(a.value)).toBe(true);
    expect(a.answer).toBe(String(Math.round(a.value)));
    // After 5 epochs the linear model is close on 3+4.
    expect(Math.abs(a.value - 7)).toBeLessThan(1);
    const [b, c] = await trainer.predict(sums([[3, 4], [10, 10]]));
    expect(b.value).toBeCloseTo(a.value, 5);
    expect(c.value).toBeGreaterThan(b.value);
  });

  it('shuffleTest: the MLP hardly cares about order, and rows show the terms swapped', async () => {
    const report = await trainer.shuffleTest();
    expect(report.original.perSymbolAccuracy).toBeNull();
    expect(report.shuffled.perSymbolAccuracy).toBeNull();
    expect(Math.abs(report.shuffled.rmse - report.original.rmse)).toBeLessThan(0.5);
    expect(report.rows).toHaveLength(10);
    // Each listed row counts towards "changed" exactly when its answer changed.
    if (report.rows.some((r) => r.before !== r.after)) expect(report.changed).toBeGreaterThan(0);
    if (report.changed === 0) expect(report.rows.every((r) => r.before === r.after)).toBe(true);
    for (const row of report.rows) {
      const terms = row.input.split('+').map(Number);
      const swapped = row.shuffledInput.split('+').map(Number);
      expect([...swapped].sort((x, y) => x - y)).toEqual([...terms].sort((x, y) => x - y));
      if (terms[0] !== terms[1]) expect(swapped).toEqual([terms[1], terms[0]]);
      else expect(swapped).toEqual(terms);
      expect(row.expected).toBe(String(terms[0] + terms[1]));
    }
    // The original scores are the evaluation's.
    const scored = await trainer.evaluate();
    expect(report.original.rmse).toBeCloseTo(scored.rmse, 6);
    expect(report.original.exactMatch).toBe(scored.exactMatch);
    expect(report.rows.map((r) => r.before)).toEqual(scored.table.slice(0, 10).map((r) => r.predicted));
  });

  it('scoreOn: the held-out sums score as evaluate does; other sums score as their answers say', async () => {
    const heldOut = randomSums(`${mlp.seed}:held-out`, 100, mlp);
    const scored = await trainer.evaluate();
    const same = await trainer.scoreOn(heldOut);
    expect(same.perSymbolAccuracy).toBeNull();
    expect(same.exactMatch).toBe(scored.exactMatch);
    expect(same.rmse).toBeCloseTo(scored.rmse, 6);

    const other = randomSums('other', 50, mlp);
    const scores = await trainer.scoreOn(other);
    expect(scores.perSymbolAccuracy).toBeNull();
    const answers = await trainer.predict(other);
    const hits = answers.filter((a, i) => a.answer === String(other[i].value)).length / 50;
    // The lesson's RMSE: predictions inverted and rounded before comparing.
    const err = Math.sqrt(answers.reduce((s, a, i) => s + (Math.round(a.value) - other[i].value) ** 2, 0) / 50);
    expect(scores.exactMatch).toBeCloseTo(hits, 10);
    expect(scores.rmse).toBeCloseTo(err, 4);
  });
});

describe('Trainer housekeeping for mapping models', () => {
  it('leaks no tensors over construct, run, shuffleTest, predict and dispose', async () => {
    for (const model of ['mappingMlp', 'mappingLstm'] as const) {
      const before = tf.memory().numTensors;
      const trainer = new Trainer(
        { ...DEFAULT_CONFIG, model, largest: 20, epochs: 1, examplesPerEpoch: 40, batchSize: 10, learningRate: 0.01, backend: 'cpu' },
        { heldOutSize: 20, flushMs: 0 },
      );
      await trainer.run();
      await trainer.shuffleTest();
      await trainer.predict(sums([[3, 4]]));
      await trainer.scoreOn(randomSums(3, 10, trainer.config));
      trainer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('a seq2seq trainer shuffles characters: same multiset, different order', async () => {
    const trainer = new Trainer(
      { ...DEFAULT_CONFIG, model: 'seq2seq', largest: 5, encoderUnits: 8, decoderUnits: 8, epochs: 1, examplesPerEpoch: 100, batchSize: 20, backend: 'cpu' },
      { heldOutSize: 50, flushMs: 0 },
    );
    await trainer.run();
    const report = await trainer.shuffleTest(10);
    expect(report.rows).toHaveLength(10);
    expect(report.original.perSymbolAccuracy).not.toBeNull();
    for (const row of report.rows) {
      expect(row.input).toMatch(/^\d\+\d$/);
      expect(row.shuffledInput).toHaveLength(row.input.length);
      expect(sorted(row.shuffledInput)).toBe(sorted(row.input));
      expect(row.shuffledInput).not.toBe(row.input);
    }
    trainer.dispose();
  });
});

describe('recurrent init reaches the models a task builds', () => {
  const offIdentity = (w: tf.Variable) => tf.tidy(() => tf.max(tf.abs(tf.sub(tf.matMul(w, w, false, true), tf.eye(w.shape[0])))).dataSync()[0]);

  it.each([
    ['mappingLstm', { ...DEFAULT_CONFIG, model: 'mappingLstm' as const }],
    ['seq2seq', { ...DEFAULT_CONFIG, encoderUnits: 8, decoderUnits: 6 }],
  ])('%s: orthogonal recurrent kernels when asked, Glorot otherwise', (_kind, config) => {
    // Variable 1 is the first layer's recurrent kernel [H, 4H] in both.
    const orth = createTask({ ...config, recurrentInit: 'orthogonal' }, createRng(1));
    const plain = createTask({ ...config, recurrentInit: 'glorot' }, createRng(1));
    expect(orth.variables[1].shape[1]).toBe(4 * orth.variables[1].shape[0]);
    expect(offIdentity(orth.variables[1])).toBeLessThan(1e-5);
    expect(offIdentity(plain.variables[1])).toBeGreaterThan(0.1);
    orth.dispose();
    plain.dispose();
  });

  it('the MLP, with no recurrent kernel, starts the same either way', () => {
    const config = { ...DEFAULT_CONFIG, model: 'mappingMlp' as const };
    const [a, b] = (['orthogonal', 'glorot'] as const).map((recurrentInit) => createTask({ ...config, recurrentInit }, createRng(1)));
    a.variables.forEach((v, i) => expect(Array.from(v.dataSync())).toEqual(Array.from(b.variables[i].dataSync())));
    a.dispose();
    b.dispose();
  });
});
