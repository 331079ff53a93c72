import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArmResult } from '../../../src/core/experiments';
import type { WorkerRequest } from '../../../src/worker/protocol';

const sent: WorkerRequest[] = [];
vi.mock('../../../src/store/client', () => ({ client: () => ({ send: (r: WorkerRequest) => sent.push(r), terminate: () => undefined }), setEventSink: () => undefined }));

const { useCarryStore } = await import('../../../src/store/store');
const initial = useCarryStore.getState();

const result = (label: string): ArmResult => ({ label, examplesTo90: 1000, examplesTo99: 2000, seconds: 1, exactMatch: 0.99, best: 0.99, examples: 2000, stopped: false });
const experimentRequest = () => sent.find((r): r is Extract<WorkerRequest, { type: 'experiment' }> => r.type === 'experiment')!;

describe('Act 3 in the store', () => {
  beforeEach(() => {
    sent.length = 0;
    useCarryStore.setState(initial, true);
  });

  it('builds the arms from the current settings, and the Act 3 tab shows the seq2seq settings', () => {
    const s = useCarryStore.getState();
    s.setAct('mappingMlp');
    s.setField('largest', '9');
    s.setShowExperiments(true);
    expect(useCarryStore.getState().draft.model).toBe('seq2seq');
    s.chooseExperiment('subtraction');
    const { arms } = useCarryStore.getState();
    expect(arms.map((a) => a.label)).toEqual(['addition', 'subtraction']);
    expect(arms.map((a) => [a.config.operators, a.config.largest, a.config.model])).toEqual([['+', 9, 'seq2seq'], ['-', 9, 'seq2seq']]);
    s.addCurrentArm();
    s.addCurrentArm();
    expect(useCarryStore.getState().arms.map((a) => a.label)).toEqual(['addition', 'subtraction', 'your settings', 'your settings 2']);
    s.removeArm(0);
    expect(useCarryStore.getState().arms.map((a) => a.label)).toEqual(['subtraction', 'your settings', 'your settings 2']);
    s.chooseExperiment('no-such-question');
    expect(useCarryStore.getState().arms).toHaveLength(3);
  });

  it('runs the arms in the worker, fills each curve and result from its events, and ignores other runs', () => {
    const s = useCarryStore.getState();
    s.chooseExperiment('reverse-answer');
    s.setArmSeconds(0);
    s.runExperiment();
    expect(sent.filter((r) => r.type === 'experiment')).toHaveLength(0);
    s.setArmSeconds(30);
    s.runExperiment();
    const req = experimentRequest();
    expect(req.maxSeconds).toBe(30);
    expect(req.arms.map((a) => a.config.reverseOutput)).toEqual([false, true]);
    expect(useCarryStore.getState().experimentStatus).toBe('running');
    const { runId } = req;
    s.receive({ type: 'armProgress', runId, arm: 0, points: [{ epoch: 1, examples: 1000, exactMatch: 0.5, seconds: 1 }] });
    s.receive({ type: 'armProgress', runId: runId + 5, arm: 0, points: [{ epoch: 9, examples: 9, exactMatch: 1, seconds: 1 }] });
    s.receive({ type: 'armDone', runId, arm: 0, result: result('plain answers') });
    let state = useCarryStore.getState();
    expect(state.arms[0].points.map((p) => p.examples)).toEqual([1000]);
    expect(state.arms[0].result?.label).toBe('plain answers');
    expect(state.currentArm).toBe(1);
    s.receive({ type: 'armProgress', runId, arm: 1, points: [{ epoch: 1, examples: 1000, exactMatch: 0.7, seconds: 1 }] });
    s.receive({ type: 'experimentDone', runId, results: [result('plain answers')], stopped: false });
    state = useCarryStore.getState();
    expect(state.experimentStatus).toBe('done');
    expect(state.arms[1].points).toHaveLength(1);
    expect(state.currentArm).toBeUndefined();
  });

  it('one thing at a time: no experiment while a model trains, no training while an experiment runs; stop sends the run id', () => {
    const s = useCarryStore.getState();
    s.chooseExperiment('cells');
    s.startTraining();
    s.runExperiment();
    expect(sent.filter((r) => r.type === 'experiment')).toHaveLength(0);
    const start = sent.find((r) => r.type === 'start')!;
    s.receive({ type: 'done', runId: start.runId, summary: { reason: 'stopped', seconds: 1, examples: 1, epochs: 1, exactMatch: 0, perSymbolAccuracy: 0, rmse: 0, loss: 0 } });
    s.runExperiment();
    const { runId } = experimentRequest();
    sent.length = 0;
    s.startTraining();
    expect(sent.filter((r) => r.type === 'start')).toHaveLength(0);
    s.stopExperiment();
    expect(sent).toEqual([{ type: 'stop', runId }]);
    expect(useCarryStore.getState().experimentStatus).toBe('stopping');
    s.receive({ type: 'error', runId, message: 'wasm trap' });
    expect(useCarryStore.getState()).toMatchObject({ experimentStatus: 'error', experimentMessage: 'wasm trap' });
  });

  it('a lost worker ends a running experiment with its message; finished arms stay', () => {
    const s = useCarryStore.getState();
    s.chooseExperiment('padding');
    s.runExperiment();
    const { runId } = experimentRequest();
    s.receive({ type: 'armDone', runId, arm: 0, result: result('whole string') });
    s.receive({ type: 'workerLost', runId, message: 'The training worker crashed' });
    const state = useCarryStore.getState();
    expect(state.experimentStatus).toBe('error');
    expect(state.experimentMessage).toBe('The training worker crashed');
    expect(state.arms[0].result?.label).toBe('whole string');
  });
});
