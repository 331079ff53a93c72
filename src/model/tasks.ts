import * as tf from '@tensorflow/tfjs';
import { inputWidth, outputWidth, type Config, type ModelKind } from '../core/config';
import { codesToString, encodeBatch, encodeInputs, modelInputString, N_SYMBOLS, toPaddedStrings } from '../core/encoding';
import { denormalise, normaliseSums, normaliseTerms, shuffledChanged } from '../core/mapping';
import { answerToNumber } from '../core/metrics';
import type { SumPairs } from '../core/problems';
import type { Rng } from '../core/random';
import { createMappingModel, mappingParameterCount } from './mapping';
import { parameterCount } from '../core/estimate';
import { createSeq2Seq, disposeSeq2Seq, seq2seqLogits, seq2seqLoss, type Seq2Seq } from './seq2seq';

/** Values and shape of a tensor still in JS memory. */
export interface Typed {
  values: Float32Array;
  shape: number[];
}

/** A model's answers to a batch: as shown (`' 61'` or `'61'`), as numbers, and per-position probabilities (seq2seq). */
export interface Answers {
  answers: string[];
  /** In original units; for seq2seq the decoded answer read as a number (NaN if unreadable). */
  values: number[];
  /** seq2seq only: `[B][outWidth][12]`. */
  probabilities?: number[][][];
}

/**
 * What the trainer needs to know about one framing of addition: how sums
 * become tensors, the loss, and how outputs become answers.
 */
export interface Task {
  kind: ModelKind;
  variables: tf.Variable[];
  parameters: number;
  /** The answer a perfect model gives for `sum` (seq2seq: padded). */
  expected(sum: number): string;
  /** Training inputs and targets for a batch of sums. */
  trainBatch(pairs: SumPairs): { x: Typed; y: Typed };
  /**
   * Inputs for answering, and what each looks like to a learner. `shuffle`
   * permutes each example's input: its terms (mapping) or characters (seq2seq).
   */
  inputs(terms: readonly number[][], shuffle?: Rng): { x: Typed; shown: string[] };
  loss(x: tf.Tensor, y: tf.Tensor): tf.Scalar;
  answer(x: tf.Tensor, withProbabilities?: boolean): Promise<Answers>;
  dispose(): void;
}

/** Builds the model the config names, with seeded weights. */
export function createTask(config: Config, rng: Rng): Task {
  return config.model === 'seq2seq' ? seq2seqTask(config, rng) : mappingTask(config, rng);
}

function seq2seqTask(config: Config, rng: Rng): Task {
  const inW = inputWidth(config);
  const outW = outputWidth(config);
  const model: Seq2Seq = createSeq2Seq(
    { inWidth: inW, outWidth: outW, encoderUnits: config.encoderUnits, decoderUnits: config.decoderUnits, cell: config.cell },
    rng,
  );
  return {
    kind: 'seq2seq',
    variables: model.variables,
    parameters: parameterCount(model.shape),
    expected: (sum) => String(sum).padStart(outW, ' '),
    trainBatch(pairs) {
      const enc = encodeBatch(pairs, config, config.reverseInput);
      return {
        x: { values: enc.x, shape: [inW, enc.batch, N_SYMBOLS] },
        y: { values: enc.y, shape: [outW, enc.batch, N_SYMBOLS] },
      };
    },
    inputs(terms, shuffle) {
      const shown = terms.map((t) => {
        const padded = toPaddedStrings(t, 0, config).input;
        return shuffle ? shuffledChanged([...padded], shuffle).join('') : padded;
      });
      const seen = shown.map((s) => modelInputString(s, config.reverseInput));
      return { x: { values: encodeInputs(seen, inW), shape: [inW, terms.length, N_SYMBOLS] }, shown };
    },
    loss: (x, y) => seq2seqLoss(model, x as tf.Tensor3D, y as tf.Tensor3D),
    async answer(x, withProbabilities = false) {
      const batch = x.shape[1]!;
      const [probsT, codesT] = tf.tidy(() => {
        const logits = seq2seqLogits(model, x as tf.Tensor3D);
        return [withProbabilities ? tf.softmax(logits) : undefined, tf.argMax(logits, 1)];
      });
      const codes = await codesT!.data();
      const probs = probsT ? await probsT.data() : undefined;
      tf.dispose([probsT, codesT].filter((t): t is tf.Tensor => t !== undefined));
      const answers = Array.from({ length: batch }, (_, b) => codesToString(Array.from({ length: outW }, (_, t) => codes[t * batch + b])));
      const probabilities = probs
        ? answers.map((_, b) =>
            Array.from({ length: outW }, (_, t) => Array.from(probs.subarray((t * batch + b) * N_SYMBOLS, (t * batch + b + 1) * N_SYMBOLS))),
          )
        : undefined;
      return { answers, values: answers.map(answerToNumber), probabilities };
    },
    dispose: () => disposeSeq2Seq(model),
  };
}

function mappingTask(config: Config, rng: Rng): Task {
  const kind = config.model as Exclude<ModelKind, 'seq2seq'>;
  const model = createMappingModel(kind, config.nNumbers, rng);
  const n = config.nNumbers;
  return {
    kind,
    variables: model.variables,
    parameters: mappingParameterCount(model),
    expected: (sum) => String(sum),
    trainBatch(pairs) {
      return {
        x: { values: normaliseTerms(pairs.terms, config), shape: [pairs.terms.length, n] },
        y: { values: normaliseSums(pairs.sums, config), shape: [pairs.sums.length] },
      };
    },
    inputs(terms, shuffle) {
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
