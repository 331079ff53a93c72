import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CELLS, DEFAULT_CONFIG, type Cell, type Config } from '../../../src/core/config';
import { shapeOf } from '../../../src/core/estimate';
import { createTask } from '../../../src/model/tasks';
import { createRng } from '../../../src/core/random';
import { parameterCount, type Seq2SeqShape } from '../../../src/core/estimate';
import { createSeq2Seq, disposeSeq2Seq, seq2seqForward, seq2seqLoss, type Seq2Seq } from '../../../src/model/seq2seq';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SYMBOLS = 12;
const shape = (more: Partial<Seq2SeqShape> = {}): Seq2SeqShape => ({
  inWidth: 5, outWidth: 3, symbols: SYMBOLS, encoderUnits: 6, decoderUnits: 4, cell: 'lstm',
  encoding: 'onehot', embeddingSize: 3, encoderLayers: 1, decoderLayers: 1, decoder: 'attention', ...more,
});

function oneHot(steps: number, batch: number, seed: number): tf.Tensor3D {
  const rng = createRng(seed);
  const codes = Array.from({ length: steps * batch }, () => rng.int(0, SYMBOLS - 1));
  return tf.tidy(() => tf.oneHot(codes, SYMBOLS).reshape([steps, batch, SYMBOLS]).toFloat() as tf.Tensor3D);
}

/**
 * The attention model written again with nothing but plain tf ops, one
 * example at a time, so tfjs's autodiff differentiates all of it: Keras' LSTM
 * unrolled step by step (gates i, f, c, o; zero initial state), the last
 * encoder state repeated into the decoder, then for each example
 * `α = softmax(S·Wa·Eᵀ)`, `h̃ = tanh([α·E; S]·Wc)` and the dense layer.
 * Returns the mean cross-entropy over every answer position of every example.
 */
function referenceLoss(m: Seq2Seq, x: tf.Tensor3D, y: tf.Tensor3D): tf.Scalar {
  const [inWidth, batch] = x.shape;
  const { outWidth } = m.shape;
  const lstm = (inputs: tf.Tensor2D[], w: { kernel: tf.Tensor; recurrent: tf.Tensor; bias: tf.Tensor }): tf.Tensor2D[] => {
    const units = w.recurrent.shape[0];
    let h: tf.Tensor2D = tf.zeros([batch, units]);
    let c: tf.Tensor2D = tf.zeros([batch, units]);
    return inputs.map((input) => {
      const z = tf.add(tf.add(tf.matMul(input, w.kernel as tf.Tensor2D), tf.matMul(h, w.recurrent as tf.Tensor2D)), w.bias);
      const [i, f, g, o] = tf.split(z, 4, 1);
      c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
      h = tf.mul(tf.sigmoid(o), tf.tanh(c));
      return h;
    });
  };
  let seq = tf.unstack(x) as tf.Tensor2D[];
  for (const layer of m.encoders) seq = lstm(seq, layer);
  const encoderOutputs = seq;
  let dec = Array.from({ length: outWidth }, () => encoderOutputs.at(-1)!);
  for (const layer of m.decoders) dec = lstm(dec, layer);
  const { score, combine } = m.attention!;
  const losses: tf.Scalar[] = [];
  for (let b = 0; b < batch; b++) {
    const row = (ts: tf.Tensor2D[]) => tf.concat(ts.map((t) => tf.slice(t, [b, 0], [1, -1])), 0);
    const e = row(encoderOutputs); // [inWidth, He]
    const s = row(dec); // [outWidth, Hd]
    const alpha = tf.softmax(tf.matMul(tf.matMul(s, score as tf.Tensor2D), tf.transpose(e))); // [outWidth, inWidth]
    const mixed = tf.tanh(tf.matMul(tf.concat([tf.matMul(alpha, e), s], 1), combine as tf.Tensor2D));
    const logits = tf.add(tf.matMul(mixed, m.dense.kernel as tf.Tensor2D), m.dense.bias);
    const labels = tf.reshape(tf.slice(y, [0, b, 0], [outWidth, 1, SYMBOLS]), [outWidth, SYMBOLS]);
    losses.push(tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar);
  }
  expect(inWidth).toBe(m.shape.inWidth);
  return tf.div(tf.addN(losses), batch) as tf.Scalar;
}

describe('attention decoder', () => {
  it.each(CELLS)('%s: attention weights are [batch, outWidth, inWidth], each row sums to 1, logits [outWidth * batch, symbols]', (cell: Cell) => {
    const m = createSeq2Seq(shape({ cell }), createRng(1));
    const x = oneHot(5, 3, 2);
    const { logits, attention } = seq2seqForward(m, x);
    expect(logits.shape).toEqual([3 * 3, SYMBOLS]);
    expect(attention!.shape).toEqual([3, 3, 5]);
    const sums = tf.sum(attention!, 2).arraySync() as number[][];
    for (const v of sums.flat()) expect(v).toBeCloseTo(1, 5);
    expect(tf.min(attention!).dataSync()[0]).toBeGreaterThanOrEqual(0);
    tf.dispose([x, logits, attention!]);
    disposeSeq2Seq(m);
  });

  it('has Wa [decoderUnits, encoderUnits] and Wc [encoderUnits + decoderUnits, decoderUnits], as many weights as parameterCount says', () => {
    const m = createSeq2Seq(shape({ encoderLayers: 2, decoderLayers: 2 }), createRng(1));
    expect(m.attention!.score.shape).toEqual([4, 6]);
    expect(m.attention!.combine.shape).toEqual([10, 4]);
    expect(m.variables.reduce((n, v) => n + v.size, 0)).toBe(parameterCount(m.shape));
    disposeSeq2Seq(m);
  });

  it('a RepeatVector model has no attention weights, and the same seed gives it the same other weights', () => {
    const repeat = createSeq2Seq(shape({ decoder: 'repeat' }), createRng(4));
    const attend = createSeq2Seq(shape(), createRng(4));
    expect(repeat.attention).toBeUndefined();
    const x = oneHot(5, 2, 2);
    const out = seq2seqForward(repeat, x);
    expect(out.attention).toBeUndefined();
    expect(attend.variables.length).toBe(repeat.variables.length + 2);
    repeat.variables.forEach((v, i) => expect(Array.from(v.dataSync())).toEqual(Array.from(attend.variables[i].dataSync())));
    tf.dispose([x, out.logits]);
    disposeSeq2Seq(repeat);
    disposeSeq2Seq(attend);
  });

  it.each([
    [1, 1],
    [2, 2],
  ])('lstm, %i encoder and %i decoder layers: every gradient equals autodiff through plain tf ops', (encoderLayers, decoderLayers) => {
    const m = createSeq2Seq(shape({ encoderLayers, decoderLayers }), createRng(5));
    // Larger weights than Glorot's, so states (and with them every gradient) are far from zero.
    m.variables.forEach((v, i) => tf.tidy(() => v.assign(tf.randomNormal(v.shape, 0, 0.6, 'float32', 100 + i))));
    const x = oneHot(5, 3, 6);
    const y = oneHot(3, 3, 7);
    const ours = tf.variableGrads(() => seq2seqLoss(m, x, y), m.variables);
    const theirs = tf.variableGrads(() => referenceLoss(m, x, y), m.variables);
    expect(Math.abs(ours.value.dataSync()[0] - theirs.value.dataSync()[0])).toBeLessThan(1e-5);
    for (const v of m.variables) {
      const a = ours.grads[v.name];
      const b = theirs.grads[v.name];
      // Every variable gets a real gradient (not zeros), equal to the reference's within float32 rounding.
      const scale = tf.max(tf.abs(b)).dataSync()[0];
      const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];
      expect(scale, v.name).toBeGreaterThan(1e-6);
      expect(diff / scale, v.name).toBeLessThan(1e-4);
    }
    tf.dispose([x, y, ours.value, theirs.value, ...Object.values(ours.grads), ...Object.values(theirs.grads)]);
    disposeSeq2Seq(m);
  });

  it('leaks no tensors: build, forward, loss, dispose', () => {
    const before = tf.memory().numTensors;
    const m = createSeq2Seq(shape(), createRng(1));
    const x = oneHot(5, 2, 3);
    const y = oneHot(3, 2, 4);
    tf.tidy(() => {
      seq2seqForward(m, x);
      seq2seqLoss(m, x, y);
    });
    tf.dispose([x, y]);
    disposeSeq2Seq(m);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('attention in answers', () => {
  const config: Config = { ...DEFAULT_CONFIG, largest: 20, encoderUnits: 6, decoderUnits: 5, decoder: 'attention', reverseInput: true, reverseOutput: true };
  const sums = [
    { terms: [12, 7], ops: ['+' as const], value: 19 },
    { terms: [3, 20], ops: ['+' as const], value: 23 },
  ];

  it('come [outWidth][inWidth] per sum, answer positions the right way round and input positions in reading order', async () => {
    const task = createTask(config, createRng('attention'));
    const { x } = task.inputs(sums);
    const xt = tf.tensor3d(x.values, x.shape as [number, number, number]);
    const answered = await task.answer(xt, true);
    // The same weights again (same shape, same seed), read raw: [b][t as written][i as read by the model].
    const twin = createSeq2Seq(shapeOf(config), createRng('attention'));
    const raw = seq2seqForward(twin, xt);
    const weights = raw.attention!.arraySync() as number[][][];
    const [inW, outW] = [x.shape[0], task.expected(sums[0]).length];
    expect(answered.attention).toHaveLength(2);
    sums.forEach((_, b) => {
      expect(answered.attention![b]).toHaveLength(outW);
      for (let t = 0; t < outW; t++) {
        expect(answered.attention![b][t]).toHaveLength(inW);
        for (let i = 0; i < inW; i++) expect(answered.attention![b][t][i]).toBeCloseTo(weights[b][outW - 1 - t][inW - 1 - i], 6);
      }
    });
    // Without probabilities asked for (training's evaluations), no attention is read back.
    expect((await task.answer(xt)).attention).toBeUndefined();
    tf.dispose([xt, raw.logits, raw.attention!]);
    disposeSeq2Seq(twin);
    task.dispose();
  });

  it('a RepeatVector model answers without attention', async () => {
    const task = createTask({ ...config, decoder: 'repeat' }, createRng(1));
    const { x } = task.inputs(sums);
    const xt = tf.tensor(x.values, x.shape);
    expect((await task.answer(xt, true)).attention).toBeUndefined();
    xt.dispose();
    task.dispose();
  });
});
