import type { StateCreator } from 'zustand';
import { ACT_DEFAULTS, DEFAULT_CONFIG, PRESETS, readDraft, toDraft, type ConfigDraft, type ModelKind, type PresetName } from '../core/config';
import type { CarryState } from './store';

/** The config form: what the learner typed, read and validated on every change. */
export interface ConfigSlice {
  draft: ConfigDraft;
  setField: <K extends keyof ConfigDraft>(key: K, value: ConfigDraft[K]) => void;
  applyPreset: (name: PresetName) => void;
  /** Shows another act: Act 1's mapping models or Act 2's seq2seq (keeps the problem settings). */
  setAct: (model: ModelKind) => void;
}

const parsed = new WeakMap<ConfigDraft, ReturnType<typeof readDraft>>();

/**
 * The config the form describes, and its per-field errors: read once per
 * draft and shared, so every component and action sees the same object (a
 * stable reference, safe to return from a store selector).
 */
export function configOf(draft: ConfigDraft): ReturnType<typeof readDraft> {
  let result = parsed.get(draft);
  if (!result) parsed.set(draft, (result = readDraft(draft)));
  return result;
}

export const initialConfigState = (): Pick<ConfigSlice, 'draft'> => ({ draft: toDraft(DEFAULT_CONFIG) });

export const createConfigSlice: StateCreator<CarryState, [], [], ConfigSlice> = (set, get) => ({
  ...initialConfigState(),
  setField: (key, value) => set((s) => ({ draft: { ...s.draft, [key]: value } })),
  applyPreset: (name) => {
    set({ draft: toDraft(PRESETS[name]) });
    get().refreshAnswer();
  },
  setAct: (model) => {
    if (model === get().draft.model) return;
    // The act's own training settings: those of its last run, else its defaults.
    const trained = get().runs[model].trainedConfig;
    const training = toDraft({ ...configOf(get().draft).config, ...(trained ?? ACT_DEFAULTS[model]), model });
    set((s) => ({
      draft: {
        ...training,
        nNumbers: s.draft.nNumbers,
        largest: s.draft.largest,
        seed: s.draft.seed,
        backend: s.draft.backend,
        ...(trained ? {} : { encoderUnits: s.draft.encoderUnits, decoderUnits: s.draft.decoderUnits, cell: s.draft.cell, reverseInput: s.draft.reverseInput }),
      },
    }));
    get().refreshAnswer();
  },
});
