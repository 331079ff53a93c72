import type { StateCreator } from 'zustand';
import { readDraft, type ModelKind } from '../core/config';
import type { ComparisonRow, ShuffleReport, WorkerEvent } from '../worker/protocol';
import { client } from './client';
import type { CarryState } from './store';

/** The comparison of every trained model on one set of held-out sums. */
export interface Comparison {
  heldOut: number;
  rows: ComparisonRow[];
  skipped: { model: ModelKind; reason: string }[];
}

/** The lesson's experiments on trained models: the shuffle test and the side-by-side comparison. */
export interface LabSlice {
  shuffleReports: Partial<Record<ModelKind, ShuffleReport>>;
  shuffleError: string | undefined;
  comparison: Comparison | undefined;
  /** The newest request of each experiment; older answers are dropped. */
  shuffleRequestId: number;
  compareRequestId: number;
  /** Shuffles the inputs of the current act's held-out sums and asks its model again. */
  runShuffleTest: () => void;
  /** Scores every trained model of the current problem on the same held-out sums. */
  runCompare: () => void;
  clearLab: (model: ModelKind) => void;
  receiveLab: (event: Extract<WorkerEvent, { type: 'shuffled' | 'comparison' }>) => void;
}

export const initialLabState = () => ({ shuffleReports: {}, shuffleError: undefined, comparison: undefined });

export const createLabSlice: StateCreator<CarryState, [], [], LabSlice> = (set, get) => ({
  ...initialLabState(),
  shuffleRequestId: 0,
  compareRequestId: 0,
  runShuffleTest: () => {
    const model = get().draft.model;
    const requestId = Math.max(get().shuffleRequestId, get().compareRequestId) + 1;
    set({ shuffleRequestId: requestId, shuffleError: undefined });
    client().send({ type: 'shuffle', runId: get().runs[model].runId, requestId, model });
  },
  runCompare: () => {
    const { config } = readDraft(get().draft);
    const requestId = Math.max(get().shuffleRequestId, get().compareRequestId) + 1;
    set({ compareRequestId: requestId });
    client().send({ type: 'compare', runId: 0, requestId, problem: { nNumbers: config.nNumbers, largest: config.largest } });
  },
  clearLab: (model) => {
    const { [model]: _gone, ...rest } = get().shuffleReports;
    set({ shuffleReports: rest, comparison: undefined });
  },
  receiveLab: (event) => {
    const newest = event.type === 'shuffled' ? get().shuffleRequestId : get().compareRequestId;
    if (event.requestId !== newest) return;
    if (event.type === 'shuffled') {
      if (event.report) set((s) => ({ shuffleReports: { ...s.shuffleReports, [event.model]: event.report } }));
      else set({ shuffleError: event.error });
    } else {
      set({ comparison: { heldOut: event.heldOut, rows: event.rows, skipped: event.skipped } });
    }
  },
});
