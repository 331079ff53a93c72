import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CELLS, type Cell } from '../../../src/core/config';
import { createRng } from '../../../src/core/random';
import { parameterCount, type Seq2SeqShape } from '../../../src/core/estimate';
import { createSeq2Seq, disposeSeq2Seq, seq2seqLogits, seq2seqLoss } from '../../../src/model/seq2seq';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The lesson's 12 symbols. */
const N_SYMBOLS = 12;
const shape = (cell: Cell): Seq2SeqShape => ({ inWidth: 5, outWidth: 2, symbols: N_SYMBOLS, encoderUnits: 6, decoderUnits: 4, cell });

function randomOneHot(steps: number, batch: number, seed: number): tf.Tensor3D {
  const rng = createRng(seed);
  const codes = Array.from({ length: steps * batch }, () => rng.int(0, N_SYMBOLS - 1));
  return tf.tidy(() => tf.oneHot(codes, N_SYMBOLS).reshape([steps, batch, N_SYMBOLS]).toFloat() as tf.Tensor3D);
}

/** The lesson's model in tf.layers, with our weights copied in. */
function layersTwin(m: ReturnType<typeof createSeq2Seq>): tf.Sequential {
  const { inWidth, outWidth, encoderUnits, decoderUnits, cell } = m.shape;
  const rnn = { lstm: tf.layers.lstm, gru: tf.layers.gru, simpleRnn: tf.layers.simpleRNN }[cell];
  const gates = cell === 'simpleRnn' ? {} : { recurrentActivation: 'sigmoid' as const };
  const model = tf.sequential({
    layers: [
      rnn({ units: encoderUnits, inputShape: [inWidth, N_SYMBOLS], ...gates }),
      tf.layers.repeatVector({ n: outWidth }),
      rnn({ units: decoderUnits, returnSequences: true, ...gates }),
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

  it('lstm: gradients equal those of the tf.layers model', () => {
    const m = createSeq2Seq(shape('lstm'), createRng(5));
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
    expect(Array.from(a.encoder.kernel.dataSync())).toEqual(Array.from(b.encoder.kernel.dataSync()));
    expect(Array.from(a.encoder.kernel.dataSync())).not.toEqual(Array.from(c.encoder.kernel.dataSync()));
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
