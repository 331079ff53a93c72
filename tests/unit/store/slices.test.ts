import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG, PRESETS, toDraft } from '../../../src/core/config';
import type { EpochReport, WorkerRequest } from '../../../src/worker/protocol';

const sent: WorkerRequest[] = [];
vi.mock('../../../src/store/client', () => ({ client: () => ({ send: (r: WorkerRequest) => sent.push(r), terminate: () => undefined }), setEventSink: () => undefined }));

const { useCarryStore } = await import('../../../src/store/store');
const initial = useCarryStore.getState();
const checkpoint = { epoch: 2, examples: 200, step: 20, seconds: 2, weights: [new Float32Array(1)] };
const epoch = (n: number): EpochReport => ({ epoch: n, examples: n * 100, seconds: n, loss: 1, perSymbolAccuracy: 0.5, exactMatch: 0.5, rmse: 1, examplesPerSecond: 1, heldOut: 200, table: [] });
const point = (examples: number) => ({ step: examples / 10, examples, loss: 1 });
const startRun = () => {
  useCarryStore.getState().startTraining();
  const { runId } = sent.filter((r) => r.type === 'start').at(-1)!;
  useCarryStore.getState().receive({ type: 'started', runId, parameters: 1 });
  return runId;
};
const run = () => useCarryStore.getState().runs.seq2seq;

beforeEach(() => {
  sent.length = 0;
  useCarryStore.setState(initial, true);
});

describe('training slice: checkpoints, continue and reset', () => {
  it('keeps the newest checkpoint; after a crash, continues from it with the curves trimmed to it, under a new run id', () => {
    const s = useCarryStore.getState();
    s.continueFromCheckpoint(); // nothing to continue
    expect(sent).toEqual([]);
    const runId = startRun();
    s.receive({ type: 'progress', runId, points: [point(100), point(200), point(300)], epochs: [epoch(1), epoch(2), epoch(3)] });
    s.receive({ type: 'checkpoint', runId, checkpoint });
    expect(run().checkpoint).toEqual(checkpoint);
    s.continueFromCheckpoint(); // still training: nothing to continue
    expect(sent.filter((r) => r.type === 'start')).toHaveLength(1);
    s.receive({ type: 'error', runId, message: 'crashed' });
    s.continueFromCheckpoint();
    const resumed = sent.at(-1) as Extract<WorkerRequest, { type: 'start' }>;
    expect(resumed).toMatchObject({ type: 'start', resume: checkpoint, config: DEFAULT_CONFIG });
    expect(resumed.runId).toBe(runId + 1);
    expect(run()).toMatchObject({ runId: runId + 1, status: 'starting', message: undefined });
    expect(run().epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(run().points.map((p) => p.examples)).toEqual([100, 200]);
  });

  it('a crash without a checkpoint offers nothing to continue; a stop while starting is kept as stopping', () => {
    const s = useCarryStore.getState();
    s.startTraining();
    const { runId } = sent.at(-1)!;
    s.stopTraining();
    expect(sent.at(-1)).toEqual({ type: 'stop', runId });
    s.receive({ type: 'started', runId, parameters: 1 });
    expect(run().status).toBe('stopping');
    s.receive({ type: 'error', runId, message: 'crashed' });
    sent.length = 0;
    s.continueFromCheckpoint();
    expect(sent).toEqual([]);
  });

  it('reset frees the model in the worker and forgets the run, but never while it trains', () => {
    const s = useCarryStore.getState();
    const runId = startRun();
    s.resetTraining();
    expect(sent.filter((r) => r.type === 'dispose')).toHaveLength(0);
    s.receive({ type: 'done', runId, summary: { reason: 'completed', seconds: 1, examples: 1, epochs: 1, exactMatch: 1, perSymbolAccuracy: 1, rmse: 0, loss: 0 } });
    s.resetTraining();
    expect(sent.at(-1)).toEqual({ type: 'dispose', runId, model: 'seq2seq' });
    expect(run()).toMatchObject({ status: 'idle', runId: 0, trainedConfig: undefined, epochs: [] });
  });

  it('a lost worker fails only the run it names, and says why on the others', () => {
    const s = useCarryStore.getState();
    const runId = startRun();
    s.loseWorker(runId + 7, 'gone');
    expect(run().status).toBe('error');
    expect(run().message).toBe('The training worker restarted, so this model is gone: train it again.');
    expect(run().trainedConfig).toBeUndefined();
  });
});

describe('config slice: presets and acts', () => {
  it('a preset fills the whole form', () => {
    useCarryStore.getState().applyPreset('3-digit sums');
    expect(useCarryStore.getState().draft).toEqual(toDraft(PRESETS['3-digit sums']));
  });

  it('n_numbers carries min_numbers only while the count is fixed', () => {
    const s = useCarryStore.getState();
    s.setField('nNumbers', '3');
    expect(useCarryStore.getState().draft.minNumbers).toBe('3');
    s.setField('minNumbers', '2');
    s.setField('nNumbers', '4');
    expect(useCarryStore.getState().draft.minNumbers).toBe('2');
  });

  it('switching acts keeps the problem, seed and backend, takes the act’s training defaults, and an act’s last run settings', () => {
    const s = useCarryStore.getState();
    s.setField('largest', '9');
    s.setField('seed', '5');
    s.setField('backend', 'cpu');
    s.setField('encoderUnits', '32');
    s.setField('reverseOutput', true);
    s.setAct('seq2seq'); // already there: nothing changes
    s.setAct('mappingMlp');
    let d = useCarryStore.getState().draft;
    expect([d.model, d.largest, d.seed, d.backend, d.batchSize, d.encoderUnits, d.reverseOutput]).toEqual(['mappingMlp', '9', '5', 'cpu', '10', '32', true]);
    s.setField('epochs', '7');
    s.startTraining();
    s.setAct('seq2seq');
    d = useCarryStore.getState().draft;
    expect([d.model, d.batchSize, d.epochs]).toEqual(['seq2seq', '64', '300']);
    s.setField('encoderUnits', '64');
    s.setAct('mappingMlp');
    d = useCarryStore.getState().draft;
    // The MLP's last run: its epochs come back.
    expect([d.epochs, d.largest]).toEqual(['7', '9']);
  });
});

describe('lab slice', () => {
  it('asks the act’s model for a shuffle test and keeps an error per model', () => {
    const s = useCarryStore.getState();
    const runId = startRun();
    s.runShuffleTest();
    const req = sent.at(-1) as Extract<WorkerRequest, { type: 'shuffle' }>;
    expect(req).toMatchObject({ type: 'shuffle', runId, model: 'seq2seq' });
    s.receive({ type: 'shuffled', runId, requestId: req.requestId, model: 'seq2seq', report: undefined, error: 'Train this model first.' });
    expect(useCarryStore.getState().shuffleErrors).toEqual({ seq2seq: 'Train this model first.' });
    s.runShuffleTest();
    expect(useCarryStore.getState().shuffleErrors.seq2seq).toBeUndefined();
  });

  it('compares on the form’s problem, not while a problem field is wrong, and drops a stale comparison', () => {
    const s = useCarryStore.getState();
    s.setField('largest', 'x');
    s.runCompare();
    expect(sent).toEqual([]);
    s.setField('largest', '9');
    s.setField('operators', '+ -');
    s.runCompare();
    const first = sent.at(-1) as Extract<WorkerRequest, { type: 'compare' }>;
    expect(first.problem).toMatchObject({ largest: 9, operators: '+-' });
    s.runCompare();
    const second = sent.at(-1) as Extract<WorkerRequest, { type: 'compare' }>;
    const answer = { type: 'comparison' as const, runId: 0, problem: first.problem, heldOut: 1000, rows: [], skipped: [] };
    s.receive({ ...answer, requestId: first.requestId });
    expect(useCarryStore.getState().comparison).toBeUndefined();
    s.receive({ ...answer, requestId: second.requestId, error: 'boom' });
    expect(useCarryStore.getState().comparison).toMatchObject({ heldOut: 1000, error: 'boom' });
  });

  it('clearing one model’s results keeps the others’ and drops answers in flight', () => {
    const s = useCarryStore.getState();
    const report = { original: { exactMatch: 1, perSymbolAccuracy: 1, rmse: 0 }, shuffled: { exactMatch: 0, perSymbolAccuracy: 0, rmse: 1 }, changed: 1, rows: [] };
    useCarryStore.setState({ shuffleReports: { seq2seq: report, mappingMlp: report } });
    s.runShuffleTest();
    const req = sent.at(-1) as Extract<WorkerRequest, { type: 'shuffle' }>;
    s.clearLab('seq2seq');
    expect(useCarryStore.getState().shuffleReports).toEqual({ seq2seq: undefined, mappingMlp: report });
    s.receive({ type: 'shuffled', runId: 0, requestId: req.requestId, model: 'seq2seq', report });
    expect(useCarryStore.getState().shuffleReports.seq2seq).toBeUndefined();
    s.clearLab();
    expect(useCarryStore.getState().shuffleReports).toEqual({});
  });
});
