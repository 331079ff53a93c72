import type { WorkerEvent } from '../worker/protocol';
import { createTrainingClient, type TrainingClient } from '../worker/trainingClient';

let instance: TrainingClient | undefined;
let sink: ((event: WorkerEvent) => void) | undefined;

/**
 * Where the worker's events go: the store registers its `receive` once it
 * exists (so this module needs no import of the store, and no import cycle).
 */
export function setEventSink(receive: (event: WorkerEvent) => void): void {
  sink = receive;
}

/** The one training client; its events go into the store through the registered sink. */
export function client(): TrainingClient {
  instance ??= createTrainingClient((event) => sink?.(event));
  return instance;
}
