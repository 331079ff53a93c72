/**
 * The data types the UI shows, re-exported so `src/ui` depends on the store
 * alone (never on the worker or the model, even for types).
 */
export type { ArmPoint, ArmResult, BackendName, BackendSpeed, BatchPoint, Checkpoint, ComparisonRow, EpochReport, PredictionResult, RunSummary, ShuffleReport, StressReport } from '../worker/protocol';
export type { PredictionRow } from '../model/train';
export type { HeldOutAnalysis, GroupScore } from '../core/analysis';
