import { createTrainingClient, type TrainingClient } from '../worker/trainingClient';
import { useCarryStore } from './store';

let instance: TrainingClient | undefined;

/** The one training client; its events go into the store through `getState()`. */
export function client(): TrainingClient {
  instance ??= createTrainingClient((event) => useCarryStore.getState().receive(event));
  return instance;
}
