import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { EpochReport, WorkerRequest } from '../../../src/worker/protocol';

const sent: WorkerRequest[] = [];
vi.mock('../../../src/store/client', () => ({ client: () => ({ send: (r: WorkerRequest) => sent.push(r), terminate: () => undefined }), setEventSink: () => undefined }));

const { useCarryStore } = await import('../../../src/store/store');
const { overlays, MAX_HISTORY } = await import('../../../src/store/historySlice');
const { configOf } = await import('../../../src/store/configSlice');
const initial = useCarryStore.getState();
const state = () => useCarryStore.getState();
const epoch = (n: number, exact: number): EpochReport => ({ epoch: n, examples: n * 1000, seconds: n, loss: 1 / n, perSymbolAccuracy: 0.9, exactMatch: exact, rmse: 2 / n, examplesPerSecond: 1000, heldOut: 1000, table: [] });

/** Trains (as the worker would answer) a run with these held-out scores, ending for `reason`. */
function finishRun(exacts: number[], reason: 'completed' | 'stopped' = 'completed') {
  state().startTraining();
  const { runId } = sent.filter((r) => r.type === 'start').at(-1)!;
  state().receive({ type: 'started', runId, parameters: 1 });
  state().receive({ type: 'progress', runId, points: [], epochs: exacts.map((x, i) => epoch(i + 1, x)) });
  const last = exacts.length;
  state().receive({ type: 'done', runId, summary: { reason, seconds: last, examples: last * 1000, epochs: last, exactMatch: exacts.at(-1)!, perSymbolAccuracy: 0.9, rmse: 1, loss: 1 } });
  return runId;
}

beforeEach(() => {
  sent.length = 0;
  useCarryStore.setState(initial, true);
});

describe('run history', () => {
  it('keeps every run that ends, labelled by what it changed, with its best exact-match', () => {
    const first = finishRun([0.2, 0.9, 0.8]);
    state().setField('largest', '10');
    state().setField('seed', '3');
    const second = finishRun([0.5], 'stopped');
    expect(state().history.map((h) => [h.id, h.label, h.reason, h.examples, h.seconds, h.bestExact])).toEqual([
      [first, 'Act 2 · Seq2seq · defaults', 'completed', 3000, 3, 0.9],
      [second, 'Act 2 · Seq2seq · largest 10 · seed 3', 'stopped', 1000, 1, 0.5],
    ]);
  });

  it('overlays only the ticked runs of the act on screen, exact-match in per cent by epoch and examples', () => {
    const id = finishRun([0.25, 0.5]);
    finishRun([0.1]);
    expect(overlays(state().history, 'seq2seq')).toEqual([]);
    state().toggleHistoryRun(id);
    expect(overlays(state().history, 'seq2seq')).toEqual([
      { id, name: `run ${id}: Act 2 · Seq2seq · defaults`, rows: [{ epoch: 1, examples: 1000, exact: 25, rmse: 2 }, { epoch: 2, examples: 2000, exact: 50, rmse: 1 }] },
    ]);
    expect(overlays(state().history, 'mappingMlp')).toEqual([]);
    state().toggleHistoryRun(id);
    expect(overlays(state().history, 'seq2seq')).toEqual([]);
  });

  it('puts a past run’s settings back in the form', () => {
    state().setField('largest', '10');
    const id = finishRun([0.5]);
    state().setField('largest', '50');
    state().reloadHistoryRun(id);
    expect(configOf(state().draft).config).toEqual({ ...DEFAULT_CONFIG, largest: 10 });
  });

  it('keeps the newest runs only, and never a loaded model', () => {
    for (let i = 0; i < MAX_HISTORY + 2; i++) finishRun([0.1]);
    expect(state().history).toHaveLength(MAX_HISTORY);
    expect(state().history[0].id).toBe(3);
    useCarryStore.setState((s) => ({ runs: { ...s.runs, seq2seq: { ...s.runs.seq2seq, source: { name: 'x', pretrained: true } } } }));
    state().recordRun('seq2seq');
    expect(state().history).toHaveLength(MAX_HISTORY);
  });
});
