import * as tf from '@tensorflow/tfjs';
import { inputWidth, outputWidth, type Config } from '../core/config';
import { codesToString, encodeBatch, encodeInputs, modelInputString, N_SYMBOLS, toPaddedStrings } from '../core/encoding';
import { exactMatch, perSymbolAccuracy } from '../core/metrics';
import { randomSumPairs } from '../core/problems';
import { createRng } from '../core/random';
import { createSeq2Seq, disposeSeq2Seq, seq2seqLogits, seq2seqLoss, type Seq2Seq } from './seq2seq';

/** Loss of one training batch. */
export interface BatchPoint {
  /** 1-based count of batches trained so far. */
  step: number;
  /** Examples seen so far, this batch included. */
  examples: number;
  loss: number;
}

/** One held-out sum as the model answered it. */
export interface PredictionRow {
  /** The padded input in reading order, e.g. `' 3+10'`. */
  input: string;
  expected: string;
  predicted: string;
  correct: boolean;
}

/** What the trainer knows after each epoch. Accuracies are in [0, 1], on the held-out sums. */
export interface EpochReport {
  epoch: number;
  examples: number;
  /** Training time so far, pauses excluded, in seconds. */
  seconds: number;
  /** Mean training loss (cross-entropy) over the epoch's batches. */
  loss: number;
  perSymbolAccuracy: number;
  exactMatch: number;
  /** Training throughput over this epoch. */
  examplesPerSecond: number;
  /** The first held-out sums with the model's answers. */
  table: PredictionRow[];
}

/** Why a run ended. */
export type StopReason = 'completed' | 'stopped' | 'target' | 'time' | 'diverged';

/** The end of a run. `seconds` counts training time only. */
export interface RunSummary {
  reason: StopReason;
  seconds: number;
  examples: number;
  epochs: number;
  exactMatch: number;
  perSymbolAccuracy: number;
  loss: number;
}

/** The model's answer to one input, with each output position's probabilities. */
export interface Answer {
  answer: string;
  /** `[outWidth][12]`: probability of each symbol at each answer position. */
  probabilities: number[][];
}

export interface TrainerOptions {
  /** Fixed held-out sums scored after every epoch (default 1 000). */
  heldOutSize?: number;
  /** Rows of the prediction table (default 20). */
  tableSize?: number;
  /** End the run once held-out exact-match reaches this (0–1). */
  targetExact?: number;
  /** End the run after this much training time. */
  maxSeconds?: number;
  /** Batch losses are read back and reported at most this often (default 250 ms). */
  flushMs?: number;
  onBatch?: (points: BatchPoint[]) => void;
  onEpoch?: (report: EpochReport) => void;
}

/** Timers and channels that Node and workers both have (this layer is compiled without DOM types). */
const env = globalThis as unknown as {
  performance: { now(): number };
  setImmediate?: (f: () => void) => void;
  MessageChannel: new () => { port1: { onmessage: (() => void) | null; close(): void }; port2: { postMessage(m: unknown): void } };
};
/** Held-out exact-match at which an annealing run cuts its learning rate, and by how much. */
export const ANNEAL_AT = 0.9;
export const ANNEAL_FACTOR = 0.3;

const now = (): number => env.performance.now();

/** Lets queued messages (pause, stop, predict) run between batches. */
function yieldToEventLoop(): Promise<void> {
  const { setImmediate } = env;
  if (setImmediate) return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new env.MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Trains the seq2seq model on fresh sums, epoch after epoch, with Adam.
 * Pause, resume and stop take effect before the next batch. The same seed,
 * config and backend give the same curve.
 */
export class Trainer {
  readonly config: Config;
  readonly model: Seq2Seq;
  private readonly options: TrainerOptions;
  private readonly optimizer: tf.AdamOptimizer;
  private readonly heldOut: { x: tf.Tensor3D; inputs: string[]; expected: string[] };
  private paused = false;
  private stopped = false;
  private wake: (() => void) | undefined;
  private running = false;
  private disposed = false;

  constructor(config: Config, options: TrainerOptions = {}) {
    this.config = config;
    this.options = options;
    this.model = createSeq2Seq(
      {
        inWidth: inputWidth(config),
        outWidth: outputWidth(config),
        encoderUnits: config.encoderUnits,
        decoderUnits: config.decoderUnits,
        cell: config.cell,
      },
      createRng(`${config.seed}:init`),
    );
    this.optimizer = tf.train.adam(config.learningRate);
    const size = options.heldOutSize ?? 1000;
    const pairs = randomSumPairs(createRng(`${config.seed}:held-out`), size, config);
    const enc = encodeBatch(pairs, config, config.reverseInput);
    const strings = pairs.terms.map((t, i) => toPaddedStrings(t, pairs.sums[i], config));
    this.heldOut = {
      x: tf.tensor3d(enc.x, [enc.inWidth, size, N_SYMBOLS]),
      inputs: strings.map((s) => s.input),
      expected: strings.map((s) => s.output),
    };
  }

  /** Holds the run before its next batch. */
  pause(): void {
    this.paused = true;
  }

  /** Continues a paused run. */
  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  /** Ends the run before its next batch; `run()` then resolves with reason `stopped`. */
  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Trains until the epochs are done, a target or time limit is met, or `stop()`. */
  async run(): Promise<RunSummary> {
    if (this.running) throw new Error('This trainer is already running');
    this.running = true;
    const { config, options } = this;
    const flushMs = options.flushMs ?? 250;
    const rng = createRng(`${config.seed}:train`);
    const inW = this.model.shape.inWidth;
    const outW = this.model.shape.outWidth;
    let pausedMs = 0;
    const start = now();
    const elapsed = () => (now() - start - pausedMs) / 1000;
    let step = 0;
    let examples = 0;
    let reason: StopReason = 'completed';
    let last: EpochReport | undefined;
    const pending: { step: number; examples: number; loss: tf.Scalar }[] = [];
    let lastFlush = now();
    let epochLossSum = 0;
    let epochBatches = 0;
    let diverged = false;
    let annealed = false;

    const flush = async () => {
      if (pending.length === 0) return;
      const batch = pending.splice(0);
      const values = await Promise.all(batch.map((p) => p.loss.data()));
      batch.forEach((p) => p.loss.dispose());
      const points = batch.map((p, i) => ({ step: p.step, examples: p.examples, loss: values[i][0] }));
      for (const p of points) {
        if (!Number.isFinite(p.loss)) diverged = true;
        epochLossSum += p.loss;
        epochBatches++;
      }
      lastFlush = now();
      options.onBatch?.(points);
    };

    try {
      epochs: for (let epoch = 1; epoch <= config.epochs; epoch++) {
        const epochStart = elapsed();
        const epochExamplesStart = examples;
        epochLossSum = 0;
        epochBatches = 0;
        for (let done = 0; done < config.examplesPerEpoch; ) {
          if (this.paused && !this.stopped) {
            await flush();
            const t0 = now();
            await new Promise<void>((resolve) => (this.wake = resolve));
            this.wake = undefined;
            pausedMs += now() - t0;
          }
          if (this.stopped) {
            reason = 'stopped';
            break epochs;
          }
          const size = Math.min(config.batchSize, config.examplesPerEpoch - done);
          const enc = encodeBatch(randomSumPairs(rng, size, config), config, config.reverseInput);
          const loss = tf.tidy(() => {
            const x = tf.tensor3d(enc.x, [inW, size, N_SYMBOLS]);
            const y = tf.tensor3d(enc.y, [outW, size, N_SYMBOLS]);
            return this.optimizer.minimize(() => seq2seqLoss(this.model, x, y), true, this.model.variables)!;
          });
          done += size;
          examples += size;
          step++;
          pending.push({ step, examples, loss });
          if (now() - lastFlush >= flushMs) await flush();
          if (diverged) break;
          await yieldToEventLoop();
        }
        await flush();
        if (diverged) {
          reason = 'diverged';
          break;
        }
        const scored = await this.evaluate();
        const seconds = elapsed();
        last = {
          epoch,
          examples,
          seconds,
          loss: epochBatches ? epochLossSum / epochBatches : Number.NaN,
          perSymbolAccuracy: scored.perSymbolAccuracy,
          exactMatch: scored.exactMatch,
          examplesPerSecond: (examples - epochExamplesStart) / Math.max(seconds - epochStart, 1e-9),
          table: scored.table,
        };
        options.onEpoch?.(last);
        if (config.anneal && !annealed && last.exactMatch >= ANNEAL_AT) {
          // Adam reads its learning rate on every step; tfjs keeps the field protected.
          (this.optimizer as unknown as { learningRate: number }).learningRate = config.learningRate * ANNEAL_FACTOR;
          annealed = true;
        }
        if (options.targetExact !== undefined && last.exactMatch >= options.targetExact) {
          reason = 'target';
          break;
        }
        if (options.maxSeconds !== undefined && seconds >= options.maxSeconds) {
          reason = 'time';
          break;
        }
      }
    } finally {
      pending.forEach((p) => p.loss.dispose());
      this.running = false;
    }
    return {
      reason,
      seconds: elapsed(),
      examples,
      epochs: last?.epoch ?? 0,
      exactMatch: last?.exactMatch ?? 0,
      perSymbolAccuracy: last?.perSymbolAccuracy ?? 0,
      loss: last?.loss ?? Number.NaN,
    };
  }

  /** Scores the fixed held-out sums: exact-match, per-symbol accuracy and the first rows. */
  async evaluate(): Promise<{ exactMatch: number; perSymbolAccuracy: number; table: PredictionRow[] }> {
    const predicted = await this.predictCodes(this.heldOut.x);
    const { inputs, expected } = this.heldOut;
    const tableSize = this.options.tableSize ?? 20;
    return {
      exactMatch: exactMatch(predicted, expected),
      perSymbolAccuracy: perSymbolAccuracy(predicted, expected),
      table: inputs.slice(0, tableSize).map((input, i) => ({
        input,
        expected: expected[i],
        predicted: predicted[i],
        correct: predicted[i] === expected[i],
      })),
    };
  }

  private async predictCodes(x: tf.Tensor3D): Promise<string[]> {
    const codesT = tf.tidy(() => tf.argMax(seq2seqLogits(this.model, x), 1));
    const codes = await codesT.data();
    codesT.dispose();
    const [, batch] = x.shape;
    const outW = this.model.shape.outWidth;
    return Array.from({ length: batch }, (_, b) =>
      codesToString(Array.from({ length: outW }, (_, t) => codes[t * batch + b])),
    );
  }

  /**
   * Answers padded input strings (reading order; reversal is applied here) with
   * each answer position's probabilities.
   */
  async predict(inputs: readonly string[]): Promise<Answer[]> {
    const width = this.model.shape.inWidth;
    for (const s of inputs) {
      if (s.length !== width) throw new Error(`Expected an input of ${width} symbols, got ${JSON.stringify(s)}`);
    }
    const seen = inputs.map((s) => modelInputString(s, this.config.reverseInput));
    const probsT = tf.tidy(() => {
      const x = tf.tensor3d(encodeInputs(seen, width), [width, inputs.length, N_SYMBOLS]);
      return tf.softmax(seq2seqLogits(this.model, x));
    });
    const probs = await probsT.data();
    probsT.dispose();
    const outW = this.model.shape.outWidth;
    return inputs.map((_, b) => {
      const probabilities = Array.from({ length: outW }, (_, t) => {
        const offset = (t * inputs.length + b) * N_SYMBOLS;
        return Array.from(probs.subarray(offset, offset + N_SYMBOLS));
      });
      const answer = codesToString(probabilities.map((p) => p.indexOf(Math.max(...p))));
      return { answer, probabilities };
    });
  }

  /** Frees the model, the optimizer's slots and the held-out tensor. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stop();
    disposeSeq2Seq(this.model);
    this.optimizer.dispose();
    this.heldOut.x.dispose();
  }
}
