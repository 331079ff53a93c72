import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ErrorMapData } from '../../../src/core/errorMap';
import type { WorkerRequest } from '../../../src/worker/protocol';

const sent: WorkerRequest[] = [];
vi.mock('../../../src/store/client', () => ({ client: () => ({ send: (r: WorkerRequest) => sent.push(r), terminate: () => undefined }), setEventSink: () => undefined }));

const { useCarryStore } = await import('../../../src/store/store');
const initial = useCarryStore.getState();
const state = () => useCarryStore.getState();
const map = (epoch: number, right: number[]): ErrorMapData => ({ op: '+', rows: [1, 2], cols: [1, 2], epoch, right: Uint8Array.from(right), sure: Uint8Array.from([1, 2, 3, 4]), answers: ['2', '3', '3', '4'] });

beforeEach(() => {
  sent.length = 0;
  useCarryStore.setState(initial, true);
});

describe('see inside in the store', () => {
  it('keeps the newest error map and one snapshot per epoch for the replay; other runs’ maps are dropped', () => {
    state().startTraining();
    const { runId } = sent.at(-1) as Extract<WorkerRequest, { type: 'start' }>;
    state().receive({ type: 'errorMap', runId, map: map(1, [0, 0, 1, 0]) });
    state().receive({ type: 'errorMap', runId, map: map(3, [1, 0, 1, 0]) });
    state().receive({ type: 'errorMap', runId, map: map(3, [1, 1, 1, 1]) });
    state().receive({ type: 'errorMap', runId: runId + 5, map: map(9, [0, 0, 0, 0]) });
    const run = state().runs.seq2seq;
    expect(run.errorMap?.epoch).toBe(3);
    expect(run.mapSnapshots.map((m) => [m.epoch, [...m.right]])).toEqual([[1, [0, 0, 1, 0]], [3, [1, 1, 1, 1]]]);
    state().startTraining();
  });

  it('asks the act’s model the stress set and keeps only the newest answer', () => {
    state().runStressTest();
    const first = sent.at(-1) as Extract<WorkerRequest, { type: 'stress' }>;
    expect(first).toMatchObject({ type: 'stress', model: 'seq2seq' });
    state().runStressTest();
    const second = sent.at(-1) as Extract<WorkerRequest, { type: 'stress' }>;
    const report = { exactMatch: 0.5, rows: [] };
    state().receive({ type: 'stressed', runId: 0, requestId: first.requestId, model: 'seq2seq', report });
    expect(state().stressReports.seq2seq).toBeUndefined();
    state().receive({ type: 'stressed', runId: 0, requestId: second.requestId, model: 'seq2seq', report });
    expect(state().stressReports.seq2seq).toEqual(report);
    state().runStressTest();
    const third = sent.at(-1) as Extract<WorkerRequest, { type: 'stress' }>;
    state().receive({ type: 'stressed', runId: 0, requestId: third.requestId, model: 'seq2seq', report: undefined, error: 'Train this model first.' });
    expect(state().stressError).toBe('Train this model first.');
    state().clearLab('seq2seq');
    expect(state().stressReports.seq2seq).toBeUndefined();
  });

  it('scores the act’s model on longer numbers, keeps only the newest answer, shows a refusal, and forgets it with the model', () => {
    state().runLongerTest();
    const first = sent.at(-1) as Extract<WorkerRequest, { type: 'longer' }>;
    expect(first).toMatchObject({ type: 'longer', model: 'seq2seq', runId: state().runs.seq2seq.runId });
    state().runLongerTest();
    const second = sent.at(-1) as Extract<WorkerRequest, { type: 'longer' }>;
    const report = { largest: 9, testLargest: 99, digits: [1, 2], cells: [], inRange: { count: 1, right: 1 }, beyond: { count: 3, right: 0 }, examples: [] };
    state().receive({ type: 'longerScored', runId: 0, requestId: first.requestId, model: 'seq2seq', report });
    expect(state().longerReports.seq2seq).toBeUndefined();
    state().receive({ type: 'longerScored', runId: 0, requestId: second.requestId, model: 'seq2seq', report });
    expect(state().longerReports.seq2seq).toEqual(report);
    state().runLongerTest();
    expect(state().longerError).toBeUndefined();
    const third = sent.at(-1) as Extract<WorkerRequest, { type: 'longer' }>;
    state().receive({ type: 'longerScored', runId: 0, requestId: third.requestId, model: 'seq2seq', report: undefined, error: 'set test largest above largest' });
    expect(state().longerError).toBe('set test largest above largest');
    expect(state().longerReports.seq2seq).toEqual(report);
    state().runLongerTest();
    expect(state().longerError).toBeUndefined();
    const fourth = sent.at(-1) as Extract<WorkerRequest, { type: 'longer' }>;
    state().clearLab('seq2seq');
    expect(state().longerReports.seq2seq).toBeUndefined();
    // An answer still on its way for the old model is dropped.
    state().receive({ type: 'longerScored', runId: 0, requestId: fourth.requestId, model: 'seq2seq', report });
    expect(state().longerReports.seq2seq).toBeUndefined();
  });

  it('keeps the grid the worker scores at the end of a run (request 0) only while that run is the model’s', () => {
    const report = { largest: 9, testLargest: 99, digits: [1, 2], cells: [], inRange: { count: 1, right: 1 }, beyond: { count: 3, right: 0 }, examples: [] };
    state().startTraining();
    const { runId } = sent.at(-1) as Extract<WorkerRequest, { type: 'start' }>;
    state().receive({ type: 'longerScored', runId: runId + 1, requestId: 0, model: 'seq2seq', report });
    expect(state().longerReports.seq2seq).toBeUndefined();
    state().receive({ type: 'longerScored', runId, requestId: 0, model: 'seq2seq', report });
    expect(state().longerReports.seq2seq).toEqual(report);
    // The run ends; a new one forgets the grid, and a late one of the old run is dropped.
    useCarryStore.setState((s) => ({ runs: { ...s.runs, seq2seq: { ...s.runs.seq2seq, status: 'done' } } }));
    state().startTraining();
    expect(state().runs.seq2seq.runId).toBe(runId + 1);
    expect(state().longerReports.seq2seq).toBeUndefined();
    state().receive({ type: 'longerScored', runId, requestId: 0, model: 'seq2seq', report });
    expect(state().longerReports.seq2seq).toBeUndefined();
  });
});
