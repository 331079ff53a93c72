import * as tf from '@tensorflow/tfjs';
import type { Config } from '../core/config';
import { encodeBatch, encodeStrings } from '../core/encoding';
import type { Expression } from '../core/expression';
import type { ModelKind } from '../core/kinds';
import { denormalise, normaliseSums, normaliseTerms, shuffledChanged } from '../core/mapping';
import { problemSpec } from '../core/problem';
import type { Rng } from '../core/random';
import { shapeOf } from '../core/estimate';
import { createMappingModel, type MappingKind } from './mapping';
import { createSeq2Seq, disposeSeq2Seq, encodedInputs, seq2seqForward, seq2seqLoss, type Seq2Seq } from './seq2seq';

/** Values and shape of a tensor still in JS memory. */
export interface Typed {
  values: Float32Array;
  shape: number[];
}

/** A model's answers to a batch: as shown (`' 61'` or `'61'`), as numbers, and per-position probabilities (symbol models). */
export interface Answers {
  /** The answers the right way round (a reversed answer is turned back). */
  answers: string[];
  /** In original units; for a symbol model the decoded answer read as a number (NaN if unreadable). */
  values: number[];
  /** Symbol models only: `[B][outWidth][symbols]`, answer positions the right way round. */
  probabilities?: number[][][];
  /** Integer and embedding encodings: `[B][inWidth][width]`, what the first encoder layer reads at each input position. */
  inputVectors?: number[][][];
  /** Symbol models: how sure each answer is, the product of its positions' top probabilities. */
  confidence?: Float32Array;
  /**
   * Attention decoders (asked with probabilities): `[B][outWidth][inWidth]`, each answer position's
   * weights over the input positions; answer positions the right way round, input positions in
   * reading order (a reversed input is turned back), so each row lines up with the sum as written.
   */
  attention?: number[][][];
}

/**
 * What the trainer needs to know about one model kind: how expressions
 * become tensors, the loss, and how outputs become answers.
 */
export interface Task {
  kind: ModelKind;
  variables: tf.Variable[];
  parameters: number;
  /** The answer a perfect model gives (symbol models: padded). */
  expected(e: Expression): string;
  /** Training inputs and targets for a batch of expressions. */
  trainBatch(expressions: readonly Expression[]): { x: Typed; y: Typed };
  /**
   * Inputs for answering, and what each looks like to a learner. `shuffle`
   * permutes each example's input: its terms (mapping) or characters (seq2seq).
   */
  inputs(expressions: readonly Expression[], shuffle?: Rng): { x: Typed; shown: string[] };
  /** The loss of a batch; `unitsWeight` (seq2seq): the weight of the answer's units position (default 1, the same as the others). */
  loss(x: tf.Tensor, y: tf.Tensor, unitsWeight?: number): tf.Scalar;
  answer(x: tf.Tensor, withProbabilities?: boolean): Promise<Answers>;
  dispose(): void;
}

/** Builds a kind's model with seeded weights. */
export type TaskFactory = (config: Config, rng: Rng) => Task;

/** Each kind's model factory: a kind without one does not compile. */
export const TASK_FACTORIES: Record<ModelKind, TaskFactory> = {
  seq2seq: seq2seqTask,
  mappingLstm: (config, rng) => mappingTask('mappingLstm', config, rng),
  mappingMlp: (config, rng) => mappingTask('mappingMlp', config, rng),
};

/** Trainable numbers in a list of variables. */
const countParameters = (variables: readonly tf.Variable[]): number => variables.reduce((n, v) => n + v.size, 0);

/** Builds the model the config names, with seeded weights. */
export function createTask(config: Config, rng: Rng): Task {
  return TASK_FACTORIES[config.model](config, rng);
}

function seq2seqTask(config: Config, rng: Rng): Task {
  const spec = problemSpec(config);
  const shape = shapeOf(config);
  const { inWidth: inW, outWidth: outW, symbols } = shape;
  const model: Seq2Seq = createSeq2Seq(shape, rng, config.recurrentInit);
  // The answer is written right-aligned: its units are the last position, or the first when reversed; its tens next to them.
  const units = config.reverseOutput ? 0 : outW - 1;
  const tens = config.reverseOutput ? 1 : outW - 2;
  const positionWeights = (w: number) => Array.from({ length: outW }, (_, t) => (t === units ? w : t === tens ? config.tensWeight : 1));
  return {
    kind: 'seq2seq',
    variables: model.variables,
    parameters: countParameters(model.variables),
    expected: (e) => spec.answer(e.value),
    trainBatch(expressions) {
      const enc = encodeBatch(expressions, spec);
      return {
        x: { values: enc.x, shape: [inW, enc.batch, symbols] },
        y: { values: enc.y, shape: [outW, enc.batch, symbols] },
      };
    },
    inputs(expressions, shuffle) {
      const shown = expressions.map((e) => {
        const padded = spec.input(e);
        return shuffle ? shuffledChanged([...padded], shuffle).join('') : padded;
      });
      const seen = shown.map((s) => spec.toModelInput(s));
      return { x: { values: encodeStrings(seen, inW, spec), shape: [inW, expressions.length, symbols] }, shown };
    },
    loss: (x, y, unitsWeight = 1) => seq2seqLoss(model, x as tf.Tensor3D, y as tf.Tensor3D, config.labelSmoothing, positionWeights(unitsWeight)),
    async answer(x, withProbabilities = false) {
      const batch = x.shape[1]!;
      const readsVectors = withProbabilities && config.encoding !== 'onehot';
      const [probsT, codesT, readT, sureT, attentionT] = tf.tidy(() => {
        const { logits, attention } = seq2seqForward(model, x as tf.Tensor3D);
        const read = readsVectors ? encodedInputs(model, tf.reshape(x, [inW * batch, symbols]) as tf.Tensor2D) : undefined;
        const probs = tf.softmax(logits);
        // Rows are position-major (t * batch + b): the product over positions of each answer's top probability.
        const sure = tf.prod(tf.reshape(tf.max(probs, 1), [outW, batch]), 0);
        return [withProbabilities ? probs : undefined, tf.argMax(logits, 1), read, sure, withProbabilities ? attention : undefined];
      });
      const width = readT ? readT.shape[1]! : 0;
      let codes, confidence, probs, readValues, weights;
      try {
        codes = await codesT!.data();
        confidence = (await sureT!.data()) as Float32Array;
        probs = probsT ? await probsT.data() : undefined;
        readValues = readT ? await readT.data() : undefined;
        weights = attentionT ? await attentionT.data() : undefined;
      } finally {
        tf.dispose([probsT, codesT, readT, sureT, attentionT].filter((t): t is tf.Tensor => t !== undefined));
      }
      const read = Array.from({ length: batch }, (_, b) => spec.readAnswer(spec.decode(Array.from({ length: outW }, (_, t) => codes[t * batch + b]))));
      // Positions the right way round: a reversed answer's first written symbol is its last shown one.
      const position = (t: number) => (config.reverseOutput ? outW - 1 - t : t);
      const probabilities = probs
        ? read.map((_, b) =>
            Array.from({ length: outW }, (_, t) => {
              const at = (position(t) * batch + b) * symbols;
              return Array.from(probs.subarray(at, at + symbols));
            }),
          )
        : undefined;
      const inputVectors = readValues
        ? read.map((_, b) =>
            Array.from({ length: inW }, (_, t) => Array.from(readValues.subarray((t * batch + b) * width, (t * batch + b + 1) * width))),
          )
        : undefined;
      // Attention rows are batch-major ([b][t][i]); input positions in reading order: a reversed input is read last symbol first.
      const inputPosition = (i: number) => (config.reverseInput ? inW - 1 - i : i);
      const attention = weights
        ? read.map((_, b) =>
            Array.from({ length: outW }, (_, t) => {
              const at = (b * outW + position(t)) * inW;
              return Array.from({ length: inW }, (_, i) => weights[at + inputPosition(i)]);
            }),
          )
        : undefined;
      return {
        answers: read.map((r) => r.answer),
        values: read.map((r) => r.value),
        probabilities,
        confidence,
        ...(inputVectors ? { inputVectors } : {}),
        ...(attention ? { attention } : {}),
      };
    },
    dispose: () => disposeSeq2Seq(model),
  };
}

function mappingTask(kind: MappingKind, config: Config, rng: Rng): Task {
  const model = createMappingModel(kind, config.nNumbers, rng, config.recurrentInit);
  const n = config.nNumbers;
  return {
    kind,
    variables: model.variables,
    parameters: countParameters(model.variables),
    expected: (e) => String(e.value),
    trainBatch(expressions) {
      return {
        x: { values: normaliseTerms(expressions.map((e) => e.terms), config), shape: [expressions.length, n] },
        y: { values: normaliseSums(expressions.map((e) => e.value), config), shape: [expressions.length] },
      };
    },
    inputs(expressions, shuffle) {
      const terms = expressions.map((e) => e.terms);
      const seen = shuffle ? terms.map((t) => shuffledChanged(t, shuffle)) : terms.map((t) => t.slice());
      return { x: { values: normaliseTerms(seen, config), shape: [terms.length, n] }, shown: seen.map((t) => t.join('+')) };
    },
    loss: (x, y) => tf.losses.meanSquaredError(y, model.forward(x as tf.Tensor2D)) as tf.Scalar,
    async answer(x) {
      const outT = tf.tidy(() => model.forward(x as tf.Tensor2D));
      const raw = await outT.data();
      outT.dispose();
      const values = Array.from(raw, (v) => denormalise(v, config));
      return { answers: values.map((v) => String(Math.round(v))), values };
    },
    dispose: () => model.variables.forEach((v) => v.dispose()),
  };
}
