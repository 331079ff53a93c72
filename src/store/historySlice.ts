import type { StateCreator } from 'zustand';
import { DEFAULT_CONFIG, toDraft, type Config, type ModelKind } from '../core/config';
import { KINDS } from '../core/kinds';
import { differences } from '../core/link';
import type { CarryState } from './store';
import type { RunSummary } from './types';

/** One finished or stopped run, kept for the page's life. */
export interface HistoryEntry {
  id: number;
  config: Config;
  /** What it changed from the defaults. */
  label: string;
  reason: RunSummary['reason'];
  examples: number;
  seconds: number;
  bestExact: number;
  /** Held-out scores per epoch, for the overlay. */
  curve: { epoch: number; examples: number; exact: number; rmse: number }[];
  /** Drawn over the current run's curves. */
  shown: boolean;
}

/** A run drawn over the charts: its name and its points. */
export interface Overlay {
  id: number;
  name: string;
  rows: HistoryEntry['curve'];
}

/** The "Runs" list: every run that ended, its curve overlaid on demand, its settings reloadable. */
export interface HistorySlice {
  history: HistoryEntry[];
  /** Keeps the run of `kind` that just ended (the store calls this on `done`). */
  recordRun: (kind: ModelKind) => void;
  toggleHistoryRun: (id: number) => void;
  /** Puts a past run's settings back in the form, on its act. */
  reloadHistoryRun: (id: number) => void;
}

/** Most runs kept; the oldest go first. */
export const MAX_HISTORY = 50;

export const initialHistoryState = () => ({ history: [] as HistoryEntry[] });

/** The shown runs of one model kind, as chart series. */
export function overlays(history: readonly HistoryEntry[], kind: ModelKind): Overlay[] {
  return history.filter((h) => h.shown && h.config.model === kind).map((h) => ({ id: h.id, name: `run ${h.id}: ${h.label}`, rows: h.curve }));
}

export const createHistorySlice: StateCreator<CarryState, [], [], HistorySlice> = (set, get) => ({
  ...initialHistoryState(),
  recordRun: (kind) => {
    const run = get().runs[kind];
    if (!run.trainedConfig || !run.summary || run.source) return;
    const entry: HistoryEntry = {
      id: run.runId,
      config: run.trainedConfig,
      // Against the act's own defaults, so an Act 1 run lists what the learner changed, not the act's recipe.
      label: `${KINDS[kind].label} · ${differences(run.trainedConfig, { ...DEFAULT_CONFIG, ...KINDS[kind].defaults, model: kind })}`,
      reason: run.summary.reason,
      examples: run.summary.examples,
      seconds: run.summary.seconds,
      bestExact: run.epochs.reduce((best, e) => Math.max(best, e.exactMatch), 0),
      curve: run.epochs.map((e) => ({ epoch: e.epoch, examples: e.examples, exact: e.exactMatch * 100, rmse: e.rmse })),
      shown: false,
    };
    set((s) => ({ history: [...s.history.filter((h) => h.id !== entry.id), entry].slice(-MAX_HISTORY) }));
  },
  toggleHistoryRun: (id) => set((s) => ({ history: s.history.map((h) => (h.id === id ? { ...h, shown: !h.shown } : h)) })),
  reloadHistoryRun: (id) => {
    const entry = get().history.find((h) => h.id === id);
    if (!entry) return;
    get().setShowExperiments(false);
    get().setAct(entry.config.model);
    set({ draft: toDraft(entry.config) });
    get().refreshAnswer();
  },
});
