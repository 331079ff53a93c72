import type { StateCreator } from 'zustand';
import { readDraft, type Config } from '../core/config';
import type { BackendName, BatchPoint, EpochReport, RunSummary, WorkerEvent } from '../worker/protocol';
import type { PredictionRow } from '../model/train';
import type { CarryState } from './store';
import { client } from './client';

export type TrainingStatus = 'idle' | 'starting' | 'training' | 'paused' | 'stopping' | 'done' | 'error';

/** Most batch-loss points kept for the chart; older ones are thinned, never re-sent. */
export const MAX_POINTS = 1_000;

export interface TrainingSlice {
  /** Generation token: events of other runs are dropped. */
  runId: number;
  status: TrainingStatus;
  /** The config of the model in the worker (what "Your sum" is read against). */
  trainedConfig: Config | undefined;
  backend: { active: BackendName; notes: string[] } | undefined;
  parameters: number | undefined;
  points: BatchPoint[];
  epochs: EpochReport[];
  table: PredictionRow[];
  summary: RunSummary | undefined;
  /** The last problem worth telling the learner, e.g. a crash. */
  message: string | undefined;
  startTraining: () => void;
  pauseTraining: () => void;
  resumeTraining: () => void;
  stopTraining: () => void;
  resetTraining: () => void;
  /** Applies one worker event (the client calls this through `getState()`). */
  receive: (event: WorkerEvent) => void;
}

export const initialTrainingState = () => ({
  status: 'idle' as TrainingStatus,
  trainedConfig: undefined,
  backend: undefined,
  parameters: undefined,
  points: [] as BatchPoint[],
  epochs: [] as EpochReport[],
  table: [] as PredictionRow[],
  summary: undefined,
  message: undefined,
});

/** Keeps at most MAX_POINTS by dropping every other old point (the newest half stays dense). */
function appendPoints(old: BatchPoint[], added: BatchPoint[]): BatchPoint[] {
  const all = old.concat(added);
  if (all.length <= MAX_POINTS) return all;
  const half = Math.floor(all.length / 2);
  return all.slice(0, half).filter((_, i) => i % 2 === 1).concat(all.slice(half));
}

export const createTrainingSlice: StateCreator<CarryState, [], [], TrainingSlice> = (set, get) => ({
  runId: 0,
  ...initialTrainingState(),

  startTraining: () => {
    const { config, errors } = readDraft(get().draft);
    if (Object.keys(errors).length > 0) return;
    const runId = get().runId + 1;
    set({ ...initialTrainingState(), runId, status: 'starting', trainedConfig: config, answer: undefined });
    client().send({ type: 'start', runId, config });
  },
  pauseTraining: () => {
    if (get().status !== 'training') return;
    client().send({ type: 'pause', runId: get().runId });
  },
  resumeTraining: () => {
    if (get().status !== 'paused') return;
    client().send({ type: 'resume', runId: get().runId });
  },
  stopTraining: () => {
    const { status, runId } = get();
    if (status !== 'training' && status !== 'paused' && status !== 'starting') return;
    set({ status: 'stopping' });
    client().send({ type: 'stop', runId });
  },
  resetTraining: () => {
    const runId = get().runId + 1;
    client().send({ type: 'dispose', runId });
    set({ ...initialTrainingState(), runId, answer: undefined, sumError: undefined });
  },

  receive: (event) => {
    const s = get();
    if (event.runId !== s.runId) return; // a run the learner has left
    switch (event.type) {
      case 'backend':
        set({ backend: { active: event.active, notes: event.notes } });
        return;
      case 'started':
        set({ status: s.status === 'stopping' ? 'stopping' : 'training', parameters: event.parameters });
        return;
      case 'progress': {
        const latest = event.epochs[event.epochs.length - 1];
        set({
          points: appendPoints(s.points, event.points),
          epochs: event.epochs.length ? s.epochs.concat(event.epochs) : s.epochs,
          table: latest ? latest.table : s.table,
        });
        if (latest) get().refreshAnswer();
        return;
      }
      case 'paused':
        if (s.status === 'training') set({ status: 'paused' });
        return;
      case 'resumed':
        if (s.status === 'paused') set({ status: 'training' });
        return;
      case 'stopping':
        return;
      case 'done':
        set({ status: 'done', summary: event.summary });
        get().refreshAnswer();
        return;
      case 'prediction':
        get().receiveAnswer(event.requestId, event.result);
        return;
      case 'error':
        set({ status: 'error', message: event.message });
        return;
      default: {
        const unknown: never = event;
        throw new Error(`Unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
});
