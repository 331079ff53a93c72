import type { StateCreator } from 'zustand';
import { problemSpec, QUESTION_KEYS } from '../core/problem';
import { configOf } from './configSlice';
import type { PredictionResult } from '../worker/protocol';
import type { CarryState } from './store';
import { client } from './client';

type Answer = Extract<PredictionResult, { ok: true }>;

/** The "Your sum" box: what the learner typed, and the model's answer to it. */
export interface AskSlice {
  sumText: string;
  /** Why the typed sum cannot be asked (shown beside the box). */
  sumError: string | undefined;
  answer: Answer | undefined;
  requestId: number;
  setSumText: (text: string) => void;
  /** Asks the model the current sum again (after an epoch, the answer may change). */
  refreshAnswer: () => void;
  receiveAnswer: (requestId: number, result: PredictionResult) => void;
}

export const initialAskState = () => ({ sumText: '50+11', sumError: undefined, answer: undefined });

export const createAskSlice: StateCreator<CarryState, [], [], AskSlice> = (set, get) => ({
  ...initialAskState(),
  requestId: 0,
  setSumText: (text) => {
    set({ sumText: text });
    get().refreshAnswer();
  },
  refreshAnswer: () => {
    const model = get().draft.model;
    const { trainedConfig, runId, status } = get().runs[model];
    const { sumText } = get();
    // Every call makes a new question, so a late answer to an older one is dropped.
    const requestId = get().requestId + 1;
    set({ requestId });
    if (!trainedConfig || status === 'error' || status === 'starting') {
      set({ answer: undefined, sumError: undefined });
      // No model yet: the sum is still checked against the settings on screen, and a shipped model answers if one fits.
      const { config, errors } = configOf(get().draft);
      if (status !== 'idle' || QUESTION_KEYS.some((k) => errors[k])) return;
      const parsed = problemSpec(config).parse(sumText);
      if (!parsed.ok) set({ sumError: sumText.trim() === '' ? undefined : parsed.error });
      else get().ensurePretrained();
      return;
    }
    const parsed = problemSpec(trainedConfig).parse(sumText);
    if (!parsed.ok) {
      set({ sumError: sumText.trim() === '' ? undefined : parsed.error, answer: undefined });
      return;
    }
    set({ sumError: undefined });
    client().send({ type: 'predict', runId, requestId, model, text: sumText });
  },
  receiveAnswer: (requestId, result) => {
    if (requestId !== get().requestId) return; // an older question
    if (result.ok && result.model !== get().draft.model) return; // another act's model
    if (result.ok) set({ answer: result, sumError: undefined });
    else set({ answer: undefined, sumError: result.error });
  },
});
