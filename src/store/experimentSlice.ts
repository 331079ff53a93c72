import type { StateCreator } from 'zustand';
import type { Config } from '../core/config';
import { armConfigs, armSecondsError, EXPERIMENT_KIND, experimentById, type ArmResult } from '../core/experiments';
import type { ArmPoint, WorkerEvent } from '../worker/protocol';
import { client } from './client';
import { configOf } from './configSlice';
import type { CarryState } from './store';
import { busyModel, experimentRunning, type ExperimentStatus } from './busy';
import { knownSpeeds } from './trainingSlice';

export type { ExperimentStatus } from './busy';

/** One arm of the experiment on screen: its settings, its curve and, once finished, its figures. */
export interface Arm {
  label: string;
  config: Config;
  points: ArmPoint[];
  result: ArmResult | undefined;
}

/** Act 3: the experiment the learner picked, its arms, and the run. */
export interface ExperimentSlice {
  /** True while the Act 3 tab is on screen. */
  showExperiments: boolean;
  experimentId: string | undefined;
  arms: Arm[];
  experimentRunId: number;
  experimentStatus: ExperimentStatus;
  /** The arm in training. */
  currentArm: number | undefined;
  experimentMessage: string | undefined;
  /** Training seconds each arm may take at most. */
  armSeconds: number;
  setShowExperiments: (show: boolean) => void;
  /** Picks a ready question: its arms, built on the current settings. */
  chooseExperiment: (id: string) => void;
  /** Adds the current settings as one more arm. */
  addCurrentArm: () => void;
  removeArm: (index: number) => void;
  setArmSeconds: (seconds: number) => void;
  runExperiment: () => void;
  stopExperiment: () => void;
  receiveExperiment: (event: Extract<WorkerEvent, { type: 'armProgress' | 'armDone' | 'experimentDone' | 'error' | 'workerLost' }>) => void;
}

/** Seconds an arm may train by default: long enough for small problems to reach 99 %, short enough for a class. */
export const DEFAULT_ARM_SECONDS = 60;

export const initialExperimentState = () => ({
  showExperiments: false,
  experimentId: undefined,
  arms: [] as Arm[],
  experimentRunId: 0,
  experimentStatus: 'idle' as ExperimentStatus,
  currentArm: undefined,
  experimentMessage: undefined,
  armSeconds: DEFAULT_ARM_SECONDS,
});


export const createExperimentSlice: StateCreator<CarryState, [], [], ExperimentSlice> = (set, get) => {
  const current = () => configOf(get().draft);
  const patchArm = (index: number, change: Partial<Arm>) => set((s) => ({ arms: s.arms.map((a, i) => (i === index ? { ...a, ...change } : a)) }));

  return {
    ...initialExperimentState(),
    setShowExperiments: (show) => {
      set({ showExperiments: show });
      if (show && get().draft.model !== EXPERIMENT_KIND) get().setAct(EXPERIMENT_KIND);
    },
    chooseExperiment: (id) => {
      const e = experimentById(id);
      if (!e || experimentRunning(get())) return;
      const { config } = current();
      set({ experimentId: id, arms: armConfigs(e, config).map((a) => ({ ...a, points: [], result: undefined })), experimentStatus: 'idle', experimentMessage: undefined });
    },
    addCurrentArm: () => {
      const { config, errors } = current();
      if (Object.keys(errors).length > 0 || experimentRunning(get())) return;
      const n = get().arms.filter((a) => a.label.startsWith('your settings')).length;
      set((s) => ({ arms: [...s.arms, { label: n ? `your settings ${n + 1}` : 'your settings', config: { ...config, model: EXPERIMENT_KIND }, points: [], result: undefined }] }));
    },
    removeArm: (index) => {
      if (experimentRunning(get())) return;
      set((s) => ({ arms: s.arms.filter((_, i) => i !== index) }));
    },
    setArmSeconds: (seconds) => set({ armSeconds: seconds }),
    runExperiment: () => {
      const { arms, armSeconds } = get();
      if (arms.length === 0 || experimentRunning(get()) || busyModel(get()) || armSecondsError(armSeconds)) return;
      const runId = get().lastRunId + 1;
      set({
        lastRunId: runId,
        experimentRunId: runId,
        experimentStatus: 'running',
        currentArm: 0,
        experimentMessage: undefined,
        arms: arms.map((a) => ({ ...a, points: [], result: undefined })),
      });
      client().send({ type: 'experiment', runId, arms: arms.map(({ label, config }) => ({ label, config })), maxSeconds: armSeconds, ...(arms[0] ? knownSpeeds(get(), arms[0].config) : {}) });
    },
    stopExperiment: () => {
      if (get().experimentStatus !== 'running') return;
      set({ experimentStatus: 'stopping' });
      client().send({ type: 'stop', runId: get().experimentRunId });
    },
    receiveExperiment: (event) => {
      if (event.runId !== get().experimentRunId || event.runId === 0) return;
      switch (event.type) {
        case 'armProgress': {
          const arm = get().arms[event.arm];
          if (arm) patchArm(event.arm, { points: arm.points.concat(event.points) });
          set({ currentArm: event.arm });
          return;
        }
        case 'armDone':
          patchArm(event.arm, { result: event.result });
          set({ currentArm: event.arm + 1 < get().arms.length ? event.arm + 1 : undefined });
          return;
        case 'experimentDone':
          set({ experimentStatus: 'done', currentArm: undefined });
          return;
        case 'error':
        case 'workerLost':
          set({ experimentStatus: 'error', currentArm: undefined, experimentMessage: event.message });
          return;
        default: {
          const unknown: never = event;
          throw new Error(`Unknown event ${JSON.stringify(unknown)}`);
        }
      }
    },
  };
};
