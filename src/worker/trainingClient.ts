/**
 * The only module that touches `Worker`: starts the training worker lazily,
 * forwards requests, and turns a crash, a run that goes silent (no heartbeat
 * or event for 5 s once it trains) or a stop that hangs into an event.
 */
import { wasmThreadsFor } from '../core/backends';
import { HEARTBEAT_MS, type WorkerEvent, type WorkerRequest } from './protocol';

/** How long the worker may take to acknowledge a stop before it is replaced. */
export const STOP_TIMEOUT_MS = 4000;
/** How long an acknowledged stop may take to finish the batch or evaluation in flight. */
export const STOP_FINISH_MS = 30_000;
/** How long a training worker may stay silent (no heartbeat, no event) once its run shows progress, before it counts as hung. */
export const HANG_TIMEOUT_MS = 5 * HEARTBEAT_MS;
/** Before a run's first progress (choosing and measuring backends, compiling kernels), it may stay silent this long. */
export const START_GRACE_MS = 20_000;
/** A hang timer that fires this much later than due was held up by this page (frozen, or asleep in the background): it looks again. */
const LATE_MS = 1000;

/** The wasm threads this page asks its worker for: every core but one (what measured speeds are kept under, too). */
export function wasmThreadsHere(): number {
  return wasmThreadsFor(globalThis.navigator?.hardwareConcurrency);
}

/** Events that end a run or an experiment: the hang and stop watches end with them. */
const ENDS_RUN = new Set<WorkerEvent['type']>(['done', 'experimentDone', 'error']);

export interface TrainingClient {
  send(request: WorkerRequest): void;
  /** Ends the worker; the next request starts a fresh one. */
  terminate(): void;
}

/** Creates the client; `onEvent` receives every event of the worker, and synthetic `error` events. */
export function createTrainingClient(onEvent: (event: WorkerEvent) => void): TrainingClient {
  let worker: Worker | undefined;
  let lastRunId = 0;
  let stopTimer: ReturnType<typeof setTimeout> | undefined;
  let stopRunId = -1;
  /**
   * The hang watch on the run in flight: armed when it is sent, re-armed by
   * every message of it (heartbeats included), off when it ends. Until its
   * first progress it gets START_GRACE_MS, then HANG_TIMEOUT_MS.
   */
  let hangTimer: ReturnType<typeof setTimeout> | undefined;
  let watched: { runId: number; warm: boolean } | undefined;

  const unwatch = () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = undefined;
    watched = undefined;
  };
  const arm = () => {
    if (hangTimer) clearTimeout(hangTimer);
    if (!watched) return;
    const { runId, warm } = watched;
    const ms = warm ? HANG_TIMEOUT_MS : START_GRACE_MS;
    const due = Date.now() + ms;
    hangTimer = setTimeout(() => {
      // The worker's messages may be queued behind this page's own delay: give them their turn first.
      if (Date.now() - due > LATE_MS) return arm();
      terminate();
      onEvent({ type: 'workerLost', runId, message: `The training worker stopped answering for ${ms / 1000} s, so it was restarted.` });
    }, ms);
  };

  /** Replaces the worker if the run `runId` has not ended within `ms`. */
  const armStopTimer = (runId: number, ms: number) => {
    if (stopTimer) clearTimeout(stopTimer);
    stopRunId = runId;
    stopTimer = setTimeout(() => {
      terminate();
      onEvent({ type: 'workerLost', runId, message: 'Training did not stop in time, so the worker was restarted.' });
    }, ms);
  };

  const terminate = () => {
    worker?.terminate();
    worker = undefined;
    if (stopTimer) clearTimeout(stopTimer);
    stopTimer = undefined;
    unwatch();
  };

  const spawn = (): Worker => {
    const w = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'carry-training' });
    w.onmessage = (e: MessageEvent<WorkerEvent>) => {
      const { type, runId } = e.data;
      if (watched?.runId === runId) {
        if (ENDS_RUN.has(type)) unwatch();
        else {
          if (type === 'progress' || type === 'armProgress') watched.warm = true;
          arm();
        }
      }
      if (type === 'heartbeat') return;
      if (stopTimer && runId === stopRunId) {
        // An acknowledged stop gets longer to finish; a finished or failed run ends the watch.
        if (type === 'stopping') armStopTimer(runId, STOP_FINISH_MS);
        if (ENDS_RUN.has(type)) {
          clearTimeout(stopTimer);
          stopTimer = undefined;
        }
      }
      onEvent(e.data);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      terminate();
      onEvent({ type: 'workerLost', runId: lastRunId, message: `The training worker crashed (${e.message || 'no message'}); it will restart on the next run.` });
    };
    w.onmessageerror = () => onEvent({ type: 'error', runId: lastRunId, message: 'A message from the training worker could not be read.' });
    // First of all: every core but one for the threaded wasm build, the last one left for this page.
    w.postMessage({ type: 'init', runId: 0, wasmThreads: wasmThreadsHere() } satisfies WorkerRequest);
    return w;
  };

  return {
    send(request) {
      worker ??= spawn();
      worker.postMessage(request);
      if (request.type === 'start' || request.type === 'experiment') {
        lastRunId = request.runId;
        watched = { runId: request.runId, warm: false };
        arm();
      }
      if (request.type === 'stop') armStopTimer(request.runId, STOP_TIMEOUT_MS);
    },
    terminate,
  };
}
