import * as tf from '@tensorflow/tfjs';
import type { Cell } from '../core/config';
import type { Rng } from '../core/random';
import { gateCount, type Seq2SeqShape } from '../core/estimate';
import { lstmLayer } from './lstm';

/** One recurrent layer's weights, gates fused: `kernel [in, G*H]`, `recurrent [H, G*H]`, `bias [G*H]`. */
export interface RecurrentWeights {
  kernel: tf.Variable;
  recurrent: tf.Variable;
  bias: tf.Variable;
}

/**
 * The lesson's encoder–decoder, as plain weights:
 * `LSTM(enc)` → `RepeatVector(outWidth)` → `LSTM(dec, return_sequences)` →
 * `TimeDistributed(Dense(symbols, softmax))`. The forward pass is written by hand
 * (one matMul for all input projections of a sequence, one recurrent matMul
 * per step for all gates, the repeated decoder input projected once), which
 * computes exactly what the `tf.layers` model computes with a fraction of the
 * kernels.
 */
export interface Seq2Seq {
  shape: Seq2SeqShape;
  encoder: RecurrentWeights;
  decoder: RecurrentWeights;
  dense: { kernel: tf.Variable; bias: tf.Variable };
  /** Every trainable variable, in a fixed order. */
  variables: tf.Variable[];
}

function checkShape(s: Seq2SeqShape): void {
  for (const key of ['inWidth', 'outWidth', 'symbols', 'encoderUnits', 'decoderUnits'] as const) {
    const v = s[key];
    if (!Number.isInteger(v) || v < 1) throw new Error(`Expected ${key} to be a positive integer, got ${v}`);
  }
  if (!['lstm', 'gru', 'simpleRnn'].includes(s.cell)) throw new Error(`Unknown cell '${s.cell}'`);
}

/** Glorot-uniform values from the seeded generator, so the same seed gives the same start on every backend. */
export function glorot(rng: Rng, rows: number, cols: number): tf.Tensor2D {
  const limit = Math.sqrt(6 / (rows + cols));
  const values = new Float32Array(rows * cols);
  for (let i = 0; i < values.length; i++) values[i] = (rng.next() * 2 - 1) * limit;
  return tf.tensor2d(values, [rows, cols]);
}

let modelCount = 0;

/** Starts a new variable-name scope: tfjs wants variable names unique across live models. */
export function newModelScope(): void {
  modelCount++;
}

/** A trainable variable made from `initial`, which is then freed. Names are unique per model (tfjs requires it). */
export function owned(initial: tf.Tensor, name: string): tf.Variable {
  const v = tf.variable(initial, true, `carry${modelCount}/${name}`);
  initial.dispose();
  return v;
}

export function recurrentLayer(rng: Rng, cell: Cell, input: number, units: number, name: string): RecurrentWeights {
  const g = gateCount(cell);
  // Glorot over the fused shape, as Keras initialises a fused gate kernel.
  const kernel = owned(glorot(rng, input, g * units), `${name}/kernel`);
  const recurrent = owned(glorot(rng, units, g * units), `${name}/recurrent`);
  const biasValues = new Float32Array(g * units);
  if (cell === 'lstm') biasValues.fill(1, units, 2 * units); // unit forget bias, as Keras
  const bias = owned(tf.tensor1d(biasValues), `${name}/bias`);
  return { kernel, recurrent, bias };
}

/** Builds a model with seeded Glorot-uniform weights (fast; no orthogonal QR). */
export function createSeq2Seq(shape: Seq2SeqShape, rng: Rng): Seq2Seq {
  checkShape(shape);
  newModelScope();
  const encoder = recurrentLayer(rng, shape.cell, shape.symbols, shape.encoderUnits, 'encoder');
  const decoder = recurrentLayer(rng, shape.cell, shape.encoderUnits, shape.decoderUnits, 'decoder');
  const dense = {
    kernel: owned(glorot(rng, shape.decoderUnits, shape.symbols), 'dense/kernel'),
    bias: owned(tf.zeros([shape.symbols]), 'dense/bias'),
  };
  const variables = [
    encoder.kernel, encoder.recurrent, encoder.bias,
    decoder.kernel, decoder.recurrent, decoder.bias,
    dense.kernel, dense.bias,
  ];
  return { shape: { ...shape }, encoder, decoder, dense, variables };
}

/** Frees every variable of the model. */
export function disposeSeq2Seq(m: Seq2Seq): void {
  for (const v of m.variables) v.dispose();
}

/**
 * A GRU or SimpleRNN layer over precomputed input projections (LSTM layers
 * run as one op with hand-written gradients: see `lstm.ts`).
 * `xs[t]` is `[B, G*H]` (input times kernel plus bias); returns each step's `h` `[B, H]`.
 * A zero initial state is handled without multiplying by zeros.
 */
function runLayer(cell: Cell, w: RecurrentWeights, xs: (t: number) => tf.Tensor2D, steps: number, units: number): tf.Tensor2D[] {
  const hs: tf.Tensor2D[] = [];
  let h: tf.Tensor2D | undefined;
  if (cell === 'gru') {
    const uzr = tf.slice(w.recurrent, [0, 0], [units, 2 * units]);
    const uh = tf.slice(w.recurrent, [0, 2 * units], [units, units]);
    for (let t = 0; t < steps; t++) {
      const [xz, xr, xh] = tf.split(xs(t), 3, 1) as tf.Tensor2D[];
      if (!h) {
        const zg = tf.sigmoid(xz);
        h = tf.mul(tf.sub(1, zg), tf.tanh(xh));
      } else {
        const [rz, rr] = tf.split(tf.matMul(h, uzr), 2, 1) as tf.Tensor2D[];
        const zg = tf.sigmoid(tf.add(xz, rz));
        const r = tf.sigmoid(tf.add(xr, rr));
        const hh = tf.tanh(tf.add(xh, tf.matMul(tf.mul(r, h), uh)));
        h = tf.add(tf.mul(zg, h), tf.mul(tf.sub(1, zg), hh));
      }
      hs.push(h);
    }
  } else {
    for (let t = 0; t < steps; t++) {
      h = tf.tanh(h ? tf.add(xs(t), tf.matMul(h, w.recurrent)) : xs(t));
      hs.push(h);
    }
  }
  return hs;
}

/**
 * Forward pass. `x` is one-hot, time-major `[inWidth, B, symbols]`.
 * Returns logits, time-major and flattened: `[outWidth * B, symbols]`.
 */
export function seq2seqLogits(m: Seq2Seq, x: tf.Tensor3D): tf.Tensor2D {
  const { inWidth, outWidth, symbols, encoderUnits, decoderUnits, cell } = m.shape;
  const [steps, batch] = x.shape;
  if (steps !== inWidth || x.shape[2] !== symbols) {
    throw new Error(`Expected input of shape [${inWidth}, batch, ${symbols}], got [${x.shape}]`);
  }
  const g = gateCount(cell);
  // Encoder: all input projections in one matMul, then one recurrent matMul per step.
  const proj = tf.add(tf.matMul(tf.reshape(x, [steps * batch, symbols]), m.encoder.kernel), m.encoder.bias);
  const projSeq = tf.reshape(proj, [steps, batch, g * encoderUnits]);
  let last: tf.Tensor2D;
  if (cell === 'lstm') {
    last = lstmLayer(projSeq, m.encoder.recurrent, steps, false) as tf.Tensor2D;
  } else {
    const projSteps = tf.unstack(projSeq) as tf.Tensor2D[];
    last = runLayer(cell, m.encoder, (t) => projSteps[t], steps, encoderUnits).at(-1)!;
  }
  // RepeatVector: the decoder sees the same input at every step, so project it once.
  const decIn = tf.add(tf.matMul(last, m.decoder.kernel), m.decoder.bias) as tf.Tensor2D;
  // TimeDistributed(Dense): one matMul over all steps.
  const hs = cell === 'lstm'
    ? tf.reshape(lstmLayer(decIn, m.decoder.recurrent, outWidth, true), [outWidth * batch, decoderUnits])
    : tf.concat(runLayer(cell, m.decoder, () => decIn, outWidth, decoderUnits), 0);
  return tf.add(tf.matMul(hs, m.dense.kernel), m.dense.bias) as tf.Tensor2D;
}

/** Mean categorical cross-entropy of a batch; `y` one-hot `[outWidth, B, symbols]`. */
export function seq2seqLoss(m: Seq2Seq, x: tf.Tensor3D, y: tf.Tensor3D): tf.Scalar {
  const logits = seq2seqLogits(m, x);
  const labels = tf.reshape(y, logits.shape);
  return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
}
