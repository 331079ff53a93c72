import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EpochReport, WorkerRequest } from '../../../src/worker/protocol';
import { LESSON_PROBLEM } from '../../../src/core/problem';
import { speedKey } from '../../../src/core/backends';

const sent: WorkerRequest[] = [];
vi.mock('../../../src/store/client', () => ({ client: () => ({ send: (r: WorkerRequest) => sent.push(r), terminate: () => undefined }), setEventSink: () => undefined }));

const { useCarryStore } = await import('../../../src/store/store');
const { MAX_POINTS } = await import('../../../src/store/trainingSlice');
const initial = useCarryStore.getState();

const epoch = (n: number): EpochReport => ({
  epoch: n, examples: n * 100, seconds: n, loss: 1 / n, perSymbolAccuracy: 0.5, exactMatch: 0.25, rmse: 3, examplesPerSecond: 100, heldOut: 200,
  table: [{ input: ' 1+2', expected: ' 3', predicted: ' 3', correct: true }],
});

describe('the store', () => {
  beforeEach(() => {
    sent.length = 0;
    useCarryStore.setState(initial, true);
  });

  it('starts a run with the typed config and applies its events', () => {
    const s = useCarryStore.getState();
    s.setField('largest', '10');
    s.startTraining();
    const start = sent.find((r) => r.type === 'start')!;
    expect(start).toMatchObject({ type: 'start', config: { largest: 10, model: 'seq2seq' } });
    const { runId } = start;
    s.receive({ type: 'started', runId, parameters: 1234 });
    s.receive({ type: 'progress', runId, points: [{ step: 1, examples: 50, loss: 2 }], epochs: [epoch(1)] });
    const run = useCarryStore.getState().runs.seq2seq;
    expect(run.status).toBe('training');
    expect(run.parameters).toBe(1234);
    expect(run.epochs).toHaveLength(1);
    expect(run.table).toHaveLength(1);
  });

  it('keeps the speeds auto measured, in this browser, and sends them with the next start of that model shape only', () => {
    const kept = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => kept.set(k, v) });
    try {
      const s = useCarryStore.getState();
      s.startTraining();
      const first = sent.find((r) => r.type === 'start') as Extract<WorkerRequest, { type: 'start' }>;
      expect(first.speeds).toBeUndefined();
      const speeds = [{ backend: 'wasm' as const, examplesPerSecond: 1900 }, { backend: 'webgl' as const, examplesPerSecond: 600 }];
      s.receive({ type: 'backend', runId: first.runId, requested: 'auto', active: 'wasm', notes: [], threads: 1, speeds, measured: true, speedKey: speedKey(first.config, 1) });
      expect(useCarryStore.getState().runs.seq2seq.backend).toEqual({ active: 'wasm', notes: [], threads: 1, speeds });
      expect(JSON.parse(kept.get('carry:backend-speeds')!)).toEqual({ [speedKey(first.config, 1)]: speeds });
      s.receive({ type: 'done', runId: first.runId, summary: { reason: 'stopped', seconds: 1, examples: 1, epochs: 1, exactMatch: 0, perSymbolAccuracy: 0, rmse: 0, loss: 1 } });
      sent.length = 0;
      useCarryStore.getState().startTraining();
      expect(sent.find((r) => r.type === 'start')).toMatchObject({ speeds });
      // Another model shape measures afresh; so does an explicit backend (it sends none).
      const again = (change: () => void) => {
        useCarryStore.getState().stopTraining();
        const { runId } = useCarryStore.getState().runs.seq2seq;
        useCarryStore.getState().receive({ type: 'done', runId, summary: { reason: 'stopped', seconds: 1, examples: 1, epochs: 1, exactMatch: 0, perSymbolAccuracy: 0, rmse: 0, loss: 1 } });
        change();
        sent.length = 0;
        useCarryStore.getState().startTraining();
        return sent.find((r) => r.type === 'start') as Extract<WorkerRequest, { type: 'start' }>;
      };
      expect(again(() => useCarryStore.getState().setField('encoderUnits', '64')).speeds).toBeUndefined();
      expect(again(() => useCarryStore.getState().setField('encoderUnits', '100')).speeds).toEqual(speeds);
      expect(again(() => useCarryStore.getState().setField('backend', 'wasm')).speeds).toBeUndefined();
      // A measurement that found no figure is not kept: the next Train measures again.
      const runId = useCarryStore.getState().runs.seq2seq.runId;
      s.receive({ type: 'backend', runId, requested: 'auto', active: 'cpu', notes: [], speeds: [{ backend: 'wasm', examplesPerSecond: null, note: 'not available' }], measured: true, speedKey: 'other' });
      expect(useCarryStore.getState().backendSpeeds.other).toBeUndefined();
      // Forgetting clears them here and in storage.
      useCarryStore.getState().forgetBackendSpeeds();
      expect(useCarryStore.getState().backendSpeeds).toEqual({});
      expect(kept.get('carry:backend-speeds')).toBe('{}');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('refuses to start with an invalid config', () => {
    const s = useCarryStore.getState();
    s.setField('batchSize', '0');
    s.startTraining();
    expect(sent.filter((r) => r.type === 'start')).toHaveLength(0);
    expect(useCarryStore.getState().runs.seq2seq.status).toBe('idle');
  });

  it('drops events of runs the learner has left', () => {
    const s = useCarryStore.getState();
    s.startTraining();
    const { runId } = sent.find((r) => r.type === 'start')!;
    s.receive({ type: 'progress', runId: runId + 99, points: [], epochs: [epoch(1)] });
    expect(useCarryStore.getState().runs.seq2seq.epochs).toHaveLength(0);
  });

  it('keeps the metric history after a crash', () => {
    const s = useCarryStore.getState();
    s.startTraining();
    const { runId } = sent.find((r) => r.type === 'start')!;
    s.receive({ type: 'started', runId, parameters: 1 });
    s.receive({ type: 'progress', runId, points: [], epochs: [epoch(1), epoch(2)] });
    s.receive({ type: 'error', runId, message: 'The training worker crashed' });
    const run = useCarryStore.getState().runs.seq2seq;
    expect(run.status).toBe('error');
    expect(run.message).toMatch(/crashed/);
    expect(run.epochs.map((e) => e.epoch)).toEqual([1, 2]);
  });

  it('runs one model at a time, and each act keeps its own run', () => {
    const s = useCarryStore.getState();
    s.startTraining();
    const first = sent.find((r) => r.type === 'start')!;
    s.receive({ type: 'started', runId: first.runId, parameters: 1 });
    s.setAct('mappingMlp');
    expect(useCarryStore.getState().draft.model).toBe('mappingMlp');
    // The act's own training defaults come with it.
    expect(useCarryStore.getState().draft.learningRate).toBe('0.003');
    useCarryStore.getState().startTraining();
    expect(sent.filter((r) => r.type === 'start')).toHaveLength(1);
    useCarryStore.getState().receive({ type: 'done', runId: first.runId, summary: { reason: 'completed', seconds: 1, examples: 10, epochs: 1, exactMatch: 1, perSymbolAccuracy: 1, rmse: 0, loss: 0 } });
    useCarryStore.getState().startTraining();
    const second = sent.filter((r) => r.type === 'start')[1];
    expect(second).toMatchObject({ config: { model: 'mappingMlp' } });
    expect(useCarryStore.getState().runs.seq2seq.status).toBe('done');
    expect(useCarryStore.getState().runs.mappingMlp.status).toBe('starting');
  });

  it('explains a diverged run', () => {
    const s = useCarryStore.getState();
    s.startTraining();
    const { runId } = sent.find((r) => r.type === 'start')!;
    s.receive({ type: 'done', runId, summary: { reason: 'diverged', restoredEpoch: 4, seconds: 1, examples: 10, epochs: 4, exactMatch: 0.5, perSymbolAccuracy: 0.7, rmse: 2, loss: 0.3 } });
    expect(useCarryStore.getState().runs.seq2seq.message).toMatch(/end of epoch 4 were put back/);
  });

  it('checks a typed sum against the trained model before asking the worker', () => {
    const s = useCarryStore.getState();
    s.setField('largest', '10');
    s.startTraining();
    // While the run is starting there is no model to ask.
    s.setSumText('5+3');
    expect(sent.some((r) => r.type === 'predict')).toBe(false);
    const { runId } = sent.find((r) => r.type === 'start')!;
    s.receive({ type: 'started', runId, parameters: 1 });
    s.setSumText('5+x');
    expect(useCarryStore.getState().sumError).toMatch(/'x' is not allowed/);
    s.setSumText('5+3');
    expect(useCarryStore.getState().sumError).toBeUndefined();
    expect(sent.at(-1)).toMatchObject({ type: 'predict', model: 'seq2seq', text: '5+3' });
  });
});

describe('answers and crashes', () => {
  beforeEach(() => {
    sent.length = 0;
  });
  it('drops a late answer to an older question and an answer from another act', () => {
    useCarryStore.setState(initial, true);
    const s = useCarryStore.getState();
    s.setField('largest', '10');
    s.startTraining();
    const { runId } = sent.find((r) => r.type === 'start')!;
    s.receive({ type: 'started', runId, parameters: 1 });
    s.setSumText('5+3');
    const asked = sent.at(-1) as Extract<WorkerRequest, { type: 'predict' }>;
    s.setSumText('5+x');
    const answer = { ok: true as const, model: 'seq2seq' as const, input: '  5+3', expected: ' 8', answer: ' 8', value: 8, probabilities: [], outsideRange: false };
    s.receive({ type: 'prediction', runId, requestId: asked.requestId, result: answer });
    expect(useCarryStore.getState().answer).toBeUndefined();
    expect(useCarryStore.getState().sumError).toMatch(/'x'/);
    s.setSumText('5+3');
    const again = sent.at(-1) as Extract<WorkerRequest, { type: 'predict' }>;
    s.receive({ type: 'prediction', runId, requestId: again.requestId, result: { ...answer, model: 'mappingMlp' } });
    expect(useCarryStore.getState().answer).toBeUndefined();
    s.receive({ type: 'prediction', runId, requestId: again.requestId, result: answer });
    expect(useCarryStore.getState().answer?.answer).toBe(' 8');
  });

  it('a lost worker fails the running act, and every other trained act loses its model but keeps its curves', () => {
    useCarryStore.setState(initial, true);
    const s = useCarryStore.getState();
    s.setAct('mappingMlp');
    useCarryStore.getState().startTraining();
    const first = sent.find((r) => r.type === 'start')!;
    useCarryStore.getState().receive({ type: 'progress', runId: first.runId, points: [], epochs: [epoch(1)] });
    useCarryStore.getState().receive({ type: 'done', runId: first.runId, summary: { reason: 'completed', seconds: 1, examples: 100, epochs: 1, exactMatch: 1, perSymbolAccuracy: null, rmse: 0, loss: 0 } });
    useCarryStore.getState().setAct('seq2seq');
    useCarryStore.getState().startTraining();
    const second = sent.filter((r) => r.type === 'start')[1];
    useCarryStore.getState().receive({ type: 'started', runId: second.runId, parameters: 1 });
    useCarryStore.getState().receive({ type: 'workerLost', runId: second.runId, message: 'The training worker crashed (boom)' });
    const { runs } = useCarryStore.getState();
    expect(runs.seq2seq.status).toBe('error');
    expect(runs.seq2seq.message).toMatch(/crashed/);
    expect(runs.mappingMlp.status).toBe('done');
    expect(runs.mappingMlp.trainedConfig).toBeUndefined();
    expect(runs.mappingMlp.epochs).toHaveLength(1);
    expect(runs.mappingMlp.message).toMatch(/train it again/);
  });

  it('trims the curves when a run continues from a checkpoint on another backend', () => {
    useCarryStore.setState(initial, true);
    const s = useCarryStore.getState();
    s.startTraining();
    const { runId } = sent.find((r) => r.type === 'start')!;
    s.receive({ type: 'progress', runId, points: [{ step: 1, examples: 100, loss: 2 }, { step: 5, examples: 500, loss: 1 }], epochs: [epoch(1), epoch(2), epoch(3)] });
    s.receive({ type: 'backend', runId, requested: 'auto', active: 'cpu', notes: ['wasm failed'], resumedFrom: { epoch: 2, examples: 200 } });
    const run = useCarryStore.getState().runs.seq2seq;
    expect(run.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(run.points.map((p) => p.examples)).toEqual([100]);
    expect(run.backend?.active).toBe('cpu');
  });
});

describe('lab experiments', () => {
  beforeEach(() => {
    sent.length = 0;
  });
  it('keeps a shuffle result that arrives after a later compare request', () => {
    useCarryStore.setState(initial, true);
    const s = useCarryStore.getState();
    s.runShuffleTest();
    const shuffle = sent.at(-1) as Extract<WorkerRequest, { type: 'shuffle' }>;
    s.runCompare();
    const compare = sent.at(-1) as Extract<WorkerRequest, { type: 'compare' }>;
    const report = { original: { exactMatch: 1, perSymbolAccuracy: 1, rmse: 0 }, shuffled: { exactMatch: 0, perSymbolAccuracy: 0.3, rmse: 40 }, changed: 1, rows: [] };
    s.receive({ type: 'comparison', runId: 0, requestId: compare.requestId, problem: { ...LESSON_PROBLEM, nNumbers: 2, largest: 100 }, heldOut: 1000, rows: [], skipped: [] });
    s.receive({ type: 'shuffled', runId: 0, requestId: shuffle.requestId, model: 'seq2seq', report });
    expect(useCarryStore.getState().shuffleReports.seq2seq).toEqual(report);
    expect(useCarryStore.getState().comparison).toMatchObject({ heldOut: 1000 });
    // An older shuffle answer than the newest request is dropped.
    s.runShuffleTest();
    s.receive({ type: 'shuffled', runId: 0, requestId: shuffle.requestId, model: 'mappingMlp', report });
    expect(useCarryStore.getState().shuffleReports.mappingMlp).toBeUndefined();
  });

  it('pause, resume and stop send their messages for the act’s run, only in the states that allow them', () => {
    useCarryStore.setState(initial, true);
    const s = useCarryStore.getState();
    s.pauseTraining();
    s.resumeTraining();
    s.stopTraining();
    expect(sent).toEqual([]);
    s.startTraining();
    const { runId } = sent.find((r) => r.type === 'start')!;
    sent.length = 0;
    s.pauseTraining(); // still starting: nothing to pause
    expect(sent).toEqual([]);
    s.receive({ type: 'started', runId, parameters: 1 });
    s.resumeTraining(); // not paused
    s.pauseTraining();
    expect(sent).toEqual([{ type: 'pause', runId }]);
    expect(useCarryStore.getState().runs.seq2seq.status).toBe('training'); // paused only once the worker says so
    s.receive({ type: 'paused', runId });
    expect(useCarryStore.getState().runs.seq2seq.status).toBe('paused');
    s.resumeTraining();
    expect(sent.at(-1)).toEqual({ type: 'resume', runId });
    s.receive({ type: 'resumed', runId });
    expect(useCarryStore.getState().runs.seq2seq.status).toBe('training');
    s.stopTraining();
    expect(sent.at(-1)).toEqual({ type: 'stop', runId });
    expect(useCarryStore.getState().runs.seq2seq.status).toBe('stopping');
    s.stopTraining();
    expect(sent.filter((r) => r.type === 'stop')).toHaveLength(1);
  });

  it('keeps at most MAX_POINTS batch-loss points, thinning the oldest half and keeping the newest dense', () => {
    useCarryStore.setState(initial, true);
    const s = useCarryStore.getState();
    s.startTraining();
    const { runId } = sent.find((r) => r.type === 'start')!;
    s.receive({ type: 'started', runId, parameters: 1 });
    const batch = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ step: from + i, examples: (from + i) * 10, loss: 1 }));
    s.receive({ type: 'progress', runId, points: batch(1, MAX_POINTS), epochs: [] });
    expect(useCarryStore.getState().runs.seq2seq.points).toHaveLength(MAX_POINTS);
    s.receive({ type: 'progress', runId, points: batch(MAX_POINTS + 1, 100), epochs: [] });
    const points = useCarryStore.getState().runs.seq2seq.points;
    const total = MAX_POINTS + 100;
    const half = Math.floor(total / 2);
    expect(points.length).toBe(Math.floor(half / 2) + (total - half));
    expect(points.length).toBeLessThanOrEqual(MAX_POINTS);
    // The newest half is every point; the oldest half every other one; order is kept.
    expect(points.slice(-(total - half)).map((p) => p.step)).toEqual(batch(half + 1, total - half).map((p) => p.step));
    expect(points.slice(0, Math.floor(half / 2)).map((p) => p.step)).toEqual(Array.from({ length: Math.floor(half / 2) }, (_, i) => 2 * i + 2));
  });
});
