import { MODELS, type ModelKind } from '../core/kinds';

/** Where one model's run is. */
export type TrainingStatus = 'idle' | 'starting' | 'training' | 'paused' | 'stopping' | 'done' | 'error';

/** Where the Act 3 experiment is. */
export type ExperimentStatus = 'idle' | 'running' | 'stopping' | 'done' | 'error';

/** True while a run occupies the worker. */
export const isRunning = (status: TrainingStatus): boolean =>
  status === 'starting' || status === 'training' || status === 'paused' || status === 'stopping';

/** The kind whose run occupies the worker, if any (one run at a time). */
export const busyModel = (s: { runs: Record<ModelKind, { status: TrainingStatus }> }): ModelKind | undefined =>
  MODELS.find((m) => isRunning(s.runs[m].status));

/** True while an experiment occupies the worker. */
export const experimentRunning = (s: { experimentStatus: ExperimentStatus }): boolean =>
  s.experimentStatus === 'running' || s.experimentStatus === 'stopping';
