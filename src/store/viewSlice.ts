import type { StateCreator } from 'zustand';
import { DEFAULT_CONFIG, toDraft, type Config } from '../core/config';
import { readLink, writeLink } from '../core/link';
import { configOf } from './configSlice';
import type { CarryState } from './store';

/** What the page shows around the acts: classroom mode, and what a link that opened it could not use. */
export interface ViewSlice {
  /** Large type and only the settings the act needs, for a projector. */
  classroom: boolean;
  /** Why parts of the link the page opened with were not used (each names the field). */
  linkNotices: string[];
  /** Restores the settings, the act or Act 3 question, and classroom mode from a link's query string. */
  openLink: (search: string) => void;
  setClassroom: (on: boolean) => void;
  dismissLinkNotices: () => void;
}

export const initialViewState = () => ({ classroom: false, linkNotices: [] as string[] });

export const createViewSlice: StateCreator<CarryState, [], [], ViewSlice> = (set, get) => ({
  ...initialViewState(),
  openLink: (search) => {
    const { state, notices } = readLink(search);
    set({ draft: toDraft(state.config), classroom: state.classroom, linkNotices: notices });
    get().setShowExperiments(state.experiments);
    if (state.experiment) get().chooseExperiment(state.experiment);
    get().refreshAnswer();
  },
  setClassroom: (on) => set({ classroom: on }),
  dismissLinkNotices: () => set({ linkNotices: [] }),
});

/**
 * The query string that reproduces what is on screen. A setting still being
 * typed (invalid) is left out, so the link holds its last good meaning: the default.
 */
export function linkOf(s: CarryState, options: { classroom?: boolean } = {}): string {
  const { config, errors } = configOf(s.draft);
  const shown = { ...config } as Record<string, unknown>;
  for (const key of Object.keys(errors)) shown[key] = DEFAULT_CONFIG[key as keyof Config];
  return writeLink({
    config: shown as unknown as Config,
    experiments: s.showExperiments,
    experiment: s.showExperiments ? s.experimentId : undefined,
    classroom: options.classroom ?? s.classroom,
  });
}
