import type { StateCreator } from 'zustand';
import { DEFAULT_CONFIG, PRESETS, readDraft, toDraft, type ConfigDraft, type PresetName } from '../core/config';
import type { CarryState } from './store';

/** The config form: what the learner typed, read and validated on every change. */
export interface ConfigSlice {
  draft: ConfigDraft;
  setField: <K extends keyof ConfigDraft>(key: K, value: ConfigDraft[K]) => void;
  applyPreset: (name: PresetName) => void;
}

export const initialConfigState = (): Pick<ConfigSlice, 'draft'> => ({ draft: toDraft(DEFAULT_CONFIG) });

export const createConfigSlice: StateCreator<CarryState, [], [], ConfigSlice> = (set) => ({
  ...initialConfigState(),
  setField: (key, value) => set((s) => ({ draft: { ...s.draft, [key]: value } })),
  applyPreset: (name) => set({ draft: toDraft(PRESETS[name]) }),
});

/** The typed config and its per-field errors. */
export const selectReadConfig = (s: Pick<CarryState, 'draft'>) => readDraft(s.draft);
