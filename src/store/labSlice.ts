import type { StateCreator } from 'zustand';
import type { ModelKind } from '../core/config';
import { problemOf, type ProblemSettings } from '../core/problem';
import { configOf, PROBLEM_FIELDS } from './configSlice';
import type { ComparisonRow, LongerReport, ShuffleReport, StressReport, WorkerEvent } from '../worker/protocol';
import { client } from './client';
import type { CarryState } from './store';

/** The comparison of every trained model on one set of held-out sums. */
export interface Comparison {
  problem: ProblemSettings;
  heldOut: number;
  rows: ComparisonRow[];
  skipped: { model: ModelKind; reason: string }[];
  error?: string;
}

/** The lesson's experiments on trained models: the shuffle test and the side-by-side comparison. */
export interface LabSlice {
  shuffleReports: Partial<Record<ModelKind, ShuffleReport>>;
  shuffleErrors: Partial<Record<ModelKind, string>>;
  comparison: Comparison | undefined;
  /** The carry stress set as each model answered it. */
  stressReports: Partial<Record<ModelKind, StressReport>>;
  stressError: string | undefined;
  stressRequestId: number;
  /** The longer-numbers grid as each model answered it. */
  longerReports: Partial<Record<ModelKind, LongerReport>>;
  longerError: string | undefined;
  longerRequestId: number;
  /** Id of the newest request of each experiment (ids come from one counter); older answers are dropped. */
  shuffleRequestId: number;
  compareRequestId: number;
  lastLabId: number;
  /** Shuffles the inputs of the current act's held-out sums and asks its model again. */
  runShuffleTest: () => void;
  /** Asks the current act's model the carry stress set. */
  runStressTest: () => void;
  /** Scores the current act's model on longer numbers than it was trained on (up to its test largest). */
  runLongerTest: () => void;
  /** Scores every model trained on the current problem's questions on the same held-out expressions. */
  runCompare: () => void;
  /** Forgets a model's results and any answer still on its way (its model changed). */
  clearLab: (model?: ModelKind) => void;
  receiveLab: (event: Extract<WorkerEvent, { type: 'shuffled' | 'comparison' | 'stressed' | 'longerScored' }>) => void;
}

export const initialLabState = () => ({ shuffleReports: {}, shuffleErrors: {}, comparison: undefined, stressReports: {}, stressError: undefined, longerReports: {}, longerError: undefined });

export const createLabSlice: StateCreator<CarryState, [], [], LabSlice> = (set, get) => ({
  ...initialLabState(),
  shuffleRequestId: 0,
  compareRequestId: 0,
  stressRequestId: 0,
  longerRequestId: 0,
  lastLabId: 0,
  runShuffleTest: () => {
    const model = get().draft.model;
    const requestId = get().lastLabId + 1;
    set((s) => ({ lastLabId: requestId, shuffleRequestId: requestId, shuffleErrors: { ...s.shuffleErrors, [model]: undefined } }));
    client().send({ type: 'shuffle', runId: get().runs[model].runId, requestId, model });
  },
  runStressTest: () => {
    const model = get().draft.model;
    const requestId = get().lastLabId + 1;
    set({ lastLabId: requestId, stressRequestId: requestId, stressError: undefined });
    client().send({ type: 'stress', runId: get().runs[model].runId, requestId, model });
  },
  runLongerTest: () => {
    const model = get().draft.model;
    const requestId = get().lastLabId + 1;
    set({ lastLabId: requestId, longerRequestId: requestId, longerError: undefined });
    client().send({ type: 'longer', runId: get().runs[model].runId, requestId, model });
  },
  runCompare: () => {
    const { config, errors } = configOf(get().draft);
    if (PROBLEM_FIELDS.some((k) => errors[k])) return;
    const requestId = get().lastLabId + 1;
    set({ lastLabId: requestId, compareRequestId: requestId });
    client().send({ type: 'compare', runId: 0, requestId, problem: problemOf(config) });
  },
  clearLab: (model) => {
    // Moving both ids past every request sent so far drops answers still in flight.
    const fresh = get().lastLabId + 1;
    set((s) => ({
      lastLabId: fresh,
      shuffleRequestId: fresh,
      compareRequestId: fresh,
      stressRequestId: fresh,
      longerRequestId: fresh,
      comparison: undefined,
      stressReports: model ? { ...s.stressReports, [model]: undefined } : {},
      stressError: undefined,
      longerReports: model ? { ...s.longerReports, [model]: undefined } : {},
      longerError: undefined,
      shuffleReports: model ? { ...s.shuffleReports, [model]: undefined } : {},
      shuffleErrors: model ? { ...s.shuffleErrors, [model]: undefined } : {},
    }));
  },
  receiveLab: (event) => {
    if (event.type === 'shuffled') {
      if (event.requestId !== get().shuffleRequestId) return;
      if (event.report) set((s) => ({ shuffleReports: { ...s.shuffleReports, [event.model]: event.report } }));
      else set((s) => ({ shuffleErrors: { ...s.shuffleErrors, [event.model]: event.error } }));
    } else if (event.type === 'stressed') {
      if (event.requestId !== get().stressRequestId) return;
      if (event.report) set((s) => ({ stressReports: { ...s.stressReports, [event.model]: event.report } }));
      else set({ stressError: event.error });
    } else if (event.type === 'longerScored') {
      // Request 0 is the grid the worker scores at the end of a run: kept if that run is still the model's.
      const fresh = event.requestId === 0 ? event.runId === get().runs[event.model].runId : event.requestId === get().longerRequestId;
      if (!fresh) return;
      if (event.report) set((s) => ({ longerReports: { ...s.longerReports, [event.model]: event.report } }));
      else set({ longerError: event.error });
    } else {
      if (event.requestId !== get().compareRequestId) return;
      set({ comparison: { problem: event.problem, heldOut: event.heldOut, rows: event.rows, skipped: event.skipped, error: event.error } });
    }
  },
});
