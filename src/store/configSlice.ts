import type { StateCreator } from 'zustand';
import { DEFAULT_CONFIG, PRESETS, readDraft, toDraft, type ConfigDraft, type ModelKind, type PresetName } from '../core/config';
import { KINDS } from '../core/kinds';
import { PROBLEM_KEYS, QUESTION_KEYS } from '../core/problem';
import type { CarryState } from './store';

/** The config form: what the learner typed, read and validated on every change. */
export interface ConfigSlice {
  draft: ConfigDraft;
  setField: <K extends keyof ConfigDraft>(key: K, value: ConfigDraft[K]) => void;
  applyPreset: (name: PresetName) => void;
  /** Shows another act: Act 1's mapping models or Act 2's seq2seq (keeps the problem settings). */
  setAct: (model: ModelKind) => void;
}

/** The settings that fix the questions asked (they carry over between acts, and Compare needs them valid). */
export const PROBLEM_FIELDS = QUESTION_KEYS;

/** How a symbol model reads and writes the questions: a model setting, kept with the act's last run. */
const READING_FIELDS = PROBLEM_KEYS.filter((k) => !(QUESTION_KEYS as readonly string[]).includes(k));

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
  setField: (key, value) =>
    set((s) => {
      const draft = { ...s.draft, [key]: value };
      // A fixed term count (min_numbers = n_numbers) stays fixed as n_numbers changes.
      if (key === 'nNumbers' && s.draft.minNumbers === s.draft.nNumbers) draft.minNumbers = value as string;
      return { draft };
    }),
  applyPreset: (name) => {
    set({ draft: toDraft(PRESETS[name]) });
    get().refreshAnswer();
  },
  setAct: (model) => {
    if (model === get().draft.model) return;
    // The act's own training settings: those of its last run, else its defaults; the problem, seed and backend carry over.
    const trained = get().runs[model].trainedConfig;
    const training = toDraft({ ...configOf(get().draft).config, ...(trained ?? KINDS[model].defaults), model });
    const keep: (keyof ConfigDraft)[] = [...PROBLEM_FIELDS, 'seed', 'backend', ...(trained ? [] : ['encoderUnits', 'decoderUnits', 'cell', ...READING_FIELDS] as const)];
    set((s) => ({ draft: { ...training, ...Object.fromEntries(keep.map((k) => [k, s.draft[k]])) } }));
    get().refreshAnswer();
  },
});
