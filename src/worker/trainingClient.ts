/**
 * The only module that touches `Worker`: starts the training worker lazily,
 * forwards requests, and turns a crash or a stop that hangs into an event.
 */
import type { WorkerEvent, WorkerRequest } from './protocol';

/** How long a cooperative stop may take before the worker is replaced. */
export const STOP_TIMEOUT_MS = 4000;

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

  const terminate = () => {
    worker?.terminate();
    worker = undefined;
    if (stopTimer) clearTimeout(stopTimer);
    stopTimer = undefined;
  };

  const spawn = (): Worker => {
    const w = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'carry-training' });
    w.onmessage = (e: MessageEvent<WorkerEvent>) => {
      if ((e.data.type === 'stopping' || e.data.type === 'done') && stopTimer) {
        clearTimeout(stopTimer);
        stopTimer = undefined;
      }
      onEvent(e.data);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      terminate();
      onEvent({ type: 'error', runId: lastRunId, message: `The training worker crashed (${e.message || 'no message'}); it will restart on the next run.` });
    };
    w.onmessageerror = () => onEvent({ type: 'error', runId: lastRunId, message: 'A message from the training worker could not be read.' });
    return w;
  };

  return {
    send(request) {
      if (request.type === 'start') lastRunId = request.runId;
      worker ??= spawn();
      worker.postMessage(request);
      if (request.type === 'stop') {
        if (stopTimer) clearTimeout(stopTimer);
        stopTimer = setTimeout(() => {
          terminate();
          onEvent({ type: 'error', runId: request.runId, message: 'Training did not stop in time, so the worker was restarted; the trained model was lost.' });
        }, STOP_TIMEOUT_MS);
      }
    },
    terminate,
  };
}
