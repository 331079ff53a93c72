import * as tf from '@tensorflow/tfjs';
import type { BackendChoice } from '../core/config';
import { parseSum } from '../core/parse';
import { useBackend, type BackendName } from '../model/backend';
import { parameterCount } from '../model/seq2seq';
import { Trainer, type BatchPoint, type EpochReport } from '../model/train';
import { PROGRESS_INTERVAL_MS, type PredictionResult, type WorkerEvent, type WorkerRequest } from './protocol';

/** What the worker entry supplies: how to post, and what this environment knows about its backends. */
export interface HandlerOptions {
  post: (event: WorkerEvent) => void;
  /** Why WebGL should be skipped on this device, if it should (e.g. a software renderer). */
  webglVeto?: () => string | undefined;
}

const ORDER: Record<BackendChoice, BackendName[]> = {
  auto: ['wasm', 'webgl', 'cpu'],
  wasm: ['wasm', 'cpu'],
  webgl: ['webgl', 'wasm', 'cpu'],
  cpu: ['cpu'],
};

/**
 * Picks and starts a backend. `auto` prefers wasm: this model is small and
 * recurrent, so per-kernel overhead dominates, and WebGL's is the highest.
 * Returns the active backend and a note for each one skipped.
 */
export async function chooseBackend(requested: BackendChoice, webglVeto?: () => string | undefined): Promise<{ active: BackendName; notes: string[] }> {
  const notes: string[] = [];
  if (requested === 'auto') {
    const veto = webglVeto?.();
    notes.push(`webgl skipped: ${veto ?? 'for a recurrent model this small, per-kernel overhead dominates and wasm runs it faster'}`);
  }
  for (const name of ORDER[requested]) {
    if (requested === 'auto' && name === 'webgl') continue;
    if (tf.getBackend() === name || (await useBackend(name))) return { active: name, notes };
    notes.push(`${name} could not start on this device`);
  }
  throw new Error('No tfjs backend could start');
}

/**
 * The worker's message handler: owns at most one trainer and answers each
 * request. Runs unchanged in Node, which is how it is tested.
 */
export function createHandler({ post, webglVeto }: HandlerOptions): (request: WorkerRequest) => Promise<void> {
  let trainer: Trainer | undefined;
  let trainerRunId = -1;
  let points: BatchPoint[] = [];
  let epochs: EpochReport[] = [];
  let lastPost = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (points.length === 0 && epochs.length === 0) return;
    // Only the newest epoch keeps its table: older ones are superseded.
    const sent = epochs.map((e, i) => (i < epochs.length - 1 ? { ...e, table: [] } : e));
    post({ type: 'progress', runId: trainerRunId, points, epochs: sent });
    points = [];
    epochs = [];
    lastPost = performance.now();
  };
  const schedule = () => {
    const wait = PROGRESS_INTERVAL_MS - (performance.now() - lastPost);
    if (wait <= 0) flush();
    else timer ??= setTimeout(flush, wait);
  };

  const predict = async (text: string): Promise<PredictionResult> => {
    if (!trainer) return { ok: false, error: 'Train a model first, then ask it a sum.' };
    const parsed = parseSum(text, trainer.config);
    if (!parsed.ok) return parsed;
    const [answer] = await trainer.predict([parsed.input]);
    return { ok: true, input: parsed.input, expected: parsed.expected, outsideRange: parsed.outsideRange, ...answer };
  };

  const start = async (runId: number, request: Extract<WorkerRequest, { type: 'start' }>) => {
    flush();
    trainer?.dispose();
    trainer = undefined;
    const { active, notes } = await chooseBackend(request.config.backend, webglVeto);
    post({ type: 'backend', runId, requested: request.config.backend, active, notes });
    const t = new Trainer(request.config, {
      onBatch: (p) => {
        points.push(...p);
        schedule();
      },
      onEpoch: (e) => {
        epochs.push(e);
        schedule();
      },
    });
    trainer = t;
    trainerRunId = runId;
    post({ type: 'started', runId, parameters: parameterCount(t.model.shape), inWidth: t.model.shape.inWidth, outWidth: t.model.shape.outWidth });
    const summary = await t.run();
    if (trainer !== t) return; // replaced or disposed while finishing
    flush();
    post({ type: 'done', runId, summary });
  };

  return async (request) => {
    const { runId } = request;
    try {
      switch (request.type) {
        case 'start':
          await start(runId, request);
          return;
        case 'pause':
          if (trainer && runId === trainerRunId) {
            trainer.pause();
            post({ type: 'paused', runId });
          }
          return;
        case 'resume':
          if (trainer && runId === trainerRunId) {
            trainer.resume();
            post({ type: 'resumed', runId });
          }
          return;
        case 'stop':
          if (trainer && runId === trainerRunId) trainer.stop();
          post({ type: 'stopping', runId });
          return;
        case 'predict':
          post({ type: 'prediction', runId, requestId: request.requestId, result: await predict(request.text) });
          return;
        case 'dispose':
          flush();
          trainer?.dispose();
          trainer = undefined;
          return;
        default: {
          const unknown: never = request;
          throw new Error(`Unknown request ${JSON.stringify(unknown)}`);
        }
      }
    } catch (err) {
      post({ type: 'error', runId, message: err instanceof Error ? err.message : String(err) });
    }
  };
}
