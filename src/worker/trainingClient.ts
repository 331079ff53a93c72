/**
 * The only module that touches `Worker`: starts the training worker lazily,
 * forwards requests, and turns a crash, a run that goes silent (no heartbeat)
 * or a stop that hangs into an event.
 */
import { wasmThreadsFor } from '../core/backends';
import { HEARTBEAT_MS, type WorkerEvent, type WorkerRequest } from './protocol';

/** How long the worker may take to acknowledge a stop before it is replaced. */
export const STOP_TIMEOUT_MS = 4000;
/** How long an acknowledged stop may take to finish the batch or evaluation in flight. */
export const STOP_FINISH_MS = 30_000;
/** How long a training worker may stay silent (no heartbeat, no event) before it counts as hung. */
export const HANG_TIMEOUT_MS = 5 * HEARTBEAT_MS;

/** Events that end a run or an experiment: the hang watch stops with them. */
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
  /** The hang watch: armed once a run has its backend, re-armed by every message of it, off when it ends. */
  let hangTimer: ReturnType<typeof setTimeout> | undefined;
  let watchedRunId = -1;

  const unwatch = () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = undefined;
    watchedRunId = -1;
  };
  const watch = (runId: number) => {
    if (hangTimer) clearTimeout(hangTimer);
    watchedRunId = runId;
    hangTimer = setTimeout(() => {
      terminate();
      onEvent({ type: 'workerLost', runId, message: `The training worker stopped answering for ${HANG_TIMEOUT_MS / 1000} s, so it was restarted.` });
    }, HANG_TIMEOUT_MS);
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
      // A run is watched from its backend on (choosing one may block the worker for a while), until it ends.
      if (runId === lastRunId && (type === 'backend' || runId === watchedRunId)) {
        if (ENDS_RUN.has(type)) unwatch();
        else watch(runId);
      }
      if (type === 'heartbeat') return;
      if (stopTimer && runId === stopRunId) {
        // An acknowledged stop gets longer to finish; a finished or failed run ends the watch.
        if (type === 'stopping') armStopTimer(runId, STOP_FINISH_MS);
        if (type === 'done' || type === 'experimentDone' || type === 'error') {
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
    w.postMessage({ type: 'init', runId: 0, wasmThreads: wasmThreadsFor(globalThis.navigator?.hardwareConcurrency) } satisfies WorkerRequest);
    return w;
  };

  return {
    send(request) {
      if (request.type === 'start' || request.type === 'experiment') lastRunId = request.runId;
      worker ??= spawn();
      worker.postMessage(request);
      if (request.type === 'stop') armStopTimer(request.runId, STOP_TIMEOUT_MS);
    },
    terminate,
  };
}
