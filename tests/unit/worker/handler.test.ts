import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LESSON_PROBLEM } from '../../../src/core/problem';
import { DEFAULT_CONFIG, type Config } from '../../../src/core/config';
import { KINDS } from '../../../src/core/kinds';
import { speedKey, type BackendSpeed } from '../../../src/core/backends';
import { chooseBackend, createHandler, measureHere } from '../../../src/worker/handler';
import { COMPARE_SIZE } from '../../../src/worker/protocol';
import type { WorkerEvent, WorkerRequest } from '../../../src/worker/protocol';

const tiny: Config = { ...DEFAULT_CONFIG, largest: 5, encoderUnits: 8, decoderUnits: 8, epochs: 3, examplesPerEpoch: 200, batchSize: 20, learningRate: 0.02, backend: 'cpu' };

function harness({ mapBudget }: { mapBudget?: number } = {}) {
  const events: WorkerEvent[] = [];
  // Error maps arrive whenever the map is due (and after done): kept apart, so tests read the other events in order.
  const maps: Of<'errorMap'>[] = [];
  // Heartbeats too: a run over a second long posts them (the heartbeat test reads them).
  const beats: Of<'heartbeat'>[] = [];
  const handle = createHandler({ mapBudget, post: (e) => (e.type === 'errorMap' ? maps.push(e) : e.type === 'heartbeat' ? beats.push(e) : events.push(e)) });
  const next = async (type: WorkerEvent['type'], timeoutMs = 10_000) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find((e) => e.type === type);
      if (found) return found;
      if (Date.now() > end) throw new Error(`no ${type} event; got ${events.map((e) => e.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { events, maps, beats, handle, next };
}

async function waitUntil(ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Of<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }>;
const tinyMlp: Config = { ...tiny, model: 'mappingMlp', epochs: 1, learningRate: 0.01 };
const tinySeq: Config = { ...tiny, epochs: 1 };

describe('worker message handler', () => {
  it('runs a start to done: backend, started, progress with epochs, done — all with the runId', async () => {
    const { events, handle } = harness();
    await handle({ type: 'start', runId: 4, config: tiny });
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('backend');
    expect(types[1]).toBe('started');
    expect(types.at(-1)).toBe('done');
    expect(events.every((e) => e.runId === 4)).toBe(true);
    const progress = events.filter((e): e is Extract<WorkerEvent, { type: 'progress' }> => e.type === 'progress');
    const epochs = progress.flatMap((p) => p.epochs);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(progress.flatMap((p) => p.points)).toHaveLength(30);
    // Batched: far fewer messages than batches.
    expect(progress.length).toBeLessThan(30);
    // Only the newest epoch of a message carries its table.
    expect(epochs.at(-1)!.table).toHaveLength(20);
    const done = events.at(-1) as Extract<WorkerEvent, { type: 'done' }>;
    expect(done.summary.reason).toBe('completed');
    expect(done.summary.examples).toBe(600);
    await handle({ type: 'dispose', runId: 4 });
  });

  it('answers predictions after training, with a specific error for bad input', async () => {
    const { events, handle } = harness();
    await handle({ type: 'predict', runId: 1, requestId: 1, model: 'seq2seq', text: '5+3' });
    expect(events.at(-1)).toMatchObject({ type: 'prediction', requestId: 1, result: { ok: false, error: expect.stringMatching(/Train a model first/) } });
    await handle({ type: 'start', runId: 1, config: { ...tiny, epochs: 1 } });
    await handle({ type: 'predict', runId: 1, requestId: 2, model: 'seq2seq', text: '5+3' });
    const ok = events.at(-1) as Extract<WorkerEvent, { type: 'prediction' }>;
    expect(ok.requestId).toBe(2);
    expect(ok.result.ok).toBe(true);
    if (ok.result.ok) {
      expect(ok.result.input).toBe('5+3');
      expect(ok.result.expected).toBe(' 8');
      expect(ok.result.probabilities).toHaveLength(2);
    }
    await handle({ type: 'predict', runId: 1, requestId: 3, model: 'seq2seq', text: '5+x' });
    expect(events.at(-1)).toMatchObject({ type: 'prediction', requestId: 3, result: { ok: false, error: expect.stringContaining("'x'") } });
    await handle({ type: 'dispose', runId: 1 });
  });

  it('pauses, answers a prediction while paused, resumes and stops within a batch', async () => {
    const { events, handle, next } = harness();
    const before = tf.memory().numTensors;
    const run = handle({ type: 'start', runId: 2, config: { ...tiny, epochs: 200 } });
    await next('started');
    await handle({ type: 'pause', runId: 2 });
    await next('paused');
    await handle({ type: 'predict', runId: 2, requestId: 9, model: 'seq2seq', text: '1+2' });
    expect(events.at(-1)).toMatchObject({ type: 'prediction', requestId: 9, result: { ok: true } });
    await handle({ type: 'resume', runId: 2 });
    await next('resumed');
    // Pause again: once paused, every batch trained so far has been reported.
    const pausedBefore = events.filter((e) => e.type === 'paused').length;
    await handle({ type: 'pause', runId: 2 });
    await waitUntil(() => events.filter((e) => e.type === 'paused').length > pausedBefore);
    const points = events.flatMap((e) => (e.type === 'progress' ? e.points : []));
    const trained = points.at(-1)!.examples;
    // Stop while paused: not one more batch is trained.
    await handle({ type: 'stop', runId: 2 });
    await run;
    const done = events.find((e) => e.type === 'done') as Extract<WorkerEvent, { type: 'done' }>;
    expect(done.summary.reason).toBe('stopped');
    expect(done.summary.examples).toBe(trained);
    expect(events.flatMap((e) => (e.type === 'progress' ? e.points : [])).at(-1)!.examples).toBe(trained);
    expect(points.map((p) => p.step)).toEqual(points.map((_, i) => i + 1));
    expect(events.some((e) => e.type === 'stopping')).toBe(true);
    await handle({ type: 'dispose', runId: 2 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('beats every second while a run is in flight, paused included, and stops beating when it ends', async () => {
    const { beats, handle, next } = harness();
    const run = handle({ type: 'start', runId: 6, config: { ...tiny, epochs: 200 } });
    await next('started');
    await handle({ type: 'pause', runId: 6 });
    await next('paused');
    const atPause = beats.length;
    // Paused, the worker trains nothing, yet it still says it is alive.
    await new Promise((r) => setTimeout(r, 2_300));
    // Two or three in 2.3 s; at least one on a machine busy enough to hold timers back.
    expect(beats.length - atPause).toBeGreaterThanOrEqual(1);
    expect(beats.length - atPause).toBeLessThanOrEqual(3);
    expect(beats.every((b) => b.runId === 6)).toBe(true);
    await handle({ type: 'stop', runId: 6 });
    await run;
    const afterRun = beats.length;
    await new Promise((r) => setTimeout(r, 1_300));
    expect(beats.length).toBe(afterRun);
    await handle({ type: 'dispose', runId: 6 });
  });

  it('ignores control requests for a run it is not running', async () => {
    const { events, handle, next } = harness();
    const run = handle({ type: 'start', runId: 5, config: { ...tiny, epochs: 2 } });
    await next('started');
    await handle({ type: 'pause', runId: 4 });
    await run;
    expect(events.some((e) => e.type === 'paused')).toBe(false);
    await handle({ type: 'dispose', runId: 5 });
  });

  it('keeps a stop that arrives while the run is still starting', async () => {
    const { events, handle } = harness();
    const run = handle({ type: 'start', runId: 6, config: { ...tiny, epochs: 50 } });
    // No await: the stop lands while the backend is still being chosen.
    await handle({ type: 'stop', runId: 6 });
    await run;
    const done = events.find((e) => e.type === 'done') as Extract<WorkerEvent, { type: 'done' }>;
    expect(done.summary.reason).toBe('stopped');
    expect(done.summary.examples).toBe(0);
    await handle({ type: 'dispose', runId: 6 });
  });

  it('auto picks the fastest measured backend that starts, and notes every figure', async () => {
    const measure = vi.fn(async (): Promise<BackendSpeed[]> => [
      { backend: 'webgl', examplesPerSecond: 900 },
      { backend: 'wasm', examplesPerSecond: 1900 },
      { backend: 'webgpu', examplesPerSecond: null, note: 'not available' },
    ]);
    const made = await chooseBackend('auto', { config: tiny, measure });
    expect(measure).toHaveBeenCalledTimes(1);
    expect(made).toEqual({
      active: 'wasm',
      notes: [expect.stringMatching(/^auto measured in \d+\.\d s: webgl 900 ex\/s · wasm 1\u2009900 ex\/s · webgpu not available$/)],
      speeds: await measure.mock.results[0].value,
      measured: true,
    });
    await tf.setBackend('cpu');
  });

  it('keys the speeds it measured by the wasm threads the page asked for, as the page looks them up', async () => {
    const events: WorkerEvent[] = [];
    const measure = async (): Promise<BackendSpeed[]> => [{ backend: 'wasm', examplesPerSecond: 1900 }];
    const handle = createHandler({ post: (e) => void events.push(e), measure, seeInside: false });
    await handle({ type: 'init', runId: 0, wasmThreads: 3 });
    const config = { ...tiny, backend: 'auto' as const, epochs: 1, examplesPerEpoch: 20 };
    await handle({ type: 'start', runId: 11, config });
    const backend = events.find((e) => e.type === 'backend');
    expect(backend).toMatchObject({ type: 'backend', speedKey: speedKey(config, 3), measured: true });
    await handle({ type: 'dispose', runId: 11 });
    await tf.setBackend('cpu');
  });

  it('auto goes down the ranking when the fastest cannot start, and uses speeds known from before without measuring', async () => {
    const measure = vi.fn(async (): Promise<BackendSpeed[]> => []);
    // No WebGL in Node: ranked first, it is tried, noted, and the next one starts.
    const known: BackendSpeed[] = [
      { backend: 'wasm', examplesPerSecond: 1500 },
      { backend: 'webgl', examplesPerSecond: 4000 },
    ];
    const made = await chooseBackend('auto', { config: tiny, known, measure });
    expect(measure).not.toHaveBeenCalled();
    expect(made.active).toBe('wasm');
    expect(made.measured).toBe(false);
    expect(made.notes).toEqual(['auto measured earlier on this device: wasm 1\u2009500 ex/s · webgl 4\u2009000 ex/s', 'webgl could not start on this device']);
    // Nothing measured at all: wasm, then cpu.
    expect((await chooseBackend('auto', { config: tiny, measure })).active).toBe('wasm');
    // Speeds from before without one figure count as unknown: measured again.
    const none = await chooseBackend('auto', { config: tiny, known: [{ backend: 'webgl', examplesPerSecond: null, note: 'not available' }], measure });
    expect(measure).toHaveBeenCalledTimes(2);
    expect(none.measured).toBe(true);
    await tf.setBackend('cpu');
  });

  it('auto without a model to train (a load) keeps the backend that runs and measures nothing', async () => {
    await tf.setBackend('cpu');
    const measure = vi.fn(async (): Promise<BackendSpeed[]> => []);
    expect(await chooseBackend('auto', { measure })).toEqual({ active: 'cpu', notes: [] });
    expect(measure).not.toHaveBeenCalled();
  });

  it('measures the real backends here: wasm gets a figure; Node registers no GPU backend to try', async () => {
    const before = tf.memory().numTensors;
    const speeds = await measureHere({ ...tiny, backend: 'auto' });
    expect(speeds).toEqual([{ backend: 'wasm', examplesPerSecond: expect.any(Number) }]);
    expect(speeds[0].examplesPerSecond).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    await tf.setBackend('cpu');
  });

  it('a start on auto posts the speeds, whether they were measured, and wasm’s threads; known speeds are passed on', async () => {
    const measure = vi.fn(async (): Promise<BackendSpeed[]> => [{ backend: 'wasm', examplesPerSecond: 1234 }]);
    const events: WorkerEvent[] = [];
    const handle = createHandler({ post: (e) => events.push(e), measure });
    await handle({ type: 'init', runId: 0, wasmThreads: 3 });
    const config: Config = { ...tiny, backend: 'auto', epochs: 1 };
    await handle({ type: 'start', runId: 40, config });
    // Node runs wasm's build without threads: one, whatever was asked (the browser test reads a real count).
    expect(events[0]).toMatchObject({ type: 'backend', runId: 40, requested: 'auto', active: 'wasm', measured: true, speeds: [{ backend: 'wasm', examplesPerSecond: 1234 }], threads: 1 });
    await handle({ type: 'start', runId: 41, config, speeds: [{ backend: 'wasm', examplesPerSecond: 999 }] });
    expect(measure).toHaveBeenCalledTimes(1);
    expect(events.find((e) => e.type === 'backend' && e.runId === 41)).toMatchObject({ measured: false, speeds: [{ backend: 'wasm', examplesPerSecond: 999 }] });
    // Known speeds with a backend left to measure (it was still compiling) are measured again.
    await handle({ type: 'start', runId: 43, config, speeds: [{ backend: 'wasm', examplesPerSecond: 999 }, { backend: 'webgl', examplesPerSecond: null, pending: true }] });
    expect(measure).toHaveBeenCalledTimes(2);
    expect(events.find((e) => e.type === 'backend' && e.runId === 43)).toMatchObject({ measured: true, speeds: [{ backend: 'wasm', examplesPerSecond: 1234 }] });
    // An explicit choice measures nothing and carries no speeds.
    await handle({ type: 'start', runId: 42, config: { ...config, backend: 'cpu' } });
    const cpu = events.find((e) => e.type === 'backend' && e.runId === 42) as Of<'backend'>;
    expect(cpu.speeds).toBeUndefined();
    expect(cpu.threads).toBeUndefined();
    await handle({ type: 'dispose', runId: 42 });
  });

  it('keeps one model per kind and compares the trained ones on the same problem', async () => {
    const { events, handle } = harness();
    const before = tf.memory().numTensors;
    await handle({ type: 'start', runId: 10, config: tinyMlp });
    await handle({ type: 'start', runId: 11, config: tinySeq });
    expect(events.filter((e) => e.type === 'done').map((e) => e.runId)).toEqual([10, 11]);
    const started = events.filter((e): e is Of<'started'> => e.type === 'started');
    expect(started.map((e) => e.parameters)).toEqual([25, expect.any(Number)]);

    await handle({ type: 'compare', runId: 11, requestId: 1, problem: { ...LESSON_PROBLEM, nNumbers: 2, largest: 5 } });
    const cmp = events.at(-1) as Of<'comparison'>;
    expect(cmp.type).toBe('comparison');
    expect(cmp.requestId).toBe(1);
    expect(cmp.heldOut).toBe(COMPARE_SIZE);
    expect(cmp.rows.map((r) => r.model)).toEqual(['mappingMlp', 'seq2seq']);
    const [mlp, seq] = cmp.rows;
    expect(mlp.parameters).toBe(25);
    expect(seq.parameters).toBe(started[1].parameters);
    expect(seq.parameters).toBe(KINDS.seq2seq.parameters(tinySeq));
    expect(mlp.perSymbolAccuracy).toBeNull();
    expect(seq.perSymbolAccuracy).not.toBeNull();
    for (const row of cmp.rows) {
      expect(row.epochs).toBe(1);
      expect(row.examples).toBe(200);
    }
    // The same models on the same sums score the same; a model that is not perfect has an RMSE.
    await handle({ type: 'compare', runId: 11, requestId: 3, problem: { ...LESSON_PROBLEM, nNumbers: 2, largest: 5 } });
    expect((events.at(-1) as Of<'comparison'>).rows).toEqual(cmp.rows);
    for (const row of cmp.rows) if (row.exactMatch < 1) expect(row.rmse).toBeGreaterThan(0);
    expect(cmp.skipped).toEqual([{ model: 'mappingLstm', reason: 'not trained yet' }]);

    await handle({ type: 'compare', runId: 11, requestId: 2, problem: { ...LESSON_PROBLEM, nNumbers: 2, largest: 7 } });
    const other = events.at(-1) as Of<'comparison'>;
    expect(other.requestId).toBe(2);
    expect(other.rows).toEqual([]);
    expect(other.skipped.map((s) => s.model)).toEqual(['mappingLstm', 'mappingMlp', 'seq2seq']);
    expect(other.skipped[0].reason).toBe('not trained yet');
    for (const s of other.skipped.slice(1)) expect(s.reason).toMatch(/trained on other questions \(n_numbers 2, largest 5, \+\)/);

    await handle({ type: 'dispose', runId: 11 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('shuffles a trained model and says to train an untrained one first', async () => {
    const { events, handle } = harness();
    await handle({ type: 'shuffle', runId: 12, requestId: 1, model: 'mappingMlp' });
    const none = events.at(-1) as Of<'shuffled'>;
    expect(none).toMatchObject({ type: 'shuffled', requestId: 1, model: 'mappingMlp' });
    expect(none.report).toBeUndefined();
    expect(none.error).toMatch(/[Tt]rain/);

    await handle({ type: 'start', runId: 12, config: tinyMlp });
    await handle({ type: 'shuffle', runId: 12, requestId: 2, model: 'mappingMlp' });
    const got = events.at(-1) as Of<'shuffled'>;
    expect(got).toMatchObject({ type: 'shuffled', requestId: 2, model: 'mappingMlp' });
    expect(got.error).toBeUndefined();
    expect(got.report!.rows.length).toBeGreaterThan(0);
    expect(got.report!.original.perSymbolAccuracy).toBeNull();
    for (const row of got.report!.rows) {
      expect(row.shuffledInput.split('+').sort()).toEqual(row.input.split('+').sort());
    }

    // Another kind is still untrained.
    await handle({ type: 'shuffle', runId: 12, requestId: 3, model: 'seq2seq' });
    expect(events.at(-1)).toMatchObject({ type: 'shuffled', requestId: 3, model: 'seq2seq', report: undefined, error: expect.any(String) });
    await handle({ type: 'dispose', runId: 12 });
  });

  it('answers a mapping model with its sum, and dispose with a model frees only that kind', async () => {
    const { events, handle } = harness();
    const before = tf.memory().numTensors;
    await handle({ type: 'start', runId: 13, config: tinyMlp });
    await handle({ type: 'start', runId: 14, config: tinySeq });
    await handle({ type: 'predict', runId: 14, requestId: 1, model: 'mappingMlp', text: '5+3' });
    const p = events.at(-1) as Of<'prediction'>;
    expect(p.requestId).toBe(1);
    expect(p.result.ok).toBe(true);
    if (p.result.ok) {
      expect(p.result.model).toBe('mappingMlp');
      expect(p.result.input).toBe('5+3');
      expect(p.result.expected).toBe('8');
      expect(p.result.probabilities).toEqual([]);
      expect(Number.isFinite(p.result.value)).toBe(true);
      expect(p.result.answer).toBe(String(Math.round(p.result.value)));
      expect(p.result.outsideRange).toBe(false);
    }

    await handle({ type: 'dispose', runId: 14, model: 'mappingMlp' });
    await handle({ type: 'predict', runId: 14, requestId: 2, model: 'mappingMlp', text: '5+3' });
    expect(events.at(-1)).toMatchObject({ type: 'prediction', requestId: 2, result: { ok: false, error: expect.stringMatching(/Train a model first/) } });
    await handle({ type: 'predict', runId: 14, requestId: 3, model: 'seq2seq', text: '5+3' });
    expect(events.at(-1)).toMatchObject({ type: 'prediction', requestId: 3, result: { ok: true, model: 'seq2seq', expected: ' 8' } });
    // The disposed kind is gone from compare too.
    await handle({ type: 'compare', runId: 14, requestId: 4, problem: { ...LESSON_PROBLEM, nNumbers: 2, largest: 5 } });
    const cmp = events.at(-1) as Of<'comparison'>;
    expect(cmp.rows.map((r) => r.model)).toEqual(['seq2seq']);
    expect(cmp.skipped).toContainEqual({ model: 'mappingMlp', reason: 'not trained yet' });

    await handle({ type: 'dispose', runId: 14 });
    await handle({ type: 'predict', runId: 14, requestId: 5, model: 'seq2seq', text: '5+3' });
    expect(events.at(-1)).toMatchObject({ type: 'prediction', requestId: 5, result: { ok: false } });
    expect(events.some((e) => e.type === 'error')).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('backend failure during a run', () => {
  it('says so and carries on with the next backend', async () => {
    const { events, handle, next } = harness();
    const run = handle({ type: 'start', runId: 11, config: { ...tiny, backend: 'wasm', epochs: 4 } });
    await next('progress');
    // Sabotage the running model the way a lost context would: its weights vanish.
    const registered = tf.engine().registeredVariables;
    const victim = Object.keys(registered).filter((n) => n.endsWith('encoder/kernel')).at(-1)!;
    registered[victim].dispose();
    await run;
    const backends = events.filter((e): e is Extract<WorkerEvent, { type: 'backend' }> => e.type === 'backend');
    expect(backends.map((b) => b.active)).toEqual(['wasm', 'cpu']);
    expect(backends[1].notes.at(-1)).toMatch(/wasm failed during training \(.+\); continued on cpu from the start/);
    expect(backends[1].resumedFrom).toEqual({ epoch: 0, examples: 0 });
    const done = events.at(-1) as Extract<WorkerEvent, { type: 'done' }>;
    expect(done.type).toBe('done');
    expect(done.summary.reason).toBe('completed');
    expect(events.some((e) => e.type === 'error')).toBe(false);
    await handle({ type: 'dispose', runId: 11 });
    await tf.setBackend('cpu');
  });
});

describe('backend failure after a checkpoint', () => {
  it('continues on the next backend from the checkpoint: its epoch, its examples and its exact weights', async () => {
    const events: WorkerEvent[] = [];
    let resumedWeights: Float32Array | undefined;
    const handle = createHandler({
      post: (e) => {
        events.push(e);
        // The resumed model exists, untrained, when its run is announced.
        if (e.type === 'started' && events.filter((x) => x.type === 'started').length === 2) {
          const registered = tf.engine().registeredVariables;
          const kernel = Object.keys(registered).filter((n) => n.endsWith('/encoder/kernel')).at(-1)!;
          resumedWeights = registered[kernel].dataSync() as Float32Array;
        }
      },
    });
    // Never at its target: the run is still training when its backend fails.
    const run = handle({ type: 'start', runId: 12, config: { ...tiny, backend: 'wasm', epochs: 400, stopAtExact: 0 } });
    await waitUntil(() => events.some((e) => e.type === 'checkpoint'), 60_000);
    const registered = tf.engine().registeredVariables;
    registered[Object.keys(registered).filter((n) => n.endsWith('/encoder/kernel')).at(-1)!].dispose();
    await waitUntil(() => events.filter((e) => e.type === 'backend').length === 2, 60_000);
    await handle({ type: 'stop', runId: 12 });
    await run;
    const checkpoints = events.filter((e): e is Of<'checkpoint'> => e.type === 'checkpoint');
    const backends = events.filter((e): e is Of<'backend'> => e.type === 'backend');
    const cp = checkpoints.filter((c) => events.indexOf(c) < events.indexOf(backends[1])).at(-1)!.checkpoint;
    expect(backends[1].resumedFrom).toEqual({ epoch: cp.epoch, examples: cp.examples });
    expect(backends[1].notes.at(-1)).toMatch(new RegExp(`continued on cpu from epoch ${cp.epoch}$`));
    expect(Array.from(resumedWeights!)).toEqual(Array.from(cp.weights[0]));
    const after = events.slice(events.indexOf(backends[1])).flatMap((e) => (e.type === 'progress' ? e.epochs : []));
    if (after.length) expect(after[0].epoch).toBe(cp.epoch + 1);
    await handle({ type: 'dispose', runId: 12 });
    await tf.setBackend('cpu');
  });
});

describe('worker message handler: Act 3 experiments', () => {
  const arms = [
    { label: 'addition', config: { ...tiny, epochs: 2 } },
    { label: 'subtraction', config: { ...tiny, epochs: 2, operators: '-' } },
  ];

  it('trains the arms one after the other and reports each one’s curve and figures', async () => {
    const { events, handle } = harness();
    const before = tf.memory().numTensors;
    await handle({ type: 'experiment', runId: 21, arms, maxSeconds: 60 });
    expect(events.every((e) => e.runId === 21)).toBe(true);
    const progress = events.filter((e): e is Of<'armProgress'> => e.type === 'armProgress');
    for (const arm of [0, 1]) {
      const points = progress.filter((p) => p.arm === arm).flatMap((p) => p.points);
      expect(points.map((p) => p.epoch)).toEqual([1, 2]);
      expect(points.map((p) => p.examples)).toEqual([200, 400]);
    }
    // Arm 1's curve starts only after arm 0 is done.
    const types = events.map((e) => (e.type === 'armProgress' || e.type === 'armDone' ? `${e.type}:${e.arm}` : e.type));
    expect(types.indexOf('armDone:0')).toBeLessThan(types.indexOf('armProgress:1'));
    const done = events.filter((e): e is Of<'armDone'> => e.type === 'armDone');
    expect(done.map((d) => d.result.label)).toEqual(['addition', 'subtraction']);
    for (const d of done) {
      expect(d.result.examples).toBe(400);
      expect(d.result.stopped).toBe(false);
      const points = progress.filter((p) => p.arm === d.arm).flatMap((p) => p.points);
      expect(d.result.best).toBe(Math.max(...points.map((p) => p.exactMatch)));
      expect(d.result.exactMatch).toBe(points.at(-1)!.exactMatch);
    }
    const end = events.at(-1) as Of<'experimentDone'>;
    expect(end.type).toBe('experimentDone');
    expect(end.results).toEqual(done.map((d) => d.result));
    expect(end.stopped).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stop ends the arm in flight and skips the rest; finished arms stay', async () => {
    const { events, handle, next } = harness();
    const running = handle({ type: 'experiment', runId: 22, arms: [arms[0], { ...arms[1], config: { ...arms[1].config, epochs: 500 } }, arms[0]], maxSeconds: 60 });
    await next('armDone');
    await handle({ type: 'stop', runId: 22 });
    await running;
    const done = events.filter((e): e is Of<'armDone'> => e.type === 'armDone');
    expect(done.map((d) => [d.result.label, d.result.stopped])).toEqual([['addition', false], ['subtraction', true]]);
    expect(done[1].result.examples).toBeLessThan(500 * 200);
    const end = events.at(-1) as Of<'experimentDone'>;
    expect(end.stopped).toBe(true);
    expect(end.results).toHaveLength(2);
  });
});

describe('worker message handler: failures and backends', () => {
  it('a request that fails posts an error with its message and run id, and the handler carries on', async () => {
    const { events, handle } = harness();
    await handle({ type: 'start', runId: 31, config: { ...tiny, encoderUnits: 0 } });
    expect(events.at(-1)).toEqual({ type: 'error', runId: 31, message: 'Expected encoderUnits to be a positive integer, got 0' });
    await handle({ type: 'bogus', runId: 32 } as unknown as WorkerRequest);
    expect(events.at(-1)).toMatchObject({ type: 'error', runId: 32, message: expect.stringMatching(/^Unknown request \{"type":"bogus"/) });
    await handle({ type: 'start', runId: 33, config: { ...tiny, epochs: 1 } });
    expect(events.at(-1)).toMatchObject({ type: 'done', runId: 33 });
    await handle({ type: 'dispose', runId: 33 });
  });

  it('an experiment stopped before it starts trains nothing and says it was stopped', async () => {
    const { events, handle } = harness();
    const running = handle({ type: 'experiment', runId: 34, arms: [{ label: 'a', config: tiny }], maxSeconds: 10 });
    await handle({ type: 'stop', runId: 34 });
    await running;
    expect(events.filter((e) => e.type === 'armProgress' || e.type === 'armDone')).toEqual([]);
    expect(events.at(-1)).toEqual({ type: 'experimentDone', runId: 34, results: [], stopped: true });
  });

  it('chooses what is asked: cpu alone without notes; webgl, not in Node, is noted and the next one starts', async () => {
    await tf.setBackend('wasm').catch(() => false);
    expect(await chooseBackend('cpu')).toEqual({ active: 'cpu', notes: [] });
    expect(tf.getBackend()).toBe('cpu');
    const webgl = await chooseBackend('webgl');
    expect(webgl).toEqual({ active: 'wasm', notes: ['webgl could not start on this device'] });
    const webgpu = await chooseBackend('webgpu');
    expect(webgpu).toEqual({ active: 'wasm', notes: ['webgpu could not start on this device'] });
    await tf.setBackend('cpu');
  });

  it('progress carries the table only on the newest epoch of a message, and each point once', async () => {
    const { events, handle } = harness();
    await handle({ type: 'start', runId: 35, config: { ...tiny, epochs: 6, examplesPerEpoch: 100 } });
    const progress = events.filter((e): e is Of<'progress'> => e.type === 'progress');
    for (const p of progress) p.epochs.forEach((e, i) => expect(e.table.length).toBe(i === p.epochs.length - 1 ? 20 : 0));
    const steps = progress.flatMap((p) => p.points.map((x) => x.step));
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1));
    expect(progress.flatMap((p) => p.epochs.map((e) => e.epoch))).toEqual([1, 2, 3, 4, 5, 6]);
    await handle({ type: 'dispose', runId: 35 });
  });
});

describe('worker message handler: saved models and stepping', () => {
  it('a snapshot of a trained model loads into a fresh worker and answers exactly as the original', async () => {
    const first = harness();
    await first.handle({ type: 'start', runId: 1, config: tinySeq });
    await first.handle({ type: 'snapshot', runId: 1, requestId: 5, model: 'seq2seq' });
    const snap = (await first.next('snapshot')) as Of<'snapshot'>;
    expect(snap).toMatchObject({ requestId: 5, model: 'seq2seq' });
    expect(snap.weights.reduce((n, w) => n + w.length, 0)).toBe(KINDS.seq2seq.parameters(tinySeq));
    expect(snap.shapes.map((s) => s.reduce((a, b) => a * b, 1))).toEqual(snap.weights.map((w) => w.length));
    await first.handle({ type: 'predict', runId: 1, requestId: 6, model: 'seq2seq', text: '3+4' });
    const before = ((await first.next('prediction')) as Of<'prediction'>).result;

    const second = harness();
    const before0 = tf.memory().numTensors;
    const saved = { name: 'x', savedAt: '', pretrained: false, config: tinySeq, curve: [], weights: snap.weights, shapes: snap.shapes };
    await second.handle({ type: 'load', runId: 9, requestId: 7, model: saved });
    // With the held-out table the run's last epoch showed: the same sums, answered by the same weights.
    const lastTable = first.events.flatMap((e) => (e.type === 'progress' ? e.epochs : [])).at(-1)!.table;
    expect(lastTable.length).toBeGreaterThan(0);
    expect(await second.next('loaded')).toEqual({ type: 'loaded', runId: 9, requestId: 7, model: 'seq2seq', parameters: KINDS.seq2seq.parameters(tinySeq), table: lastTable });
    await second.handle({ type: 'predict', runId: 9, requestId: 8, model: 'seq2seq', text: '3+4' });
    const after = ((await second.next('prediction')) as Of<'prediction'>).result;
    expect(after).toEqual(before);
    await second.handle({ type: 'dispose', runId: 9 });
    await first.handle({ type: 'dispose', runId: 1 });
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before0);
  });

  it('refuses weights that do not fit, keeping the model it had; a snapshot of nothing says so', async () => {
    const { handle, next, events } = harness();
    await handle({ type: 'start', runId: 1, config: tinyMlp });
    const saved = { name: 'x', savedAt: '', pretrained: false, config: tinyMlp, curve: [], weights: [new Float32Array(3)], shapes: [[3]] };
    await handle({ type: 'load', runId: 2, requestId: 1, model: saved });
    expect(await next('loaded')).toMatchObject({ runId: 2, model: 'mappingMlp', error: 'The checkpoint does not fit this model: its weights have other shapes.' });
    await handle({ type: 'predict', runId: 1, requestId: 2, model: 'mappingMlp', text: '1+2' });
    expect(((await next('prediction')) as Of<'prediction'>).result.ok).toBe(true);
    await handle({ type: 'snapshot', runId: 3, requestId: 3, model: 'seq2seq' });
    expect(events.find((e) => e.type === 'snapshot')).toMatchObject({ error: 'Train this model first.', weights: [] });
    await handle({ type: 'dispose', runId: 1 });
  });

  it('step trains exactly one batch of a paused run, then it holds again', async () => {
    const { handle, events } = harness();
    const config = { ...tinySeq, examplesPerEpoch: 2000, stopAtExact: 0 };
    const examples = () => events.flatMap((e) => (e.type === 'progress' ? e.points : [])).at(-1)?.examples ?? 0;
    const running = handle({ type: 'start', runId: 3, config });
    await waitUntil(() => events.some((e) => e.type === 'started'));
    await handle({ type: 'pause', runId: 3 });
    await waitUntil(() => events.some((e) => e.type === 'paused'));
    const held = examples();
    await handle({ type: 'step', runId: 3, epoch: false });
    await waitUntil(() => events.filter((e) => e.type === 'paused').length === 2);
    expect(examples()).toBe(held + config.batchSize);
    await handle({ type: 'stop', runId: 3 });
    await running;
  });
});

describe('worker message handler: the error map', () => {
  it('posts the map of a two-term run after its first epoch and once more after done, every cell scored', async () => {
    const { handle, maps, events } = harness();
    await handle({ type: 'start', runId: 6, config: { ...tiny, epochs: 2, stopAtExact: 0 } });
    await waitUntil(() => maps.length >= 2);
    expect(maps.every((m) => m.runId === 6 && m.map.right.length === 25 && m.map.answers.length === 25)).toBe(true);
    expect(maps[0].map.epoch).toBe(1);
    // The last map is of the finished model; epochs between are skipped while the map is not due.
    expect(maps.at(-1)!.map.epoch).toBe(2);
    expect(events.at(-1)?.type).toBe('done');
    await handle({ type: 'dispose', runId: 6 });
  });

  it('while training, maps a quarter of the cells (50 × 50 of a 60 × 60 grid); the map after done has every cell', async () => {
    // Maps may take half the run: the cpu backend's live map here would otherwise wait seconds.
    const { handle, maps, events } = harness({ mapBudget: 0.5 });
    const running = handle({ type: 'start', runId: 8, config: { ...tiny, largest: 60, epochs: 1_000, stopAtExact: 0 } });
    await waitUntil(() => maps.length >= 1, 30_000);
    await handle({ type: 'stop', runId: 8 });
    await running;
    await waitUntil(() => events.some((e) => e.type === 'done') && maps.at(-1)!.map.rows.length === 60);
    const live = maps.slice(0, -1);
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((m) => m.map.live === true && m.map.rows.length === 50 && m.map.right.length === 2_500)).toBe(true);
    const last = maps.at(-1)!.map;
    expect([last.live, last.right.length, last.cols.at(-1)]).toEqual([undefined, 3_600, 60]);
    await handle({ type: 'dispose', runId: 8 });
  });

  it('posts no map for problems without one (three terms)', async () => {
    const { handle, maps } = harness();
    await handle({ type: 'start', runId: 7, config: { ...tiny, nNumbers: 3, minNumbers: 3, epochs: 1 } });
    await new Promise((r) => setTimeout(r, 50));
    expect(maps).toEqual([]);
    await handle({ type: 'dispose', runId: 7 });
  });
});

describe('worker message handler: the stress set, and see-inside switched off', () => {
  it('scores the stress set of the act’s model, or says to train one first', async () => {
    const { handle, next, events } = harness();
    await handle({ type: 'stress', runId: 1, requestId: 4, model: 'seq2seq' });
    expect(await next('stressed')).toEqual({ type: 'stressed', runId: 1, requestId: 4, model: 'seq2seq', report: undefined, error: 'Train this model first.' });
    events.length = 0;
    await handle({ type: 'start', runId: 2, config: { ...tinySeq, largest: 9 } });
    await handle({ type: 'stress', runId: 2, requestId: 5, model: 'seq2seq' });
    const got = (await next('stressed')) as Of<'stressed'>;
    expect(got).toMatchObject({ runId: 2, requestId: 5, model: 'seq2seq' });
    expect(got.report!.rows.map((r) => r.sum)).toEqual(expect.arrayContaining(['9+1', '1+9', '9+9']));
    expect(got.report!.exactMatch).toBe(got.report!.rows.filter((r) => r.correct).length / got.report!.rows.length);
    await handle({ type: 'dispose', runId: 2 });
  });

  it('scores the longer-numbers grid of the act’s model, or says why it cannot', async () => {
    const { handle, next, events } = harness();
    await handle({ type: 'longer', runId: 1, requestId: 4, model: 'seq2seq' });
    expect(await next('longerScored')).toEqual({ type: 'longerScored', runId: 1, requestId: 4, model: 'seq2seq', report: undefined, error: 'Train this model first.' });
    events.length = 0;
    await handle({ type: 'start', runId: 2, config: { ...tinySeq, largest: 9 } });
    expect(events.some((e) => e.type === 'longerScored')).toBe(false); // no room: nothing scored at the end
    await handle({ type: 'longer', runId: 2, requestId: 5, model: 'seq2seq' });
    const refused = (await next('longerScored')) as Of<'longerScored'>;
    expect(refused).toMatchObject({ runId: 2, requestId: 5, model: 'seq2seq', report: undefined });
    expect(refused.error).toMatch(/set test largest above largest \(9\)/);
    events.length = 0;
    await handle({ type: 'start', runId: 3, config: { ...tinySeq, largest: 9, testLargest: 99 } });
    // Scored once, unasked, at the end of the run (request 0), after done.
    const atEnd = events.filter((e): e is Of<'longerScored'> => e.type === 'longerScored');
    expect(atEnd.map((e) => [e.runId, e.requestId, e.report?.cells.length])).toEqual([[3, 0, 4]]);
    expect(events.findIndex((e) => e.type === 'done')).toBeLessThan(events.indexOf(atEnd[0]));
    events.length = 0;
    await handle({ type: 'longer', runId: 3, requestId: 6, model: 'seq2seq' });
    const got = (await next('longerScored')) as Of<'longerScored'>;
    expect(got).toMatchObject({ runId: 3, requestId: 6, model: 'seq2seq' });
    expect(got.error).toBeUndefined();
    expect(got.report!.cells.map((c) => `${c.aDigits}×${c.bDigits}:${c.count}`)).toEqual(['1×1:100', '1×2:100', '2×1:100', '2×2:100']);
    expect(got.report!.inRange.count + got.report!.beyond.count).toBe(400);
    await handle({ type: 'dispose', runId: 3 });
  });

  it('with see-inside off: no error maps and no held-out analysis', async () => {
    const events: WorkerEvent[] = [];
    const handle = createHandler({ seeInside: false, post: (e) => events.push(e) });
    await handle({ type: 'start', runId: 3, config: { ...tiny, epochs: 2, stopAtExact: 0 } });
    await new Promise((r) => setTimeout(r, 50));
    expect(events.some((e) => e.type === 'errorMap')).toBe(false);
    const epochs = events.flatMap((e) => (e.type === 'progress' ? e.epochs : []));
    expect(epochs).toHaveLength(2);
    expect(epochs.every((e) => e.analysis === undefined)).toBe(true);
    await handle({ type: 'dispose', runId: 3 });
  });

  it('a model loaded without a curve starts at epoch 0 and answers', async () => {
    const first = harness();
    await first.handle({ type: 'start', runId: 1, config: tinyMlp });
    await first.handle({ type: 'snapshot', runId: 1, requestId: 1, model: 'mappingMlp' });
    const snap = (await first.next('snapshot')) as Of<'snapshot'>;
    const second = harness();
    await second.handle({ type: 'load', runId: 4, requestId: 2, model: { name: '', savedAt: '', pretrained: false, config: tinyMlp, curve: [], weights: snap.weights, shapes: snap.shapes } });
    expect(await second.next('loaded')).toMatchObject({ runId: 4, model: 'mappingMlp', parameters: 25 });
    await second.handle({ type: 'compare', runId: 0, requestId: 3, problem: tinyMlp });
    const cmp = (await second.next('comparison')) as Of<'comparison'>;
    expect(cmp.rows).toMatchObject([{ model: 'mappingMlp', epochs: 0, examples: 0 }]);
    await first.handle({ type: 'dispose', runId: 1 });
    await second.handle({ type: 'dispose', runId: 4 });
  });
});
