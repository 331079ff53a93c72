import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CELLS, type Cell } from '../../../src/core/config';
import { createRng } from '../../../src/core/random';
import { parameterCount, type Seq2SeqShape } from '../../../src/core/estimate';
import { createSeq2Seq, disposeSeq2Seq, encodedInputs, seq2seqLogits, seq2seqLoss } from '../../../src/model/seq2seq';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The lesson's 12 symbols. */
const N_SYMBOLS = 12;
const shape = (cell: Cell, more: Partial<Seq2SeqShape> = {}): Seq2SeqShape => ({
  inWidth: 5, outWidth: 2, symbols: N_SYMBOLS, encoderUnits: 6, decoderUnits: 4, cell,
  encoding: 'onehot', embeddingSize: 3, encoderLayers: 1, decoderLayers: 1, decoder: 'repeat', ...more,
});

function randomOneHot(steps: number, batch: number, seed: number): tf.Tensor3D {
  const rng = createRng(seed);
  const codes = Array.from({ length: steps * batch }, () => rng.int(0, N_SYMBOLS - 1));
  return tf.tidy(() => tf.oneHot(codes, N_SYMBOLS).reshape([steps, batch, N_SYMBOLS]).toFloat() as tf.Tensor3D);
}

/** The lesson's model in tf.layers, with our weights copied in. */
function layersTwin(m: ReturnType<typeof createSeq2Seq>): tf.Sequential {
  const { inWidth, outWidth, encoderUnits, decoderUnits, cell, encoderLayers, decoderLayers } = m.shape;
  const rnn = { lstm: tf.layers.lstm, gru: tf.layers.gru, simpleRnn: tf.layers.simpleRNN }[cell];
  const gates = cell === 'simpleRnn' ? {} : { recurrentActivation: 'sigmoid' as const };
  const encoders = Array.from({ length: encoderLayers }, (_, k) =>
    rnn({ units: encoderUnits, returnSequences: k < encoderLayers - 1, ...(k === 0 ? { inputShape: [inWidth, N_SYMBOLS] } : {}), ...gates }),
  );
  const decoders = Array.from({ length: decoderLayers }, () => rnn({ units: decoderUnits, returnSequences: true, ...gates }));
  const model = tf.sequential({
    layers: [
      ...encoders,
      tf.layers.repeatVector({ n: outWidth }),
      ...decoders,
      tf.layers.timeDistributed({ layer: tf.layers.dense({ units: N_SYMBOLS }) }),
    ],
  });
  model.setWeights(m.variables);
  return model;
}

describe('seq2seq model', () => {
  it.each(CELLS)('%s: logits have shape [outWidth * batch, 12] and the parameter count matches tf.layers', (cell) => {
    const m = createSeq2Seq(shape(cell), createRng(1));
    const x = randomOneHot(5, 3, 2);
    const logits = seq2seqLogits(m, x);
    expect(logits.shape).toEqual([2 * 3, N_SYMBOLS]);
    const twin = layersTwin(m);
    expect(parameterCount(m.shape)).toBe(twin.countParams());
    twin.dispose();
    tf.dispose([x, logits]);
    disposeSeq2Seq(m);
  });

  it.each(CELLS)('%s: forward pass equals the tf.layers model with the same weights', (cell) => {
    const m = createSeq2Seq(shape(cell), createRng(3));
    const twin = layersTwin(m);
    const x = randomOneHot(5, 4, 4);
    const ours = tf.tidy(() => seq2seqLogits(m, x).reshape([2, 4, N_SYMBOLS]).transpose([1, 0, 2]));
    const theirs = tf.tidy(() => twin.predict(x.transpose([1, 0, 2])) as tf.Tensor);
    expect(ours.shape).toEqual(theirs.shape);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0]);
    expect(diff).toBeLessThan(1e-5);
    tf.dispose([x, ours, theirs]);
    twin.dispose();
    disposeSeq2Seq(m);
  });

  it.each([
    [1, 1],
    [2, 2],
    [3, 1],
  ])('lstm, %i encoder and %i decoder layers: gradients equal those of the tf.layers model', (encoderLayers, decoderLayers) => {
    const m = createSeq2Seq(shape('lstm', { encoderLayers, decoderLayers }), createRng(5));
    const twin = layersTwin(m);
    const x = randomOneHot(5, 3, 6);
    const y = randomOneHot(2, 3, 7);
    const ours = tf.variableGrads(() => seq2seqLoss(m, x, y), m.variables);
    const xb = x.transpose([1, 0, 2]);
    const yb = y.transpose([1, 0, 2]);
    const theirs = tf.variableGrads(() => {
      const logits = (twin.apply(xb) as tf.Tensor).reshape([-1, N_SYMBOLS]);
      return tf.losses.softmaxCrossEntropy(yb.reshape([-1, N_SYMBOLS]), logits) as tf.Scalar;
    }, twin.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val));
    expect(ours.value.dataSync()[0]).toBeCloseTo(theirs.value.dataSync()[0], 5);
    const oursList = m.variables.map((v) => ours.grads[v.name]);
    const theirsList = twin.trainableWeights.map((w) => theirs.grads[(w as unknown as { val: tf.Variable }).val.name]);
    oursList.forEach((g, i) => {
      const d = tf.tidy(() => tf.max(tf.abs(tf.sub(g, theirsList[i]))).dataSync()[0]);
      expect(d).toBeLessThan(1e-5);
    });
    tf.dispose([x, y, xb, yb, ours.value, theirs.value, ...Object.values(ours.grads), ...Object.values(theirs.grads)]);
    twin.dispose();
    disposeSeq2Seq(m);
  });

  it('the same seed gives the same weights; another seed does not', () => {
    const a = createSeq2Seq(shape('lstm'), createRng(9));
    const b = createSeq2Seq(shape('lstm'), createRng(9));
    const c = createSeq2Seq(shape('lstm'), createRng(10));
    expect(Array.from(a.encoders[0].kernel.dataSync())).toEqual(Array.from(b.encoders[0].kernel.dataSync()));
    expect(Array.from(a.encoders[0].kernel.dataSync())).not.toEqual(Array.from(c.encoders[0].kernel.dataSync()));
    [a, b, c].forEach(disposeSeq2Seq);
  });

  it('rejects a bad shape, naming the field', () => {
    expect(() => createSeq2Seq({ ...shape('lstm'), encoderUnits: 0 }, createRng(1))).toThrow(/encoderUnits/);
    expect(() => createSeq2Seq({ ...shape('lstm'), inWidth: 2.5 }, createRng(1))).toThrow(/inWidth/);
  });

  it('leaks no tensors: build, forward, loss, dispose', () => {
    const before = tf.memory().numTensors;
    const m = createSeq2Seq(shape('gru'), createRng(1));
    const x = randomOneHot(5, 2, 1);
    const y = randomOneHot(2, 2, 2);
    const loss = tf.tidy(() => seq2seqLoss(m, x, y));
    expect(loss.shape).toEqual([]);
    tf.dispose([x, y, loss]);
    disposeSeq2Seq(m);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('seq2seq model, Act 3 options', () => {
  it.each([
    ['lstm', 2, 1],
    ['lstm', 1, 3],
    ['lstm', 3, 2],
    ['gru', 2, 2],
    ['simpleRnn', 1, 2],
  ] as [Cell, number, number][])('%s with %i encoder and %i decoder layers equals the stacked tf.layers model', (cell, encoderLayers, decoderLayers) => {
    const m = createSeq2Seq(shape(cell, { encoderLayers, decoderLayers }), createRng(11));
    expect(m.encoders).toHaveLength(encoderLayers);
    expect(m.decoders).toHaveLength(decoderLayers);
    const twin = layersTwin(m);
    expect(parameterCount(m.shape)).toBe(twin.countParams());
    const x = randomOneHot(5, 3, 12);
    const ours = tf.tidy(() => seq2seqLogits(m, x).reshape([2, 3, N_SYMBOLS]).transpose([1, 0, 2]));
    const theirs = tf.tidy(() => twin.predict(x.transpose([1, 0, 2])) as tf.Tensor);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0]);
    expect(diff).toBeLessThan(1e-5);
    tf.dispose([x, ours, theirs]);
    twin.dispose();
    disposeSeq2Seq(m);
  });

  it('integer encoding: the encoder reads one number per symbol, code / (symbols - 1)', () => {
    const m = createSeq2Seq(shape('lstm', { encoding: 'integer' }), createRng(1));
    expect(m.encoders[0].kernel.shape).toEqual([1, 4 * 6]);
    const x = randomOneHot(5, 2, 3);
    const read = tf.tidy(() => encodedInputs(m, x.reshape([10, N_SYMBOLS]) as tf.Tensor2D));
    const codes = tf.tidy(() => x.reshape([10, N_SYMBOLS]).argMax(1));
    expect(Array.from(read.dataSync())).toEqual(Array.from(codes.dataSync(), (c) => Math.fround(c / 11)));
    expect(parameterCount(m.shape)).toBe(m.variables.reduce((n, v) => n + v.size, 0));
    tf.dispose([x, read, codes]);
    disposeSeq2Seq(m);
  });

  it('embedding: a learned [symbols, size] table looked up by code, trained with the rest', () => {
    const m = createSeq2Seq(shape('gru', { encoding: 'embedding', embeddingSize: 3 }), createRng(1));
    expect(m.embedding!.shape).toEqual([N_SYMBOLS, 3]);
    expect(m.encoders[0].kernel.shape).toEqual([3, 3 * 6]);
    expect(m.variables.at(-1)).toBe(m.embedding);
    expect(parameterCount(m.shape)).toBe(m.variables.reduce((n, v) => n + v.size, 0));
    const x = randomOneHot(5, 2, 3);
    const read = tf.tidy(() => encodedInputs(m, x.reshape([10, N_SYMBOLS]) as tf.Tensor2D).arraySync() as number[][]);
    const codes = tf.tidy(() => Array.from(x.reshape([10, N_SYMBOLS]).argMax(1).dataSync()));
    const table = m.embedding!.arraySync() as number[][];
    read.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(table[codes[i]][j], 6)));
    const y = randomOneHot(2, 2, 4);
    const grads = tf.variableGrads(() => seq2seqLoss(m, x, y), m.variables);
    const g = grads.grads[m.embedding!.name];
    expect(tf.tidy(() => tf.sum(tf.abs(g)).dataSync()[0])).toBeGreaterThan(0);
    tf.dispose([x, y, grads.value, ...Object.values(grads.grads)]);
    disposeSeq2Seq(m);
  });

  it.each([
    ['onehot', 1, 1],
    ['integer', 1, 1],
    ['embedding', 1, 1],
    ['onehot', 2, 2],
    ['embedding', 3, 3],
  ] as const)('%s, %i/%i layers: loss falls on a tiny fixed batch, and nothing leaks', (encoding, encoderLayers, decoderLayers) => {
    const before = tf.memory().numTensors;
    const m = createSeq2Seq(shape('lstm', { encoding, encoderLayers, decoderLayers, encoderUnits: 8, decoderUnits: 8 }), createRng(2));
    const x = randomOneHot(5, 8, 5);
    const y = randomOneHot(2, 8, 6);
    const opt = tf.train.adam(0.05);
    const losses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const loss = opt.minimize(() => seq2seqLoss(m, x, y), true, m.variables)!;
      losses.push(loss.dataSync()[0]);
      loss.dispose();
    }
    expect(losses.at(-1)!).toBeLessThan(losses[0] * 0.7);
    opt.dispose();
    tf.dispose([x, y]);
    disposeSeq2Seq(m);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('recurrent initialisation', () => {
  /** W Wᵀ of a `[H, G·H]` kernel, its largest distance from the identity. */
  const offIdentity = (w: tf.Variable) =>
    tf.tidy(() => {
      const g = tf.matMul(w, w, false, true);
      return tf.max(tf.abs(tf.sub(g, tf.eye(w.shape[0])))).dataSync()[0];
    });

  it.each(CELLS)('orthogonal (%s): every recurrent kernel has orthonormal rows; the other weights are those of the Glorot model of the same seed', (cell) => {
    const s = shape(cell, { encoderLayers: 2, decoderLayers: 2 });
    const orth = createSeq2Seq(s, createRng(3), 'orthogonal');
    const plain = createSeq2Seq(s, createRng(3));
    const recurrent = new Set([...orth.encoders, ...orth.decoders].map((l) => l.recurrent));
    expect(recurrent.size).toBe(4);
    for (const w of recurrent) expect(offIdentity(w)).toBeLessThan(1e-5);
    for (const l of [...plain.encoders, ...plain.decoders]) expect(offIdentity(l.recurrent)).toBeGreaterThan(0.1);
    orth.variables.forEach((v, i) => {
      expect(v.shape).toEqual(plain.variables[i].shape);
      if (!recurrent.has(v)) expect(Array.from(v.dataSync())).toEqual(Array.from(plain.variables[i].dataSync()));
    });
    expect(parameterCount(s)).toBe(orth.variables.reduce((n, v) => n + v.size, 0));
    disposeSeq2Seq(orth);
    disposeSeq2Seq(plain);
  });

  it.each(CELLS)("orthogonal-gates (%s): each gate's [H, H] block of every recurrent kernel is orthogonal; the other weights as Glorot's", (cell) => {
    const s = shape(cell, { encoderLayers: 2 });
    const gates = createSeq2Seq(s, createRng(4), 'orthogonal-gates');
    const plain = createSeq2Seq(s, createRng(4));
    const recurrent = new Set([...gates.encoders, ...gates.decoders].map((l) => l.recurrent));
    for (const w of recurrent) {
      const [h, width] = w.shape;
      for (let g = 0; g < width / h; g++) {
        const block = tf.tidy(() => tf.slice(w, [0, g * h], [h, h]));
        const off = tf.tidy(() => tf.max(tf.abs(tf.sub(tf.matMul(block, block, true, false), tf.eye(h)))).dataSync()[0]);
        expect(off).toBeLessThan(1e-5);
        block.dispose();
      }
    }
    gates.variables.forEach((v, i) => {
      if (!recurrent.has(v)) expect(Array.from(v.dataSync())).toEqual(Array.from(plain.variables[i].dataSync()));
    });
    disposeSeq2Seq(gates);
    disposeSeq2Seq(plain);
  });
});

describe('seq2seqLoss weighting', () => {
  it('position weights: the weighted mean of each answer position’s cross-entropy; all 1 is the plain mean; smoothing as tfjs', () => {
    const m = createSeq2Seq(shape('lstm', { outWidth: 3 }), createRng(5));
    const x = randomOneHot(5, 4, 6);
    const y = randomOneHot(3, 4, 7);
    const before = tf.memory().numTensors;
    const read = (f: () => tf.Scalar) => { const t = tf.tidy(f); const v = t.dataSync()[0]; t.dispose(); return v; };
    // Each position's mean cross-entropy, from the logits.
    const perPosition = tf.tidy(() => {
      const logits = seq2seqLogits(m, x);
      const losses = tf.losses.softmaxCrossEntropy(tf.reshape(y, logits.shape), logits, undefined, 0, tf.Reduction.NONE);
      return tf.mean(tf.reshape(losses, [3, 4]), 1).arraySync() as number[];
    });
    const plain = read(() => seq2seqLoss(m, x, y));
    expect(plain).toBeCloseTo((perPosition[0] + perPosition[1] + perPosition[2]) / 3, 5);
    expect(read(() => seq2seqLoss(m, x, y, 0, [1, 1, 1]))).toBe(plain);
    expect(read(() => seq2seqLoss(m, x, y, 0, [1, 1, 3]))).toBeCloseTo((perPosition[0] + perPosition[1] + 3 * perPosition[2]) / 5, 5);
    expect(read(() => seq2seqLoss(m, x, y, 0, [2, 1, 1]))).toBeCloseTo((2 * perPosition[0] + perPosition[1] + perPosition[2]) / 4, 5);
    expect(read(() => seq2seqLoss(m, x, y, 0.1))).not.toBeCloseTo(plain, 5);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    disposeSeq2Seq(m);
  });
});
