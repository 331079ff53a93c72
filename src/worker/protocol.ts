/**
 * The one message protocol between the page and the training worker.
 * Requests are commands, events are what happened; every message carries the
 * `runId` it belongs to, so the page can drop events of runs it has left.
 * The worker keeps the last model trained for each kind (Act 1's two mapping
 * models and Act 2's seq2seq), so they can be asked, shuffled and compared.
 */
import type { BackendChoice, Config, ModelKind } from '../core/config';
import type { ProblemSettings } from '../core/problem';
import type { BackendName, BackendSpeed } from '../core/backends';
import type { ArmResult } from '../core/experiments';
import type { SavedModel } from '../core/savedModel';
import type { ErrorMapData } from '../core/errorMap';
import type { LongerReport } from '../core/longer';
import type { BatchPoint, Checkpoint, EpochReport, PredictionRow, RunSummary, ShuffleReport, StressReport } from '../model/train';

export type { ArmResult, BatchPoint, Checkpoint, EpochReport, RunSummary, BackendName, BackendSpeed, ShuffleReport, StressReport, LongerReport };

/** One held-out score of an experiment arm, for its curve. */
export interface ArmPoint {
  epoch: number;
  examples: number;
  exactMatch: number;
  seconds: number;
}

/** Commands from the page to the worker. */
export type WorkerRequest =
  /** The client's first message to a new worker: threads for the threaded wasm build (every core but one), before any backend starts. */
  | { type: 'init'; runId: number; wasmThreads: number }
  /** Trains a fresh model, or continues from `resume` (e.g. after the worker crashed); `speeds`: what `auto` measured for this model shape before, on this device. */
  | { type: 'start'; runId: number; config: Config; resume?: Checkpoint; speeds?: BackendSpeed[] }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  /** While paused: one more batch, or (`epoch`) on to the end of the epoch, then paused again. */
  | { type: 'step'; runId: number; epoch: boolean }
  | { type: 'stop'; runId: number }
  | { type: 'predict'; runId: number; requestId: number; model: ModelKind; text: string }
  | { type: 'shuffle'; runId: number; requestId: number; model: ModelKind }
  /** Scores the model on sums chosen for long carry chains. */
  | { type: 'stress'; runId: number; requestId: number; model: ModelKind }
  /** Scores the model on longer numbers than it was trained on: a grid of digits of a × digits of b, up to its test largest. */
  | { type: 'longer'; runId: number; requestId: number; model: ModelKind }
  | { type: 'compare'; runId: number; requestId: number; problem: ProblemSettings }
  /** Act 3: trains the arms one after the other, each until 99 % or `maxSeconds` of training; `stop` with this run id ends it. */
  | { type: 'experiment'; runId: number; arms: { label: string; config: Config }[]; maxSeconds: number; speeds?: BackendSpeed[] }
  /** Puts a saved (or pre-trained) model in its kind's place, as if it had just been trained in run `runId`. */
  | { type: 'load'; runId: number; requestId: number; model: SavedModel }
  /** Asks for the weights of one kind's model, to save or export it. */
  | { type: 'snapshot'; runId: number; requestId: number; model: ModelKind }
  /** Frees the model of one kind, or every model. */
  | { type: 'dispose'; runId: number; model?: ModelKind };

/** A typed sum as the model answered it, or why it could not be read. */
export type PredictionResult =
  | {
      ok: true;
      model: ModelKind;
      /** What the model read: a symbol model the padded string in reading order, a mapping model the terms. */
      input: string;
      expected: string;
      answer: string;
      /** In original units (mapping: before rounding). */
      value: number;
      /** Symbol models: `[outWidth][symbols]` probabilities of each symbol per answer position, the right way round; mapping: empty. */
      probabilities: number[][];
      /** Integer and embedding encodings: `[inWidth][width]`, what the encoder read at each input position (in model order). */
      inputVectors?: number[][];
      /** Attention decoders: `[outWidth][inWidth]`, each answer position's weights over the symbols of `input`; answer positions the right way round, input positions in reading order (as `input` is written). */
      attention?: number[][];
      outsideRange: boolean;
    }
  | { ok: false; error: string };

/** One model's line in the Compare view, scored on the same held-out sums as the others. */
export interface ComparisonRow {
  model: ModelKind;
  parameters: number;
  exactMatch: number;
  rmse: number;
  perSymbolAccuracy: number | null;
  epochs: number;
  examples: number;
}

/** Events from the worker to the page. */
export type WorkerEvent =
  /**
   * The backend in use: on wasm with its threads; for `auto`, the speeds it
   * chose by (`measured`: timed for this run, to be kept for this model shape).
   * After a failure mid-run, `resumedFrom` says where training picked up again.
   */
  | {
      type: 'backend';
      runId: number;
      requested: BackendChoice;
      active: BackendName;
      notes: string[];
      threads?: number;
      speeds?: BackendSpeed[];
      measured?: boolean;
      /** With `speeds`: the model shape they belong to (`speedKey`), to keep them under. */
      speedKey?: string;
      resumedFrom?: { epoch: number; examples: number };
    }
  | { type: 'started'; runId: number; parameters: number }
  /** New batch losses and finished epochs since the last progress event (a few per second at most). */
  | { type: 'progress'; runId: number; points: BatchPoint[]; epochs: EpochReport[] }
  | { type: 'paused'; runId: number }
  | { type: 'resumed'; runId: number }
  /** The worker got the stop request; `done` follows once the current batch ends. */
  | { type: 'stopping'; runId: number }
  | { type: 'done'; runId: number; summary: RunSummary }
  /** Weights after an epoch, every few seconds: what a crashed run resumes from. */
  | { type: 'checkpoint'; runId: number; checkpoint: Checkpoint }
  | { type: 'prediction'; runId: number; requestId: number; result: PredictionResult }
  | { type: 'shuffled'; runId: number; requestId: number; model: ModelKind; report: ShuffleReport | undefined; error?: string }
  | { type: 'stressed'; runId: number; requestId: number; model: ModelKind; report: StressReport | undefined; error?: string }
  /** The longer-numbers grid; `requestId` 0: scored unasked at the end of a run with room for longer numbers. */
  | { type: 'longerScored'; runId: number; requestId: number; model: ModelKind; report: LongerReport | undefined; error?: string }
  | { type: 'comparison'; runId: number; requestId: number; problem: ProblemSettings; heldOut: number; rows: ComparisonRow[]; skipped: { model: ModelKind; reason: string }[]; error?: string }
  /** New held-out scores of the arm in training (a few messages per second at most). */
  | { type: 'armProgress'; runId: number; arm: number; points: ArmPoint[] }
  | { type: 'armDone'; runId: number; arm: number; result: ArmResult }
  /** Every arm has run, or the experiment was stopped (finished arms stay). */
  | { type: 'experimentDone'; runId: number; results: ArmResult[]; stopped: boolean }
  /** A saved or shipped model is in place; `table`: its answers to the first held-out sums, as a run's last epoch shows them. */
  | { type: 'loaded'; runId: number; requestId: number; model: ModelKind; parameters: number; table?: PredictionRow[]; error?: string }
  | { type: 'snapshot'; runId: number; requestId: number; model: ModelKind; weights: Float32Array[]; shapes: number[][]; error?: string }
  /** Every cell of the error map as the model answers it now (two-term problems; at most once a second, and at the end). */
  | { type: 'errorMap'; runId: number; map: ErrorMapData }
  /** The worker is alive: sent every HEARTBEAT_MS while a run or experiment is in flight, paused included. */
  | { type: 'heartbeat'; runId: number }
  /** The run failed; its curves stay. */
  | { type: 'error'; runId: number; message: string }
  /** Synthetic, from the client: the worker crashed or hung and was replaced; every model in it is gone. */
  | { type: 'workerLost'; runId: number; message: string };

/** How often, at most, the worker recomputes the error map while training (ms). */
export const MAP_INTERVAL_MS = 1000;

/** How often the worker says it is alive while a run is in flight (ms). */
export const HEARTBEAT_MS = 1000;

/** How often, at most, the worker posts progress (ms). */
export const PROGRESS_INTERVAL_MS = 250;

/** Held-out expressions the Compare view scores every model on. */
export const COMPARE_SIZE = 1000;
