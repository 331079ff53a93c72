/**
 * The one message protocol between the page and the training worker.
 * Requests are commands, events are what happened; every message carries the
 * `runId` it belongs to, so the page can drop events of runs it has left.
 * The worker keeps the last model trained for each kind (Act 1's two mapping
 * models and Act 2's seq2seq), so they can be asked, shuffled and compared.
 */
import type { BackendChoice, Config, ModelKind } from '../core/config';
import type { ProblemSettings } from '../core/problem';
import type { BackendName } from '../model/backend';
import type { BatchPoint, Checkpoint, EpochReport, RunSummary, ShuffleReport } from '../model/train';

export type { BatchPoint, Checkpoint, EpochReport, RunSummary, BackendName, ShuffleReport };

/** Commands from the page to the worker. */
export type WorkerRequest =
  /** Trains a fresh model, or continues from `resume` (e.g. after the worker crashed). */
  | { type: 'start'; runId: number; config: Config; resume?: Checkpoint }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'stop'; runId: number }
  | { type: 'predict'; runId: number; requestId: number; model: ModelKind; text: string }
  | { type: 'shuffle'; runId: number; requestId: number; model: ModelKind }
  | { type: 'compare'; runId: number; requestId: number; problem: ProblemSettings }
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
  /** The backend in use; after a failure mid-run, `resumedFrom` says where training picked up again. */
  | { type: 'backend'; runId: number; requested: BackendChoice; active: BackendName; notes: string[]; resumedFrom?: { epoch: number; examples: number } }
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
  | { type: 'comparison'; runId: number; requestId: number; problem: ProblemSettings; heldOut: number; rows: ComparisonRow[]; skipped: { model: ModelKind; reason: string }[]; error?: string }
  /** The run failed; its curves stay. */
  | { type: 'error'; runId: number; message: string }
  /** Synthetic, from the client: the worker crashed or hung and was replaced; every model in it is gone. */
  | { type: 'workerLost'; runId: number; message: string };

/** How often, at most, the worker posts progress (ms). */
export const PROGRESS_INTERVAL_MS = 250;

/** Held-out expressions the Compare view scores every model on. */
export const COMPARE_SIZE = 1000;
