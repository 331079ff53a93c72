import type { StateCreator } from 'zustand';
import { MODELS, type Config, type ModelKind } from '../core/config';
import { configOf } from './configSlice';
import type { WorkerEvent } from '../worker/protocol';
import type { ErrorMapData, MapSnapshot } from '../core/errorMap';
import { speedKey, type BackendSpeed } from '../core/backends';
import { wasmThreadsHere } from '../worker/trainingClient';
import type { BackendName, BatchPoint, Checkpoint, EpochReport, PredictionRow, RunSummary } from './types';
import { speedStorage } from './storage';
import { client } from './client';
import { busyModel, experimentRunning, isRunning } from './busy';
import type { CarryState } from './store';
import type { TrainingStatus } from './busy';

export type { TrainingStatus } from './busy';


/** Most batch-loss points kept for the chart; older ones are thinned, never re-sent. */
export const MAX_POINTS = 600;

/** One model's run: what the learner sees in that act. */
export interface RunState {
  /** Generation token: events of other runs are dropped. */
  runId: number;
  status: TrainingStatus;
  /** The config of the model in the worker (what "Your sum" is read against). */
  trainedConfig: Config | undefined;
  /** The backend the run is on: wasm with its threads; `auto` with the speeds it chose by. */
  backend: { active: BackendName; notes: string[]; threads?: number; speeds?: BackendSpeed[] } | undefined;
  parameters: number | undefined;
  points: BatchPoint[];
  epochs: EpochReport[];
  table: PredictionRow[];
  summary: RunSummary | undefined;
  /** The last problem worth telling the learner, e.g. a crash. */
  message: string | undefined;
  /** The latest weights the worker sent: a crashed run continues from here. */
  checkpoint: Checkpoint | undefined;
  /** The error map as the model answered it last, and each epoch's rights for the replay slider. */
  errorMap: ErrorMapData | undefined;
  mapSnapshots: MapSnapshot[];
  /** Set when the model was loaded (saved, imported or pre-trained) rather than trained here. */
  source: { name: string; pretrained: boolean } | undefined;
}

export interface TrainingSlice {
  /** The last run of each model kind; the act shown is `draft.model`. */
  runs: Record<ModelKind, RunState>;
  /** Last run id handed out (ids are unique across kinds). */
  lastRunId: number;
  /** Training speeds `auto` measured on this device, by model shape (`speedKey`): measured once, kept in this browser. */
  backendSpeeds: Record<string, BackendSpeed[]>;
  /** Forgets the measured speeds, so the next Train on `auto` measures again. */
  forgetBackendSpeeds: () => void;
  startTraining: () => void;
  pauseTraining: () => void;
  resumeTraining: () => void;
  /** While paused: one more batch, or (`epoch`) on to the end of the epoch. */
  stepTraining: (epoch?: boolean) => void;
  stopTraining: () => void;
  resetTraining: () => void;
  /** After a crash: trains on from the last checkpoint, keeping the curves so far. */
  continueFromCheckpoint: () => void;
  /** Applies one worker event (the client calls this through `getState()`). */
  receive: (event: WorkerEvent) => void;
  /** The worker crashed or hung and was replaced: the run `runId` failed, and every trained model is gone. */
  loseWorker: (runId: number, message: string) => void;
}

/** A run that has not started. */
export const emptyRun = (): RunState => ({
  runId: 0,
  status: 'idle',
  trainedConfig: undefined,
  backend: undefined,
  parameters: undefined,
  points: [],
  epochs: [],
  table: [],
  summary: undefined,
  message: undefined,
  checkpoint: undefined,
  errorMap: undefined,
  mapSnapshots: [],
  source: undefined,
});

export const initialTrainingState = () => ({
  runs: Object.fromEntries(MODELS.map((m) => [m, emptyRun()])) as Record<ModelKind, RunState>,
  lastRunId: 0,
  backendSpeeds: speedStorage.read(),
});

/** What a start request carries for `auto`: the speeds measured for this model shape before, if any. */
export function knownSpeeds(state: Pick<TrainingSlice, 'backendSpeeds'>, config: Config): { speeds?: BackendSpeed[] } {
  const speeds = config.backend === 'auto' ? state.backendSpeeds[speedKey(config, wasmThreadsHere())] : undefined;
  return speeds ? { speeds } : {};
}

export { busyModel, experimentRunning, isRunning } from './busy';

/** Keeps at most MAX_POINTS by dropping every other old point (the newest half stays dense). */
function appendPoints(old: BatchPoint[], added: BatchPoint[]): BatchPoint[] {
  const all = old.concat(added);
  if (all.length <= MAX_POINTS) return all;
  const half = Math.floor(all.length / 2);
  return all.slice(0, half).filter((_, i) => i % 2 === 1).concat(all.slice(half));
}

export const createTrainingSlice: StateCreator<CarryState, [], [], TrainingSlice> = (set, get) => {
  /** Updates the run of `kind`. */
  const patch = (kind: ModelKind, change: Partial<RunState>) =>
    set((s) => ({ runs: { ...s.runs, [kind]: { ...s.runs[kind], ...change } } }));
  const current = () => {
    const kind = get().draft.model;
    return { kind, run: get().runs[kind] };
  };

  return {
    ...initialTrainingState(),

    startTraining: () => {
      const { config, errors } = configOf(get().draft);
      if (Object.keys(errors).length > 0 || busyModel(get()) || experimentRunning(get())) return;
      const runId = get().lastRunId + 1;
      set({ lastRunId: runId });
      patch(config.model, { ...emptyRun(), runId, status: 'starting', trainedConfig: config });
      get().clearLab(config.model);
      get().refreshAnswer();
      client().send({ type: 'start', runId, config, ...knownSpeeds(get(), config) });
    },
    pauseTraining: () => {
      const { run } = current();
      if (run.status === 'training') client().send({ type: 'pause', runId: run.runId });
    },
    resumeTraining: () => {
      const { run } = current();
      if (run.status === 'paused') client().send({ type: 'resume', runId: run.runId });
    },
    stepTraining: (epoch = false) => {
      const { run } = current();
      if (run.status === 'paused') client().send({ type: 'step', runId: run.runId, epoch });
    },
    stopTraining: () => {
      const { kind, run } = current();
      if (run.status !== 'training' && run.status !== 'paused' && run.status !== 'starting') return;
      patch(kind, { status: 'stopping' });
      client().send({ type: 'stop', runId: run.runId });
    },
    continueFromCheckpoint: () => {
      const { kind, run } = current();
      if (run.status !== 'error' || !run.checkpoint || !run.trainedConfig || busyModel(get())) return;
      const runId = get().lastRunId + 1;
      const { checkpoint } = run;
      set({ lastRunId: runId });
      patch(kind, {
        runId,
        status: 'starting',
        message: undefined,
        epochs: run.epochs.filter((e) => e.epoch <= checkpoint.epoch),
        points: run.points.filter((p) => p.examples <= checkpoint.examples),
        mapSnapshots: run.mapSnapshots.filter((m) => m.epoch <= checkpoint.epoch),
      });
      client().send({ type: 'start', runId, config: run.trainedConfig, resume: checkpoint, ...knownSpeeds(get(), run.trainedConfig) });
    },
    resetTraining: () => {
      const { kind, run } = current();
      if (isRunning(run.status)) return;
      client().send({ type: 'dispose', runId: run.runId, model: kind });
      patch(kind, emptyRun());
      get().clearLab(kind);
      get().refreshAnswer();
    },

    loseWorker: (runId, message) => {
      get().failSnapshots(`The worker was lost (${message}).`);
      const runs = { ...get().runs };
      for (const m of MODELS) {
        const run = runs[m];
        if (run.runId === runId && runId !== 0) runs[m] = { ...run, status: 'error', message };
        else if (run.trainedConfig) {
          // The curves stay; the model does not.
          runs[m] = { ...run, status: isRunning(run.status) ? 'error' : run.status, trainedConfig: undefined, checkpoint: undefined, message: 'The training worker restarted, so this model is gone: train it again.' };
        }
      }
      set({ runs, answer: undefined });
      get().clearLab();
    },

    forgetBackendSpeeds: () => {
      set({ backendSpeeds: {} });
      speedStorage.write({});
    },

    receive: (event) => {
      // Kept only with a figure to choose by: a measurement that found nothing is tried again next time.
      if (event.type === 'backend' && event.measured && event.speedKey && event.speeds?.some((s) => (s.examplesPerSecond ?? 0) > 0)) {
        const backendSpeeds = { ...get().backendSpeeds, [event.speedKey]: event.speeds };
        set({ backendSpeeds });
        speedStorage.write(backendSpeeds);
      }
      if (event.type === 'prediction') {
        get().receiveAnswer(event.requestId, event.result);
        return;
      }
      if (event.type === 'loaded' || event.type === 'snapshot') {
        get().receiveModels(event);
        return;
      }
      if (event.type === 'shuffled' || event.type === 'comparison' || event.type === 'stressed' || event.type === 'longerScored') {
        get().receiveLab(event);
        return;
      }
      if (event.type === 'armProgress' || event.type === 'armDone' || event.type === 'experimentDone') {
        get().receiveExperiment(event);
        return;
      }
      if (event.type === 'workerLost') {
        get().loseWorker(event.runId, event.message);
        if (experimentRunning(get())) get().receiveExperiment(event);
        return;
      }
      if (event.type === 'error' && event.runId !== 0 && event.runId === get().experimentRunId) {
        get().receiveExperiment(event);
        return;
      }
      // Run id 0 is "no run": every idle act has it.
      const kind = event.runId === 0 ? undefined : MODELS.find((m) => get().runs[m].runId === event.runId);
      if (!kind) return; // a run the learner has left
      const run = get().runs[kind];
      switch (event.type) {
        case 'backend': {
          const from = event.resumedFrom;
          patch(kind, {
            backend: { active: event.active, notes: event.notes, ...(event.threads !== undefined ? { threads: event.threads } : {}), ...(event.speeds ? { speeds: event.speeds } : {}) },
            // After a backend failure the run picks up from a checkpoint: drop what comes after it.
            ...(from
              ? { epochs: run.epochs.filter((e) => e.epoch <= from.epoch), points: run.points.filter((p) => p.examples <= from.examples), mapSnapshots: run.mapSnapshots.filter((m) => m.epoch <= from.epoch) }
              : {}),
          });
          return;
        }
        case 'started':
          patch(kind, { status: run.status === 'stopping' ? 'stopping' : 'training', parameters: event.parameters });
          return;
        case 'progress': {
          const latest = event.epochs[event.epochs.length - 1];
          patch(kind, {
            points: appendPoints(run.points, event.points),
            epochs: event.epochs.length ? run.epochs.concat(event.epochs) : run.epochs,
            table: latest ? latest.table : run.table,
          });
          if (latest && kind === get().draft.model) get().refreshAnswer();
          return;
        }
        case 'paused':
          if (run.status === 'training') patch(kind, { status: 'paused' });
          return;
        case 'resumed':
          if (run.status === 'paused') patch(kind, { status: 'training' });
          return;
        case 'stopping':
        case 'heartbeat':
          return;
        case 'errorMap': {
          const { map } = event;
          const kept = run.mapSnapshots.filter((m) => m.epoch !== map.epoch);
          // The replay keeps each epoch's grid, rights and certainty, not its answers.
          const { answers: _answers, ...snapshot } = map;
          patch(kind, { errorMap: map, mapSnapshots: [...kept, snapshot] });
          return;
        }
        case 'checkpoint':
          patch(kind, { checkpoint: event.checkpoint });
          return;
        case 'done':
          patch(kind, {
            status: 'done',
            summary: event.summary,
            message:
              event.summary.reason === 'diverged'
                ? `The loss became NaN or infinite, so training stopped and the weights from ${event.summary.restoredEpoch ? `the end of epoch ${event.summary.restoredEpoch}` : 'the start'} were put back. Try a smaller learning rate.`
                : undefined,
          });
          get().recordRun(kind);
          if (kind === get().draft.model) get().refreshAnswer();
          return;
        case 'error':
          patch(kind, { status: 'error', message: event.message });
          return;
        default: {
          const unknown: never = event;
          throw new Error(`Unknown event ${JSON.stringify(unknown)}`);
        }
      }
    },
  };
};
