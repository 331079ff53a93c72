import * as tf from '@tensorflow/tfjs';
import { FlatAdam, joinFlat, splitLike } from './adam';
import type { Config } from '../core/config';
import type { Expression } from '../core/expression';
import { analyse, type HeldOutAnalysis } from '../core/analysis';
import { answerBalanced, balancesCarries, carryBalanced, carryProfile, carryStressSet } from '../core/carries';
import { formatExpression } from '../core/expression';
import { hardCandidates, hardCount, hardCycle, missed } from '../core/hardExamples';
import { LONGER_PER_CELL, longerRefusal, longerSet, scoreLonger, type LongerReport } from '../core/longer';
import { LIVE_MAP_SIDE, MAP_SIDE, mapExpressions, mapGrid, type ErrorMapData } from '../core/errorMap';
import { writesSymbols } from '../core/kinds';
import { distinct, exactMatch, perSymbolAccuracy, rmse } from '../core/metrics';
import { problemSpec, type ProblemSpec } from '../core/problem';
import { createRng } from '../core/random';
import { afterEpoch, averageDecayNow, batchSizeAt, boosting, curriculumLargest, learningRateAt, NO_CUTS, unitsWeightNow, type CutState } from '../core/schedule';
import { createTask, type Task, type Typed } from './tasks';

/** Loss of one training batch. */
export interface BatchPoint {
  /** 1-based count of batches trained so far. */
  step: number;
  /** Examples seen so far, this batch included. */
  examples: number;
  loss: number;
}

/** One held-out expression as the model answered it. */
export interface PredictionRow {
  /** The input as the model reads it: seq2seq the padded string in reading order (`' 3+10'`), mapping the terms (`'3+10'`). */
  input: string;
  expected: string;
  predicted: string;
  correct: boolean;
  /** Mapping models: the raw prediction in original units, before rounding. */
  value?: number;
}

/** What the trainer knows after each epoch. Accuracies are in [0, 1], on the held-out sums. */
export interface EpochReport {
  epoch: number;
  examples: number;
  /** Training time so far, pauses excluded, in seconds. */
  seconds: number;
  /** Mean training loss over the epoch's batches (seq2seq: cross-entropy; mapping: MSE on normalised sums). */
  loss: number;
  /** seq2seq only (null for the mapping models, which output a number, not symbols). */
  perSymbolAccuracy: number | null;
  exactMatch: number;
  /** Root mean squared error of the answers, in original units. */
  rmse: number;
  /** Training throughput over this epoch. */
  examplesPerSecond: number;
  /** How many held-out sums were scored (a quick subset until exact-match nears the goal, then all). */
  heldOut: number;
  /** The first held-out sums with the model's answers. */
  table: PredictionRow[];
  /** Symbol models: where the held-out answers go wrong (by carries, by answer position, digit confusion). */
  analysis?: HeldOutAnalysis;
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
  perSymbolAccuracy: number | null;
  rmse: number;
  loss: number;
  /** After `diverged`: the epoch whose weights were put back (0: the initial weights). */
  restoredEpoch?: number;
}

/** The model's answer to one input, with each output position's probabilities (symbol models). */
export interface Answer {
  answer: string;
  /** In original units (mapping: before rounding). */
  value: number;
  /** Symbol models: `[outWidth][symbols]`, probability of each symbol at each answer position, the right way round; mapping: empty. */
  probabilities: number[][];
  /** Integer and embedding encodings: `[inWidth][width]`, what the first encoder layer read at each input position (in model order). */
  inputVectors?: number[][];
  /** Attention decoders: `[outWidth][inWidth]`, each answer position's weights over the input symbols; answer positions the right way round, input positions in reading order. */
  attention?: number[][];
}

/** Weights and progress at the end of an epoch, to resume from after a crash. */
export interface Checkpoint {
  epoch: number;
  examples: number;
  step: number;
  /** Training seconds up to this checkpoint. */
  seconds: number;
  /** One array per trainable variable, in the model's variable order. */
  weights: Float32Array[];
  /**
   * The learning-rate cuts made so far (none when absent). Adam's moments are not kept: a resumed run starts them afresh.
   * Nor is the weight average (`averageDecay`): `weights` are the trained ones, and a resumed run averages afresh from them.
   */
  cuts?: CutState;
}

/** The carry stress set as the model answered it. */
export interface StressReport {
  exactMatch: number;
  rows: { sum: string; expected: string; predicted: string; correct: boolean; chain: number; carries: number }[];
}

/** Scores of one pass over the held-out sums. */
export interface Scores {
  exactMatch: number;
  perSymbolAccuracy: number | null;
  rmse: number;
}

/** The shuffle test: the same held-out sums with each input permuted. */
export interface ShuffleReport {
  original: Scores;
  shuffled: Scores;
  /** Share of answers that changed when the input was shuffled. */
  changed: number;
  rows: { input: string; shuffledInput: string; expected: string; before: string; after: string }[];
}

export interface TrainerOptions {
  /** Fixed held-out sums scored after every epoch (default 1 000). */
  heldOutSize?: number;
  /** Rows of the prediction table (default 20). */
  tableSize?: number;
  /** End the run once held-out exact-match reaches this (0–1); default: the config's `stopAtExact`. */
  targetExact?: number;
  /** End the run after this much training time. */
  maxSeconds?: number;
  /** Batch losses are read back and reported at most this often (default 250 ms). */
  flushMs?: number;
  onBatch?: (points: BatchPoint[]) => void;
  onEpoch?: (report: EpochReport) => void;
  /** Called when a requested pause has taken effect (every earlier point and epoch already reported). */
  onPaused?: () => void;
  /** Called after an epoch with a copy of the weights, at most every `checkpointSeconds`. */
  onCheckpoint?: (checkpoint: Checkpoint) => void;
  /** Least time between checkpoints (default 2 s of training). */
  checkpointSeconds?: number;
  /** Start from a checkpoint instead of fresh weights (Adam's moments start afresh). */
  resume?: Checkpoint;
  /** Analyse the held-out answers each epoch (by carries, by position, digit confusion); default true. */
  analyse?: boolean;
  /** The clock training time is measured with, in milliseconds (default `performance.now`; tests inject their own). */
  now?: () => number;
}

/** Timers and channels that Node and workers both have (this layer is compiled without DOM types). */
const env = globalThis as unknown as {
  performance: { now(): number };
  setImmediate?: (f: () => void) => void;
  MessageChannel: new () => { port1: { onmessage: (() => void) | null; close(): void }; port2: { postMessage(m: unknown): void } };
};
/** Held-out sums scored after each epoch while the model is far from the goal, and the exact-match that ends that. */
export const QUICK_HELD_OUT = 200;
/** Sums of the error map answered at a time between training batches. */
export const MAP_SLICE = 1000;
export const QUICK_UNTIL = 0.9;

const performanceNow = (): number => env.performance.now();

/** A tensor from typed values. */
function toTensor(t: Typed): tf.Tensor {
  return tf.tensor(t.values, t.shape);
}

/** Inputs to answer once each (`x`), and which of them each of the original rows is (`of`). */
interface DistinctInputs {
  x: tf.Tensor;
  of: Int32Array;
}


/**
 * Gradients scaled together so their global norm (the length of all of them
 * as one vector) is at most `clip`; shorter ones are returned as they are
 * (× 1). Stays on the backend: nothing is read back.
 */
export function clipByGlobalNorm(grads: tf.Tensor[], clip: number): tf.Tensor[] {
  return tf.tidy(() => {
    const norm = tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g)))));
    // min(1, clip / norm), without a division by zero.
    const scale = tf.div(clip, tf.maximum(norm, clip));
    return grads.map((g) => tf.mul(g, scale));
  });
}

/** Lets queued messages (pause, stop, predict) run between batches. */
export function yieldToEventLoop(): Promise<void> {
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
  readonly task: Task;
  /** The problem this model learns, and how it reads and writes it. */
  readonly spec: ProblemSpec;
  private readonly options: TrainerOptions;
  private readonly optimizer: FlatAdam;
  private readonly heldOut: { expressions: Expression[]; x: tf.Tensor; shown: string[]; expected: string[] };
  /** The held-out sums' distinct inputs, each answered once when they are scored. */
  private readonly scoring: DistinctInputs;
  /** The first QUICK_HELD_OUT held-out sums, scored alone while the model is far from the goal. */
  private readonly quick: (DistinctInputs & { size: number }) | undefined;
  private scoreAll = false;
  private paused = false;
  /** Batches granted by `step()` while paused (infinite: to the end of the epoch). */
  private steps = 0;
  private stopped = false;
  private wake: (() => void) | undefined;
  private running = false;
  private disposed = false;
  private disposeAfterRun = false;
  /** Settles when no experiment holds the model; training awaits it before each batch. */
  private hold: Promise<void> = Promise.resolve();
  /** Milliseconds per held-out sum answered, measured at the last evaluation (0 before any). */
  private msPerAnswer = 0;
  /** Copies of the weights at the end of the last good epoch, put back if the loss turns NaN or infinite. */
  private lastGood: tf.Tensor[] = [];
  /** Weight averaging (`averageDecay`): the running average of every variable, joined into one vector as FlatAdam's moments are, and how many batches it has seen. */
  private average: tf.Variable | undefined;
  private averaged = 0;
  /** `lengthsFrom`: training terms are length-balanced this epoch (the best held-out score has reached it). */
  private lengthsNow = false;
  /** Training sums are answer-balanced this epoch (`answersFrom` reached). */
  private answersNow = false;

  constructor(config: Config, options: TrainerOptions = {}) {
    this.config = config;
    this.options = options;
    this.spec = problemSpec(config);
    // A resumed model's weights are overwritten at once: it skips orthogonal init's QR (about 1 s for 512 units).
    this.task = createTask(options.resume ? { ...config, recurrentInit: 'glorot' } : config, createRng(`${config.seed}:init`));
    // Adam (over all weights as one vector, stepping as tfjs's own) with tfjs's defaults unless the recipe says otherwise (epsilon 0: the backend's); the schedule sets the rate before every batch.
    this.optimizer = new FlatAdam(config.learningRate, config.adamBeta1, config.adamBeta2, config.adamEpsilon > 0 ? config.adamEpsilon : undefined);
    const size = options.heldOutSize ?? 1000;
    const expressions = this.spec.generate(createRng(`${config.seed}:held-out`), size);
    const { x, shown } = this.task.inputs(expressions);
    this.heldOut = { expressions, x: toTensor(x), shown, expected: expressions.map((e) => this.task.expected(e)) };
    this.scoring = this.distinctInputs(expressions, shown);
    this.quick = size > QUICK_HELD_OUT ? { ...this.distinctInputs(expressions.slice(0, QUICK_HELD_OUT), shown.slice(0, QUICK_HELD_OUT)), size: QUICK_HELD_OUT } : undefined;
    if (options.resume) {
      try {
        this.loadWeights(options.resume.weights);
      } catch (err) {
        this.dispose();
        throw err;
      }
    }
  }

  /** The distinct inputs of `expressions` (by what the model reads, `shown`) as one tensor, and which one each expression is. */
  private distinctInputs(expressions: readonly Expression[], shown: readonly string[]): DistinctInputs {
    const { keep, of } = distinct(shown);
    return { x: toTensor(this.task.inputs(keep.map((i) => expressions[i])).x), of };
  }

  /** Puts saved weights into the model; refuses weights of another shape. */
  private loadWeights(weights: Float32Array[]): void {
    const vars = this.task.variables;
    if (weights.length !== vars.length || weights.some((w, i) => w.length !== vars[i].size)) {
      throw new Error('The checkpoint does not fit this model: its weights have other shapes.');
    }
    vars.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(weights[i], v.shape))));
  }

  /** Holds the run before its next batch. */
  pause(): void {
    this.paused = true;
  }

  /** Continues a paused run. */
  resume(): void {
    this.paused = false;
    this.steps = 0;
    this.wake?.();
  }

  /**
   * While paused: trains one more batch (or, with `epoch`, on to the end of
   * the current epoch, scored as usual) and pauses again, reporting as it goes.
   */
  step(epoch = false): void {
    if (!this.paused || this.stopped) return;
    this.steps = epoch ? Number.POSITIVE_INFINITY : 1;
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

  /** True while `run()` is training. */
  get isRunning(): boolean {
    return this.running;
  }

  /** The learning rate Adam steps with now (the schedule's, after any cuts). */
  get learningRate(): number {
    return this.optimizer.learningRate;
  }

  /** Trains until the epochs are done, a target or time limit is met, or `stop()`. */
  async run(): Promise<RunSummary> {
    if (this.running) throw new Error('This trainer is already running');
    this.running = true;
    const { config, options } = this;
    const flushMs = options.flushMs ?? 250;
    // The caller's target wins; else the learner's "stop at exact-match" (0: train every epoch).
    const target = options.targetExact ?? (config.stopAtExact > 0 ? config.stopAtExact / 100 : undefined);
    const now = options.now ?? performanceNow;
    const resume = options.resume;
    let pausedMs = 0;
    const start = now();
    const elapsed = () => (resume?.seconds ?? 0) + (now() - start - pausedMs) / 1000;
    let step = resume?.step ?? 0;
    let examples = resume?.examples ?? 0;
    let lastCheckpoint = resume?.seconds ?? 0;
    let reason: StopReason = 'completed';
    let last: EpochReport | undefined;
    const pending: { step: number; examples: number; loss: tf.Scalar }[] = [];
    let lastFlush = now();
    let epochLossSum = 0;
    let epochBatches = 0;
    let diverged = false;
    // Cuts of the learning rate (anneal, plateaus) so far; a resumed run goes on from its checkpoint's.
    let cuts: CutState = resume?.cuts ?? NO_CUTS;
    this.keepGoodWeights();

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
      epochs: for (let epoch = (resume?.epoch ?? 0) + 1; epoch <= config.epochs; epoch++) {
        // Each epoch's sums come from their own seeded stream, so a resumed run sees the same data.
        const rng = createRng(`${config.seed}:train:${epoch}`);
        const epochStart = elapsed();
        const epochExamplesStart = examples;
        // Hard-example sampling: the sums of a fresh seeded set the model now gets wrong, handed out through the epoch.
        this.lengthsNow = config.lengthsFrom > 0 && cuts.best * 100 >= config.lengthsFrom;
        this.answersNow = config.answersFrom > 0 && cuts.best * 100 >= config.answersFrom;
        // From the epoch after the best held-out score first reaches `hardFrom` % (0: from the start).
        const hardPool = config.hardShare > 0 && cuts.best * 100 >= config.hardFrom ? await this.missedSums(epoch, examples) : [];
        const hard = hardCycle(hardPool, createRng(`${config.seed}:hard:${epoch}`));
        epochLossSum = 0;
        epochBatches = 0;
        for (let done = 0; done < config.examplesPerEpoch; ) {
          if (this.paused && !this.stopped && this.steps === 0) {
            await flush();
            options.onPaused?.();
            const t0 = now();
            await new Promise<void>((resolve) => (this.wake = resolve));
            this.wake = undefined;
            pausedMs += now() - t0;
          }
          await this.hold;
          if (this.stopped) {
            reason = 'stopped';
            break epochs;
          }
          const size = Math.min(batchSizeAt(config, examples), config.examplesPerEpoch - done);
          const rate = learningRateAt(config, examples + size, cuts.cuts, boosting(config, cuts));
          this.optimizer.learningRate = rate;
          const fromPool = hardCount(size, config.hardShare, hardPool.length);
          const sums = [...this.trainingSums(rng, size - fromPool, examples), ...hard(fromPool)];
          const batch = this.task.trainBatch(sums);
          const loss = tf.tidy(() => this.trainStep(toTensor(batch.x), toTensor(batch.y), unitsWeightNow(config, cuts)));
          this.updateAverage(averageDecayNow(config, cuts));
          done += size;
          examples += size;
          step++;
          if (this.steps > 0) this.steps--;
          pending.push({ step, examples, loss });
          if (now() - lastFlush >= flushMs) await flush();
          if (diverged) break;
          await yieldToEventLoop();
        }
        await flush();
        // The last update of the epoch can break the weights while every reported loss was finite.
        if (!diverged && !(await this.weightsFinite())) diverged = true;
        if (diverged) {
          reason = 'diverged';
          this.restoreGoodWeights();
          break;
        }
        this.keepGoodWeights();
        const scored = await this.withAverage(() => this.evaluateCheaply());
        const seconds = elapsed();
        last = {
          epoch,
          examples,
          seconds,
          loss: epochBatches ? epochLossSum / epochBatches : Number.NaN,
          perSymbolAccuracy: scored.perSymbolAccuracy,
          exactMatch: scored.exactMatch,
          rmse: scored.rmse,
          heldOut: scored.heldOut,
          examplesPerSecond: (examples - epochExamplesStart) / Math.max(seconds - epochStart, 1e-9),
          table: scored.table,
          ...(scored.analysis ? { analysis: scored.analysis } : {}),
        };
        options.onEpoch?.(last);
        if (this.steps === Number.POSITIVE_INFINITY) this.steps = 0;
        cuts = afterEpoch(config, cuts, last.exactMatch);
        // After the epoch's cuts, so a run resumed from here steps with the rate this one goes on with.
        if (options.onCheckpoint && elapsed() - lastCheckpoint >= (options.checkpointSeconds ?? 2)) {
          lastCheckpoint = elapsed();
          const weights = await Promise.all(this.lastGood.map((t) => t.data() as Promise<Float32Array>));
          options.onCheckpoint({ epoch, examples, step, seconds: lastCheckpoint, weights, cuts });
        }
        if (target !== undefined && last.exactMatch >= target) {
          reason = 'target';
          break;
        }
        if (options.maxSeconds !== undefined && seconds >= options.maxSeconds) {
          reason = 'time';
          break;
        }
      }
      // With weight averaging the model keeps the averaged weights it was scored with; after a divergence they hold the
      // NaNs too, so they are dropped, and questions and saves get the last good epoch's weights put back.
      if (reason !== 'diverged') this.installAverage();
      else this.dropAverage();
    } finally {
      pending.forEach((p) => p.loss.dispose());
      this.running = false;
      if (this.disposeAfterRun) this.dispose();
    }
    return {
      reason,
      seconds: elapsed(),
      examples,
      epochs: last?.epoch ?? 0,
      exactMatch: last?.exactMatch ?? 0,
      perSymbolAccuracy: last?.perSymbolAccuracy ?? null,
      rmse: last?.rmse ?? Number.NaN,
      loss: last?.loss ?? Number.NaN,
      ...(reason === 'diverged' ? { restoredEpoch: last?.epoch ?? resume?.epoch ?? 0 } : {}),
    };
  }

  /**
   * The training sums of one batch: drawn as the problem asks them, or with as
   * many of each carry count (where it has carries) and/or rare term lengths
   * more often, from terms no larger than the curriculum allows
   * after `examples` examples (written at the full problem's widths).
   */
  private trainingSums(rng: ReturnType<typeof createRng>, size: number, examples: number): Expression[] {
    const { config } = this;
    const largest = curriculumLargest(config, config.largest, examples);
    const spec = largest === config.largest ? this.spec : problemSpec({ ...config, largest });
    const lengths = config.sampling === 'length-balanced' || config.sampling === 'carry-and-length-balanced' || this.lengthsNow;
    const generate = (r: typeof rng, n: number) => spec.generate(r, n, lengths);
    if (this.answersNow) return answerBalanced(generate, rng, size);
    return balancesCarries(config) ? carryBalanced(generate, rng, size) : generate(rng, size);
  }

  /**
   * The training sums the model answers wrong now, out of `hardCandidates`
   * drawn as training draws them (curriculum, carry balance) from the epoch's
   * own stream, never the held-out sums'.
   */
  private async missedSums(epoch: number, examples: number): Promise<Expression[]> {
    const candidates = this.trainingSums(createRng(`${this.config.seed}:hard-candidates:${epoch}`), hardCandidates(this.config.examplesPerEpoch), examples);
    const answers = await this.answers(candidates);
    return missed(candidates, answers.map((a, i) => a === this.task.expected(candidates[i])));
  }

  /**
   * One Adam step on a batch; returns its loss. With `clipNorm`, the
   * gradients are first scaled down together to that global norm when they
   * are longer (their direction kept); without it, FlatAdam's `minimize`.
   */
  private trainStep(x: tf.Tensor, y: tf.Tensor, unitsWeight = 1): tf.Scalar {
    const f = () => this.task.loss(x, y, unitsWeight);
    const clip = this.config.clipNorm;
    const vars = this.task.variables;
    if (clip <= 0) return this.optimizer.minimize(f, vars);
    const { value, grads } = FlatAdam.gradients(f, vars);
    this.optimizer.applyGradients(clipByGlobalNorm(grads, clip), vars);
    return value;
  }

  /**
   * Weight averaging: after each batch, average ← d·average + (1 − d)·weights, with 1 − d =
   * (1 − averageDecay) / (1 − averageDecay^n) at the n-th batch: the exponential average of the weights after
   * every batch so far, bias-corrected as Adam's moments are (the first batch's weights, then ever closer to
   * `averageDecay`). Nothing is read back. `decay`: the one for this batch (`averageDecayNow`: `averageLateDecay`
   * once the rate is cut, when set); n counts every batch averaged, so after a switch the step is about 1 − decay.
   */
  private updateAverage(decay = this.config.averageDecay): void {
    if (decay <= 0) return;
    const vars = this.task.variables;
    // One vector: four kernels a batch instead of three per variable (the same sums, element by element).
    // The trainer's variables, and their order, are fixed when it is built: the joined vector always lines up with the average.
    if (!this.average) {
      const first = tf.tidy(() => joinFlat(vars));
      this.average = tf.variable(first, false);
      first.dispose();
      this.averaged = 0;
    }
    // Bias-corrected as Adam's moments are: the weights after batch k count decay^(n − k), over their sum.
    this.averaged++;
    const d = 1 - (1 - decay) / (1 - decay ** this.averaged);
    const average = this.average;
    tf.tidy(() => average.assign(tf.add(tf.mul(average, d), tf.mul(joinFlat(vars), 1 - d))));
  }

  /** The averaged weights, one tensor per variable in its shape (the caller disposes them); undefined without averaging. */
  private averagedWeights(): tf.Tensor[] | undefined {
    const average = this.average;
    if (!average) return undefined;
    return tf.tidy(() => splitLike(average, this.task.variables));
  }

  /** Runs `f` with the averaged weights in the model (the trained ones put back after); without averaging, just `f`. */
  private async withAverage<T>(f: () => Promise<T>): Promise<T> {
    const averaged = this.averagedWeights();
    if (!averaged) return f();
    const vars = this.task.variables;
    const raw = vars.map((v) => tf.clone(v));
    vars.forEach((v, i) => v.assign(averaged[i]));
    tf.dispose(averaged);
    try {
      return await f();
    } finally {
      vars.forEach((v, i) => v.assign(raw[i]));
      tf.dispose(raw);
    }
  }

  /** Puts the averaged weights into the model for good (the end of a run) and frees the average. */
  private installAverage(): void {
    const averaged = this.averagedWeights();
    if (!averaged) return;
    this.task.variables.forEach((v, i) => v.assign(averaged[i]));
    tf.dispose(averaged);
    this.dropAverage();
  }

  /** Frees the average: scoring, questions and saves use the trained weights again. */
  private dropAverage(): void {
    tf.dispose(this.average);
    this.average = undefined;
    this.averaged = 0;
  }

  /** True when no weight is NaN or infinite (one reduction, one number read back). */
  private async weightsFinite(): Promise<boolean> {
    const total = tf.tidy(() => tf.addN(this.task.variables.map((v) => tf.sum(v))));
    const [value] = await total.data();
    total.dispose();
    return Number.isFinite(value);
  }

  private keepGoodWeights(): void {
    tf.dispose(this.lastGood);
    this.lastGood = this.task.variables.map((v) => tf.clone(v));
  }

  private restoreGoodWeights(): void {
    this.task.variables.forEach((v, i) => v.assign(this.lastGood[i]));
  }

  /**
   * Scores the first QUICK_HELD_OUT held-out sums while exact-match on them is
   * below QUICK_UNTIL, and all of them from then on (at once, in the epoch
   * that crosses): an early model is far from the goal, and scoring 1 000 sums
   * after every epoch would cost a fifth of the training time.
   */
  private async evaluateCheaply(): Promise<Scores & { table: PredictionRow[]; heldOut: number; analysis?: HeldOutAnalysis }> {
    if (!this.scoreAll && this.quick) {
      const quick = await this.evaluate(this.quick);
      if (quick.exactMatch < QUICK_UNTIL) return quick;
      this.scoreAll = true;
    }
    return this.evaluate();
  }

  /** Scores the fixed held-out sums (or their first `subset.size`): exact-match, per-symbol accuracy, RMSE and the first rows. */
  async evaluate(subset?: DistinctInputs & { size: number }): Promise<Scores & { table: PredictionRow[]; heldOut: number; analysis?: HeldOutAnalysis }> {
    const size = subset?.size ?? this.heldOut.expressions.length;
    const expressions = this.heldOut.expressions.slice(0, size);
    const shown = this.heldOut.shown.slice(0, size);
    const expected = this.heldOut.expected.slice(0, size);
    const { x, of } = subset ?? this.scoring;
    const t0 = performanceNow();
    const distinct = await this.task.answer(x);
    // Per sum scored, as before inputs were answered once each: a map's estimate (cells × this) stays as eager.
    this.msPerAnswer = (performanceNow() - t0) / Math.max(1, size);
    // Each sum gets the answer to its input (answered once however often it was drawn).
    const result = { answers: Array.from(of, (j) => distinct.answers[j]), values: Array.from(of, (j) => distinct.values[j]) };
    const tableSize = this.options.tableSize ?? 20;
    const symbols = writesSymbols(this.task.kind);
    return {
      ...this.score(result.answers, result.values, expected, expressions),
      ...(symbols && this.options.analyse !== false ? { analysis: analyse(expressions, result.answers, expected) } : {}),
      heldOut: size,
      table: shown.slice(0, tableSize).map((input, i) => ({
        input,
        expected: expected[i],
        predicted: result.answers[i],
        correct: result.answers[i] === expected[i],
        ...(symbols ? {} : { value: result.values[i] }),
      })),
    };
  }

  private score(answers: string[], values: number[], expected: string[], expressions: readonly Expression[]): Scores {
    return {
      exactMatch: exactMatch(answers, expected),
      perSymbolAccuracy: writesSymbols(this.task.kind) ? perSymbolAccuracy(answers, expected) : null,
      // As the lesson does: predictions inverted and rounded first; an unreadable symbol answer counts as 0.
      rmse: rmse(values.map((v) => (Number.isFinite(v) ? Math.round(v) : 0)), expressions.map((e) => e.value)),
    };
  }

  /**
   * Answers the held-out sums again with each input shuffled: a mapping model
   * should not care (a sum ignores order); a seq2seq model reading characters
   * should fall apart.
   */
  async shuffleTest(rows = 10): Promise<ShuffleReport> {
    return this.holding(() => this.shuffleTestNow(rows));
  }

  /**
   * Runs `f` while training waits before its next batch, so an experiment
   * that reads the model twice (before and after shuffling) sees one model.
   */
  private async holding<T>(f: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const previous = this.hold;
    this.hold = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      // With weight averaging, mid-run questions are answered by the averaged weights, as held-out scoring is.
      return await this.withAverage(f);
    } finally {
      release();
    }
  }

  private async shuffleTestNow(rows: number): Promise<ShuffleReport> {
    const { expressions, x, shown, expected } = this.heldOut;
    const before = await this.task.answer(x);
    const shuffledInputs = this.task.inputs(expressions, createRng(`${this.config.seed}:shuffle`));
    const xs = toTensor(shuffledInputs.x);
    const after = await this.task.answer(xs);
    xs.dispose();
    const changed = before.answers.filter((a, i) => a !== after.answers[i]).length / Math.max(1, before.answers.length);
    return {
      original: this.score(before.answers, before.values, expected, expressions),
      shuffled: this.score(after.answers, after.values, expected, expressions),
      changed,
      rows: shown.slice(0, rows).map((input, i) => ({
        input,
        shuffledInput: shuffledInputs.shown[i],
        expected: expected[i],
        before: before.answers[i],
        after: after.answers[i],
      })),
    };
  }

  /** The model's answers to `expressions`, in one batched pass (the input tensor freed whatever happens). */
  private async answers(expressions: readonly Expression[]): Promise<string[]> {
    const xt = toTensor(this.task.inputs(expressions).x);
    try {
      return (await this.task.answer(xt)).answers;
    } finally {
      xt.dispose();
    }
  }

  /**
   * Scores the carry stress set: in-range sums chosen for long carry (or
   * borrow) chains, longest first. Empty for problems without carries.
   */
  async stressTest(): Promise<StressReport> {
    const expressions = carryStressSet(this.config);
    if (expressions.length === 0) return { exactMatch: 0, rows: [] };
    return this.holding(async () => {
      const answers = await this.answers(expressions);
      const rows = expressions.map((e, i) => {
        const expected = this.task.expected(e);
        const profile = carryProfile(e)!;
        return { sum: formatExpression(e), expected: expected.trim(), predicted: answers[i].trim(), correct: answers[i] === expected, chain: profile.longestChain, carries: profile.carries };
      });
      return { exactMatch: rows.filter((r) => r.correct).length / rows.length, rows };
    });
  }

  /**
   * Scores the model on longer numbers than it was trained on: `perCell`
   * seeded sums for each pair of digit counts of the first two terms, up to
   * the digits of test largest, answered in one batched pass, as a grid with
   * in-range and beyond tallies and the first sum of each diagonal cell.
   * Throws the learner's message when the model cannot be tested so (a
   * mapping model, or one trained without room past largest).
   */
  async longerTest(perCell = LONGER_PER_CELL): Promise<LongerReport> {
    const refusal = longerRefusal(this.config);
    if (refusal) throw new Error(refusal);
    const set = longerSet(this.spec, createRng(`${this.config.seed}:longer`), perCell);
    const expressions = set.cells.flatMap((c) => c.expressions);
    return this.holding(async () => {
      const answers = await this.answers(expressions);
      const expected = expressions.map((e) => this.task.expected(e));
      const report = scoreLonger(set, this.config, answers.map((a, i) => a === expected[i]));
      // The first sum of each diagonal cell (1×1, 2×2, …): one per length.
      const examples = set.digits.map((d) => {
        const i = set.cells.findIndex((c) => c.aDigits === d && c.bDigits === d) * perCell;
        return { sum: formatExpression(expressions[i]), expected: expected[i].trim(), predicted: answers[i].trim(), correct: answers[i] === expected[i] };
      });
      return { ...report, examples };
    });
  }

  /** How many cells `errorMap()` answers on a grid of at most `side` a side; 0 when this model has no map. */
  mapCells(side = MAP_SIDE): number {
    const grid = mapGrid(this.config, side);
    return grid && writesSymbols(this.task.kind) ? grid.rows.length * grid.cols.length : 0;
  }

  /** About how long `errorMap()` would take now (ms), from the last evaluation's pace; 0 when there is no map. */
  mapEstimateMs(side = MAP_SIDE): number {
    return this.mapCells(side) * this.msPerAnswer;
  }

  /**
   * Answers every cell of the error map (two-term problems with one operator):
   * right or wrong, how sure, and what it wrote. In slices of MAP_SLICE sums,
   * each between two training batches, so during a run a map's later rows may
   * see a few more batches than its first (it is labelled with the epoch it
   * was asked at). A `live` map (one made while training) has at most
   * `LIVE_MAP_SIDE` a side, a quarter of the cells.
   */
  async errorMap(epoch: number, { live = false } = {}): Promise<ErrorMapData | undefined> {
    const grid = mapGrid(this.config, live ? LIVE_MAP_SIDE : MAP_SIDE);
    if (!grid || !writesSymbols(this.task.kind)) return undefined;
    const expressions = mapExpressions(grid);
    const right = new Uint8Array(expressions.length);
    const sure = new Uint8Array(expressions.length);
    const written: string[] = [];
    // In slices, each between two training batches, so a large map never stalls a run for long.
    for (let start = 0; start < expressions.length; start += MAP_SLICE) {
      // Queued messages (a Train, a Stop) and the worker's heartbeat get a turn between slices.
      if (start > 0) await yieldToEventLoop();
      const slice = expressions.slice(start, start + MAP_SLICE);
      await this.holding(async () => {
        const { x } = this.task.inputs(slice);
        const xt = toTensor(x);
        let answered: Awaited<ReturnType<Task['answer']>>;
        try {
          answered = await this.task.answer(xt);
        } finally {
          xt.dispose();
        }
        const { answers, confidence } = answered;
        slice.forEach((e, i) => {
          right[start + i] = answers[i] === this.task.expected(e) ? 1 : 0;
          sure[start + i] = Math.round((confidence?.[i] ?? 0) * 255);
          written.push(answers[i].trim());
        });
      });
    }
    return { ...grid, epoch, ...(live ? { live } : {}), right, sure, answers: written };
  }

  /** A copy of the weights as they are now, with each variable's shape (what a saved model holds). */
  async weights(): Promise<{ weights: Float32Array[]; shapes: number[][] }> {
    // Mid-run with weight averaging: the averaged weights, which the scores are of (at the end of a run the model holds them).
    const averaged = this.averagedWeights();
    const vars = averaged ?? this.task.variables;
    try {
      const weights = await Promise.all(vars.map((v) => v.data() as Promise<Float32Array>));
      return { weights: weights.map((w) => Float32Array.from(w)), shapes: vars.map((v) => [...v.shape]) };
    } finally {
      if (averaged) tf.dispose(averaged);
    }
  }

  /** Scores this model on other expressions (the Compare view uses one common set for all models). */
  async scoreOn(expressions: readonly Expression[]): Promise<Scores> {
    return this.holding(async () => {
      const { x } = this.task.inputs(expressions);
      const xt = toTensor(x);
      const result = await this.task.answer(xt);
      xt.dispose();
      return this.score(result.answers, result.values, expressions.map((e) => this.task.expected(e)), expressions);
    });
  }

  /** Answers expressions, with per-position probabilities for symbol models. */
  async predict(expressions: readonly Expression[]): Promise<Answer[]> {
    const result = await this.holding(async () => {
      const { x } = this.task.inputs(expressions);
      const xt = toTensor(x);
      try {
        return await this.task.answer(xt, true);
      } finally {
        xt.dispose();
      }
    });
    return result.answers.map((answer, i) => ({
      answer,
      value: result.values[i],
      probabilities: result.probabilities?.[i] ?? [],
      ...(result.inputVectors ? { inputVectors: result.inputVectors[i] } : {}),
      ...(result.attention ? { attention: result.attention[i] } : {}),
    }));
  }

  /**
   * Frees the model, the optimizer's slots and the held-out tensor. During a
   * run it stops the run and frees everything once the run has ended, so the
   * epoch in flight never touches freed tensors.
   */
  dispose(): void {
    if (this.disposed) return;
    this.stop();
    if (this.running) {
      this.disposeAfterRun = true;
      return;
    }
    this.disposed = true;
    this.task.dispose();
    tf.dispose(this.lastGood);
    this.lastGood = [];
    this.dropAverage();
    this.optimizer.dispose();
    this.heldOut.x.dispose();
    this.scoring.x.dispose();
    this.quick?.x.dispose();
  }
}
