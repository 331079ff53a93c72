import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG, PRESETS } from '../../../src/core/config';
import { readSavedModel, writeSavedModel, type SavedModel } from '../../../src/core/savedModel';
import type { WorkerRequest } from '../../../src/worker/protocol';

const sent: WorkerRequest[] = [];
vi.mock('../../../src/store/client', () => ({ client: () => ({ send: (r: WorkerRequest) => sent.push(r), terminate: () => undefined }), setEventSink: () => undefined }));

const { useCarryStore } = await import('../../../src/store/store');
const initial = useCarryStore.getState();
const state = () => useCarryStore.getState();

const mlp = PRESETS['Act 1 · MLP (fast)'];
const shapes = [[2, 4], [4], [4, 2], [2], [2, 1], [1]];
const saved = (name = 'my MLP'): SavedModel => ({
  name,
  savedAt: '2026-11-29T10:00:00.000Z',
  pretrained: false,
  config: mlp,
  curve: [{ epoch: 1, examples: 1000, seconds: 0.5, loss: 0.2, exactMatch: 0.75, perSymbolAccuracy: null, rmse: 1.5 }],
  shapes,
  weights: shapes.map((s) => new Float32Array(s.reduce((a, b) => a * b, 1)).fill(0.25)),
});
/** Answers the latest snapshot request as the worker would. */
const answerSnapshot = (model = saved()) => {
  const req = sent.filter((r) => r.type === 'snapshot').at(-1) as Extract<WorkerRequest, { type: 'snapshot' }>;
  state().receive({ type: 'snapshot', runId: req.runId, requestId: req.requestId, model: req.model, weights: model.weights, shapes: model.shapes });
};
const flush = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  sent.length = 0;
  useCarryStore.setState(initial, true);
});
afterEach(() => vi.unstubAllGlobals());

describe('models slice: import, export, save', () => {
  it('an imported file becomes its act’s model: settings, curve, weights sent to the worker, the act shown', () => {
    state().importModel(writeSavedModel(saved()));
    const run = state().runs.mappingMlp;
    expect(run).toMatchObject({ status: 'done', trainedConfig: mlp, source: { name: 'my MLP', pretrained: false } });
    expect(run.epochs.map((e) => [e.epoch, e.exactMatch])).toEqual([[1, 0.75]]);
    expect(state().draft.model).toBe('mappingMlp');
    const load = sent.find((r) => r.type === 'load') as Extract<WorkerRequest, { type: 'load' }>;
    expect(load).toMatchObject({ runId: run.runId, model: { config: mlp } });
    expect(load.model.weights).toEqual(saved().weights);
    expect(state().modelNotice).toEqual({ ok: true, text: 'Loaded “my MLP”.' });
  });

  it('a wrong file gets its message and changes nothing', () => {
    const before = state().runs;
    state().importModel('{"format":"carry-model","version":1,"name":"x"');
    expect(state().modelNotice).toEqual({ ok: false, text: 'This is not a Carry model file: it is not JSON (or it was cut short).' });
    expect(state().runs).toBe(before);
    expect(sent).toEqual([]);
  });

  it('the worker\'s answers to the held-out sums fill the loaded model\'s table', () => {
    state().importModel(writeSavedModel(saved()));
    const { runId } = state().runs.mappingMlp;
    expect(state().runs.mappingMlp.table).toEqual([]);
    const table = [{ input: '3+4', expected: '7', predicted: '7', correct: true, value: 7.1 }];
    state().receive({ type: 'loaded', runId, requestId: 1, model: 'mappingMlp', parameters: 9, table });
    expect(state().runs.mappingMlp).toMatchObject({ status: 'done', parameters: 9, table });
  });

  it('a load the act has moved on from (another run id) changes nothing', () => {
    state().importModel(writeSavedModel(saved()));
    const before = state().runs.mappingMlp;
    state().receive({ type: 'loaded', runId: before.runId - 1, requestId: 1, model: 'mappingMlp', parameters: 9, table: [{ input: '1+1', expected: '2', predicted: '2', correct: true }] });
    expect(state().runs.mappingMlp).toBe(before);
  });

  it('the worker refusing the weights turns the act to an error, with the reason', () => {
    state().importModel(writeSavedModel(saved()));
    const { runId } = state().runs.mappingMlp;
    state().receive({ type: 'loaded', runId, requestId: 1, model: 'mappingMlp', parameters: 0, error: 'shapes differ' });
    expect(state().runs.mappingMlp).toMatchObject({ status: 'error', trainedConfig: undefined, message: 'The model could not be loaded: shapes differ' });
  });

  it('export asks the worker for the weights and writes a file that reads back the same', async () => {
    state().importModel(writeSavedModel(saved()));
    const exported = state().exportModel('copy');
    answerSnapshot();
    const out = await exported;
    expect(out?.name).toBe('copy');
    const read = readSavedModel(out!.text);
    expect(read.ok && { ...read.model, savedAt: '' }).toEqual({ ...saved('copy'), savedAt: '' });
  });

  it('export or save with no finished model says why, and asks nothing', async () => {
    expect(await state().exportModel()).toBeUndefined();
    expect(state().modelNotice).toEqual({ ok: false, text: 'Train or load a model first.' });
    useCarryStore.setState((s) => ({ runs: { ...s.runs, seq2seq: { ...s.runs.seq2seq, status: 'training', trainedConfig: DEFAULT_CONFIG } } }));
    await state().saveModel('x');
    expect(state().modelNotice).toEqual({ ok: false, text: 'Wait for the run to end (or stop it), then save.' });
    await state().saveModel('  ');
    expect(state().modelNotice).toEqual({ ok: false, text: 'Give the model a name first.' });
    expect(sent.filter((r) => r.type === 'snapshot')).toEqual([]);
  });

  it('saves in the browser, lists, renames, loads back and deletes', async () => {
    state().importModel(writeSavedModel(saved()));
    const saving = state().saveModel('first');
    await flush();
    answerSnapshot();
    await saving;
    expect(state().saved.map((m) => [m.name, m.exactMatch, m.config.model])).toEqual([['first', 0.75, 'mappingMlp']]);
    await state().renameSaved('first', 'second');
    expect(state().saved.map((m) => m.name)).toEqual(['second']);
    useCarryStore.setState(initial, true);
    sent.length = 0;
    await state().loadSaved('second');
    expect(state().runs.mappingMlp).toMatchObject({ status: 'done', source: { name: 'second' } });
    expect(sent.find((r) => r.type === 'load')).toBeDefined();
    await state().deleteSaved('second');
    expect(state().saved).toEqual([]);
    await state().loadSaved('second');
    expect(state().modelNotice).toEqual({ ok: false, text: '“second” is no longer saved in this browser.' });
  });
});

describe('before any model: the typed sum is checked, and the shipped model answers', () => {
  it('says what is wrong with a typed sum with no model trained', () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('', { status: 404 })));
    state().setSumText('abc');
    expect(state().sumError).toMatch(/./);
    state().setSumText('500+1');
    expect(state().sumError).toBe(undefined);
  });

  it('fetches the shipped model for the settings once, loads it, then asks it the sum', async () => {
    const text = readFileSync('public/pretrained/seq2seq-default.json', 'utf8');
    const fetchMock = vi.fn(async () => new Response(text));
    vi.stubGlobal('fetch', fetchMock);
    state().refreshAnswer();
    state().refreshAnswer();
    expect(state().pretrained).toEqual({ 'seq2seq-default.json': 'loading' });
    await vi.waitFor(() => expect(state().runs.seq2seq.status).toBe('done'));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledWith('pretrained/seq2seq-default.json');
    expect(state().runs.seq2seq.source).toEqual({ name: 'Act 2 · Seq2seq (pre-trained)', pretrained: true });
    expect(sent.map((r) => r.type)).toEqual(['load', 'predict']);
    expect(sent[1]).toMatchObject({ text: '50+11', model: 'seq2seq' });
  });

  it('no shipped model for other questions; a failed fetch is not retried', async () => {
    const fetchMock = vi.fn(async () => new Response('', { status: 500 }));
    vi.stubGlobal('fetch', fetchMock);
    state().setField('largest', '37');
    state().refreshAnswer();
    expect(fetchMock).not.toHaveBeenCalled();
    state().setField('largest', '100');
    state().refreshAnswer();
    await vi.waitFor(() => expect(state().pretrained['seq2seq-default.json']).toBe('failed'));
    state().refreshAnswer();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(state().runs.seq2seq.status).toBe('idle');
  });
});

describe('a loaded model gives way to training', () => {
  it('Train on an act with a loaded model starts afresh: no source, no old curve', () => {
    state().importModel(writeSavedModel(saved()));
    state().startTraining();
    expect(state().runs.mappingMlp).toMatchObject({ status: 'starting', source: undefined, epochs: [] });
  });
});

describe('the shipped model after a reset', () => {
  it('comes back from the page’s copy, without a second download', async () => {
    const text = readFileSync('public/pretrained/seq2seq-default.json', 'utf8');
    const fetchMock = vi.fn(async () => new Response(text));
    vi.stubGlobal('fetch', fetchMock);
    state().refreshAnswer();
    await vi.waitFor(() => expect(state().runs.seq2seq.source?.pretrained).toBe(true));
    state().resetTraining();
    expect(state().runs.seq2seq.status).toBe('idle');
    state().refreshAnswer();
    await vi.waitFor(() => expect(state().runs.seq2seq.source?.pretrained).toBe(true));
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('is left unread when a run starts while it downloads', async () => {
    const text = readFileSync('public/pretrained/seq2seq-default.json', 'utf8');
    let release!: () => void;
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => (release = () => resolve(new Response(text))))));
    state().refreshAnswer();
    state().startTraining();
    release();
    await vi.waitFor(() => expect(state().pretrained['seq2seq-default.json']).toBe('ready'));
    expect(state().runs.seq2seq.status).toBe('starting');
    expect(sent.some((r) => r.type === 'load')).toBe(false);
  });
});

describe('review fixes', () => {
  it('an import refused because its act is training says so, and never "Loaded"', () => {
    useCarryStore.setState((s) => ({ runs: { ...s.runs, mappingMlp: { ...s.runs.mappingMlp, status: 'training', runId: 9 } } }));
    state().importModel(writeSavedModel(saved()));
    expect(state().modelNotice).toEqual({ ok: false, text: 'A run of this model is going: stop it first.' });
    expect(state().draft.model).toBe('seq2seq');
    expect(sent.some((r) => r.type === 'load')).toBe(false);
  });

  it('a file’s own "pretrained" flag is not trusted', () => {
    state().importModel(writeSavedModel({ ...saved(), pretrained: true }));
    expect(state().runs.mappingMlp.source).toEqual({ name: 'my MLP', pretrained: false });
  });

  it('refuses a file by its size before reading it', () => {
    expect(state().refuseLargeFile(1000)).toBe(false);
    expect(state().modelNotice).toBeUndefined();
    expect(state().refuseLargeFile(3 * 2 ** 30)).toBe(true);
    expect(state().modelNotice).toEqual({ ok: false, text: 'This file is 3072 MB; a Carry model file is at most 20 MB.' });
  });

  it('an export waiting on a worker that is lost ends with a message', async () => {
    state().importModel(writeSavedModel(saved()));
    const exported = state().exportModel('x');
    await flush();
    state().receive({ type: 'workerLost', runId: 0, message: 'crashed' });
    expect(await exported).toBeUndefined();
    expect(state().modelNotice).toEqual({ ok: false, text: 'The worker was lost (crashed).' });
  });

  it('the shipped model is not loaded when the questions changed during its download', async () => {
    const text = readFileSync('public/pretrained/seq2seq-default.json', 'utf8');
    let release!: () => void;
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>((resolve) => (release = () => resolve(new Response(text))))));
    state().refreshAnswer();
    state().setField('largest', '999');
    release();
    await vi.waitFor(() => expect(state().pretrained['seq2seq-default.json']).toBe('ready'));
    expect(state().runs.seq2seq.status).toBe('idle');
    expect(sent.some((r) => r.type === 'load')).toBe(false);
  });
});
