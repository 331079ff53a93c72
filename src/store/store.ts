import { create } from 'zustand';
import { setEventSink } from './client';
import { createAskSlice, type AskSlice } from './askSlice';
import { createConfigSlice, type ConfigSlice } from './configSlice';
import { createExperimentSlice, type ExperimentSlice } from './experimentSlice';
import { createLabSlice, type LabSlice } from './labSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';
import { createModelsSlice, type ModelsSlice } from './modelsSlice';
import { createHistorySlice, type HistorySlice } from './historySlice';
import { createTrainingSlice, type RunState, type TrainingSlice } from './trainingSlice';

/** The whole app state: config form (its `model` is the act shown), runs, "Your sum", the lab experiments, Act 3 and the view (classroom mode, link notices). */
export type CarryState = ConfigSlice & TrainingSlice & AskSlice & LabSlice & ExperimentSlice & ViewSlice & ModelsSlice & HistorySlice;

/** The one store; components subscribe to one field at a time. */
export const useCarryStore = create<CarryState>()((...a) => ({
  ...createConfigSlice(...a),
  ...createTrainingSlice(...a),
  ...createAskSlice(...a),
  ...createLabSlice(...a),
  ...createExperimentSlice(...a),
  ...createViewSlice(...a),
  ...createModelsSlice(...a),
  ...createHistorySlice(...a),
}));

// The worker's events are applied through `getState()`, as zustand's "outside of components" pattern.
setEventSink((event) => useCarryStore.getState().receive(event));

/** Subscribes to one field of the run of the act on screen. */
export function useRun<K extends keyof RunState>(key: K): RunState[K] {
  return useCarryStore((s) => s.runs[s.draft.model][key]);
}
