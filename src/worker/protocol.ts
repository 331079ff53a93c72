/**
 * The one message protocol between the page and the training worker.
 * Requests are commands, events are what happened; every message carries the
 * `runId` it belongs to, so the page can drop events of runs it has left.
 */
import type { BackendChoice, Config } from '../core/config';
import type { BackendName } from '../model/backend';
import type { BatchPoint, EpochReport, RunSummary } from '../model/train';

export type { BatchPoint, EpochReport, RunSummary, BackendName };

/** Commands from the page to the worker. */
export type WorkerRequest =
  | { type: 'start'; runId: number; config: Config }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'stop'; runId: number }
  | { type: 'predict'; runId: number; requestId: number; text: string }
  | { type: 'dispose'; runId: number };

/** A typed sum as the model answered it, or why it could not be read. */
export type PredictionResult =
  | {
      ok: true;
      /** The padded input the model read, in reading order. */
      input: string;
      expected: string;
      answer: string;
      /** `[outWidth][12]` probabilities of each symbol per answer position. */
      probabilities: number[][];
      outsideRange: boolean;
    }
  | { ok: false; error: string };

/** Events from the worker to the page. */
export type WorkerEvent =
  | { type: 'backend'; runId: number; requested: BackendChoice; active: BackendName; notes: string[] }
  | { type: 'started'; runId: number; parameters: number; inWidth: number; outWidth: number }
  /** New batch losses and finished epochs since the last progress event (a few per second at most). */
  | { type: 'progress'; runId: number; points: BatchPoint[]; epochs: EpochReport[] }
  | { type: 'paused'; runId: number }
  | { type: 'resumed'; runId: number }
  /** The worker got the stop request; `done` follows once the current batch ends. */
  | { type: 'stopping'; runId: number }
  | { type: 'done'; runId: number; summary: RunSummary }
  | { type: 'prediction'; runId: number; requestId: number; result: PredictionResult }
  | { type: 'error'; runId: number; message: string };

/** How often, at most, the worker posts progress (ms). */
export const PROGRESS_INTERVAL_MS = 250;
