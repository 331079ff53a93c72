import * as tf from '@tensorflow/tfjs';
import type { Cell, RecurrentInit } from '../core/config';
import { orthogonal, orthogonalBlocks } from '../core/orthogonal';
import type { Rng } from '../core/random';
import { gateCount, readWidth, type Seq2SeqShape } from '../core/estimate';
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
 * `TimeDistributed(Dense(symbols, softmax))`, with Act 3's options: 1–3
 * stacked encoder and decoder layers, the input read as one-hot vectors
 * (the lesson), one scaled integer per symbol, or a learned embedding, and
 * optionally Luong attention over the encoder's outputs before the dense
 * layer (`decoder: 'attention'`, see `seq2seqForward`). The
 * forward pass is written by hand (one matMul for all input projections of a
 * sequence, one recurrent matMul per step for all gates, the repeated decoder
 * input projected once), which computes exactly what the `tf.layers` model
 * computes with a fraction of the kernels.
 */
export interface Seq2Seq {
  shape: Seq2SeqShape;
  /** Encoder layers, first (reading the input) to last (whose final state is repeated). */
  encoders: RecurrentWeights[];
  /** Decoder layers, first (reading the repeated vector) to last (read by the dense layer). */
  decoders: RecurrentWeights[];
  dense: { kernel: tf.Variable; bias: tf.Variable };
  /**
   * Attention decoder only (Luong "general", after the last decoder layer, no input feeding):
   * `score [decoderUnits, encoderUnits]` (Wa) and `combine [encoderUnits + decoderUnits, decoderUnits]` (Wc).
   */
  attention?: { score: tf.Variable; combine: tf.Variable };
  /** Embedding: a learned `[symbols, embeddingSize]` table. */
  embedding?: tf.Variable;
  /** Integer encoding: the fixed column `[symbols, 1]` of each code scaled to [0, 1]. */
  codeColumn?: tf.Tensor2D;
  /** Every trainable variable, in a fixed order: encoder layers, decoder layers, dense, embedding, attention. */
  variables: tf.Variable[];
}

function checkShape(s: Seq2SeqShape): void {
  for (const key of ['inWidth', 'outWidth', 'symbols', 'encoderUnits', 'decoderUnits', 'encoderLayers', 'decoderLayers', 'embeddingSize'] as const) {
    const v = s[key];
    if (!Number.isInteger(v) || v < 1) throw new Error(`Expected ${key} to be a positive integer, got ${v}`);
  }
  if (!['lstm', 'gru', 'simpleRnn'].includes(s.cell)) throw new Error(`Unknown cell '${s.cell}'`);
  if (!['onehot', 'integer', 'embedding'].includes(s.encoding)) throw new Error(`Unknown encoding '${s.encoding}'`);
  if (!['repeat', 'attention'].includes(s.decoder)) throw new Error(`Unknown decoder '${s.decoder}'`);
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

/**
 * A recurrent layer's weights: the input kernel Glorot-uniform over the fused
 * shape (as Keras initialises a fused gate kernel), the recurrent kernel
 * Glorot-uniform too or, with `init: 'orthogonal'`, orthogonal over the fused
 * `[H, G·H]` shape as Keras' default (its rows orthonormal), or with
 * `'orthogonal-gates'` each gate's `[H, H]` block orthogonal. All take the same
 * draws from `rng` (`normals`), so the layers after start the same either way.
 */
export function recurrentLayer(rng: Rng, cell: Cell, input: number, units: number, name: string, init: RecurrentInit = 'glorot'): RecurrentWeights {
  const g = gateCount(cell);
  const kernel = owned(glorot(rng, input, g * units), `${name}/kernel`);
  const recurrentStart = {
    glorot: () => glorot(rng, units, g * units),
    orthogonal: () => tf.tensor2d(orthogonal(rng, units, g * units), [units, g * units]),
    'orthogonal-gates': () => tf.tensor2d(orthogonalBlocks(rng, units, g), [units, g * units]),
  }[init]();
  const recurrent = owned(recurrentStart, `${name}/recurrent`);
  const biasValues = new Float32Array(g * units);
  if (cell === 'lstm') biasValues.fill(1, units, 2 * units); // unit forget bias, as Keras
  const bias = owned(tf.tensor1d(biasValues), `${name}/bias`);
  return { kernel, recurrent, bias };
}

/** Builds a model with seeded Glorot-uniform weights; with `recurrentInit: 'orthogonal'`, orthogonal recurrent kernels. */
export function createSeq2Seq(shape: Seq2SeqShape, rng: Rng, recurrentInit: RecurrentInit = 'glorot'): Seq2Seq {
  checkShape(shape);
  newModelScope();
  const { cell, encoderUnits, decoderUnits, symbols } = shape;
  const encoders: RecurrentWeights[] = [];
  for (let k = 0; k < shape.encoderLayers; k++) {
    encoders.push(recurrentLayer(rng, cell, k === 0 ? readWidth(shape) : encoderUnits, encoderUnits, k === 0 ? 'encoder' : `encoder${k + 1}`, recurrentInit));
  }
  const decoders: RecurrentWeights[] = [];
  for (let k = 0; k < shape.decoderLayers; k++) {
    decoders.push(recurrentLayer(rng, cell, k === 0 ? encoderUnits : decoderUnits, decoderUnits, k === 0 ? 'decoder' : `decoder${k + 1}`, recurrentInit));
  }
  const dense = {
    kernel: owned(glorot(rng, decoderUnits, symbols), 'dense/kernel'),
    bias: owned(tf.zeros([symbols]), 'dense/bias'),
  };
  // Drawn last, so a one-hot model's weights do not depend on it.
  const embedding = shape.encoding === 'embedding' ? owned(embeddingTable(rng, symbols, shape.embeddingSize), 'embedding') : undefined;
  const codeColumn =
    shape.encoding === 'integer' ? tf.tensor2d(Float32Array.from({ length: symbols }, (_, k) => k / Math.max(1, symbols - 1)), [symbols, 1]) : undefined;
  // Drawn after everything else, so a RepeatVector model of the same seed starts from the same weights.
  const attention = shape.decoder === 'attention'
    ? {
        score: owned(glorot(rng, decoderUnits, encoderUnits), 'attention/score'),
        combine: owned(glorot(rng, encoderUnits + decoderUnits, decoderUnits), 'attention/combine'),
      }
    : undefined;
  const variables = [
    ...encoders.flatMap((l) => [l.kernel, l.recurrent, l.bias]),
    ...decoders.flatMap((l) => [l.kernel, l.recurrent, l.bias]),
    dense.kernel, dense.bias,
    ...(embedding ? [embedding] : []),
    ...(attention ? [attention.score, attention.combine] : []),
  ];
  return { shape: { ...shape }, encoders, decoders, dense, attention, embedding, codeColumn, variables };
}

/** An embedding table initialised uniform in ±0.05, as Keras' `Embedding` does. */
function embeddingTable(rng: Rng, symbols: number, size: number): tf.Tensor2D {
  const values = new Float32Array(symbols * size);
  for (let i = 0; i < values.length; i++) values[i] = (rng.next() * 2 - 1) * 0.05;
  return tf.tensor2d(values, [symbols, size]);
}

/** Frees every variable of the model. */
export function disposeSeq2Seq(m: Seq2Seq): void {
  for (const v of m.variables) v.dispose();
  m.codeColumn?.dispose();
}

/**
 * What the first encoder layer reads for a one-hot batch `[T * B, symbols]`:
 * the one-hot rows themselves, each code as one scaled number `[T * B, 1]`, or
 * each code's learned vector `[T * B, embeddingSize]` (a one-hot row times the
 * table is a look-up of the code's row).
 */
export function encodedInputs(m: Seq2Seq, flat: tf.Tensor2D): tf.Tensor2D {
  if (m.embedding) return tf.matMul(flat, m.embedding as tf.Tensor2D);
  if (m.codeColumn) return tf.matMul(flat, m.codeColumn);
  return flat;
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

/** What a forward pass computes: logits, and with an attention decoder the attention weights. */
export interface Seq2SeqOutput {
  /** Time-major and flattened: `[outWidth * B, symbols]`. */
  logits: tf.Tensor2D;
  /** Attention decoder only: `[B, outWidth, inWidth]`, each answer position's weights over the input positions (in model order), summing to 1. */
  attention?: tf.Tensor3D;
}

/**
 * Forward pass. `x` is one-hot, time-major `[inWidth, B, symbols]`.
 *
 * With `decoder: 'attention'` the last encoder layer keeps every step's output
 * `E [inWidth, B, He]` (its last step is still what the decoder is fed), and
 * after the last decoder layer, whose states are `S [outWidth, B, Hd]`, Luong's
 * global attention with the "general" score (no input feeding, so nothing is
 * added inside the recurrence) runs over all positions at once:
 * `score = S·Wa·Eᵀ`, `α = softmax over input positions`, `context = α·E`,
 * `h̃ = tanh([context; S]·Wc)`, and the dense softmax reads `h̃` instead of `S`.
 */
export function seq2seqForward(m: Seq2Seq, x: tf.Tensor3D): Seq2SeqOutput {
  const { inWidth, outWidth, symbols, encoderUnits, decoderUnits, cell } = m.shape;
  const [steps, batch] = x.shape;
  if (steps !== inWidth || x.shape[2] !== symbols) {
    throw new Error(`Expected input of shape [${inWidth}, batch, ${symbols}], got [${x.shape}]`);
  }
  const g = gateCount(cell);
  const attends = m.attention !== undefined;
  // Encoder: each layer's input projections in one matMul, then one recurrent matMul per step.
  let seq: tf.Tensor2D = encodedInputs(m, tf.reshape(x, [steps * batch, symbols]) as tf.Tensor2D);
  let last!: tf.Tensor2D;
  let outputs: tf.Tensor3D | undefined; // [inWidth, B, He]: the last encoder layer's every output (attention only)
  m.encoders.forEach((layer, k) => {
    const final = k === m.encoders.length - 1;
    const projSeq = tf.reshape(tf.add(tf.matMul(seq, layer.kernel), layer.bias), [steps, batch, g * encoderUnits]);
    const sequences = !final || attends;
    if (cell === 'lstm') {
      const out = lstmLayer(projSeq, layer.recurrent, steps, sequences);
      if (!final) seq = tf.reshape(out, [steps * batch, encoderUnits]) as tf.Tensor2D;
      else if (attends) {
        outputs = out as tf.Tensor3D;
        last = tf.reshape(tf.slice(out, [steps - 1, 0, 0], [1, batch, encoderUnits]), [batch, encoderUnits]) as tf.Tensor2D;
      } else last = out as tf.Tensor2D;
    } else {
      const projSteps = tf.unstack(projSeq) as tf.Tensor2D[];
      const hs = runLayer(cell, layer, (t) => projSteps[t], steps, encoderUnits);
      if (final) {
        last = hs.at(-1)!;
        if (attends) outputs = tf.stack(hs) as tf.Tensor3D;
      } else seq = tf.concat(hs, 0);
    }
  });
  // RepeatVector: the first decoder layer sees the same input at every step, so project it once.
  let hs!: tf.Tensor2D; // [outWidth * B, decoderUnits], time-major
  m.decoders.forEach((layer, k) => {
    const input = k === 0
      ? (tf.add(tf.matMul(last, layer.kernel), layer.bias) as tf.Tensor2D)
      : tf.reshape(tf.add(tf.matMul(hs, layer.kernel), layer.bias), [outWidth, batch, g * decoderUnits]);
    if (cell === 'lstm') {
      hs = tf.reshape(lstmLayer(input, layer.recurrent, outWidth, true), [outWidth * batch, decoderUnits]) as tf.Tensor2D;
    } else {
      const steps3 = k === 0 ? undefined : (tf.unstack(input) as tf.Tensor2D[]);
      hs = tf.concat(runLayer(cell, layer, (t) => (steps3 ? steps3[t] : (input as tf.Tensor2D)), outWidth, decoderUnits), 0);
    }
  });
  let attention: tf.Tensor3D | undefined;
  if (m.attention && outputs) {
    // Batch-major for the batched products: E [B, inWidth, He], S·Wa [B, outWidth, He].
    const enc = tf.transpose(outputs, [1, 0, 2]) as tf.Tensor3D;
    const keyed = tf.transpose(tf.reshape(tf.matMul(hs, m.attention.score), [outWidth, batch, encoderUnits]), [1, 0, 2]) as tf.Tensor3D;
    attention = tf.softmax(tf.matMul(keyed, enc, false, true)) as tf.Tensor3D; // [B, outWidth, inWidth]
    const context = tf.reshape(tf.transpose(tf.matMul(attention, enc), [1, 0, 2]), [outWidth * batch, encoderUnits]);
    hs = tf.tanh(tf.matMul(tf.concat([context, hs], 1), m.attention.combine)) as tf.Tensor2D;
  }
  // TimeDistributed(Dense): one matMul over all steps.
  const logits = tf.add(tf.matMul(hs, m.dense.kernel), m.dense.bias) as tf.Tensor2D;
  return attention ? { logits, attention } : { logits };
}

/** The logits of a forward pass, time-major and flattened: `[outWidth * B, symbols]`. */
export function seq2seqLogits(m: Seq2Seq, x: tf.Tensor3D): tf.Tensor2D {
  return seq2seqForward(m, x).logits;
}

/**
 * Mean categorical cross-entropy of a batch; `y` one-hot `[outWidth, B, symbols]`, its targets smoothed by
 * `labelSmoothing` (0: none), each answer position (model order) weighted by `positionWeights` (absent: all 1).
 */
export function seq2seqLoss(m: Seq2Seq, x: tf.Tensor3D, y: tf.Tensor3D, labelSmoothing = 0, positionWeights?: readonly number[]): tf.Scalar {
  const logits = seq2seqLogits(m, x);
  const labels = tf.reshape(y, logits.shape);
  if (!positionWeights || positionWeights.every((w) => w === 1)) return tf.losses.softmaxCrossEntropy(labels, logits, undefined, labelSmoothing) as tf.Scalar;
  // One weight per row (answer position-major, as `y`), the mean taken over the weights so the loss keeps its scale.
  const [outW, batch] = y.shape;
  const weights = tf.tensor1d(Float32Array.from({ length: outW * batch }, (_, r) => positionWeights[Math.floor(r / batch)]));
  const total = positionWeights.reduce((a, b) => a + b, 0) * batch;
  return tf.div(tf.losses.softmaxCrossEntropy(labels, logits, weights, labelSmoothing, tf.Reduction.SUM), total) as tf.Scalar;
}
