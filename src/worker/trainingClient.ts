/**
 * The only module that touches `Worker`: starts the training worker lazily,
 * forwards requests, and turns a crash or a stop that hangs into an event.
 */
import type { WorkerEvent, WorkerRequest } from './protocol';

/** How long the worker may take to acknowledge a stop before it is replaced. */
export const STOP_TIMEOUT_MS = 4000;
/** How long an acknowledged stop may take to finish the batch or evaluation in flight. */
export const STOP_FINISH_MS = 30_000;

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
  };

  const spawn = (): Worker => {
    const w = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'carry-training' });
    w.onmessage = (e: MessageEvent<WorkerEvent>) => {
      const { type, runId } = e.data;
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
