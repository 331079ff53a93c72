import { create } from 'zustand';
import { createAskSlice, type AskSlice } from './askSlice';
import { createConfigSlice, type ConfigSlice } from './configSlice';
import { createTrainingSlice, type TrainingSlice } from './trainingSlice';

/** The whole app state: config form, training run, and the "Your sum" box. */
export type CarryState = ConfigSlice & TrainingSlice & AskSlice;

/** The one store; components subscribe to one field at a time. */
export const useCarryStore = create<CarryState>()((...a) => ({
  ...createConfigSlice(...a),
  ...createTrainingSlice(...a),
  ...createAskSlice(...a),
}));
