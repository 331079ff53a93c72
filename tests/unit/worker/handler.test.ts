import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../../src/core/config';
import { chooseBackend, createHandler } from '../../../src/worker/handler';
import type { WorkerEvent } from '../../../src/worker/protocol';

const tiny: Config = { ...DEFAULT_CONFIG, largest: 5, encoderUnits: 8, decoderUnits: 8, epochs: 3, examplesPerEpoch: 200, batchSize: 20, learningRate: 0.02, backend: 'cpu' };

function harness() {
  const events: WorkerEvent[] = [];
  const handle = createHandler({ post: (e) => events.push(e) });
  const next = async (type: WorkerEvent['type'], timeoutMs = 10_000) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find((e) => e.type === type);
      if (found) return found;
      if (Date.now() > end) throw new Error(`no ${type} event; got ${events.map((e) => e.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { events, handle, next };
}

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
    await handle({ type: 'stop', runId: 2 });
    await run;
    const done = events.find((e) => e.type === 'done') as Extract<WorkerEvent, { type: 'done' }>;
    expect(done.summary.reason).toBe('stopped');
    expect(done.summary.examples).toBeLessThan(200 * 200);
    expect(events.some((e) => e.type === 'stopping')).toBe(true);
    await handle({ type: 'dispose', runId: 2 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('ignores control requests for a run it is not running', async () => {
    const { events, handle } = harness();
    const run = handle({ type: 'start', runId: 5, config: { ...tiny, epochs: 2 } });
    await handle({ type: 'pause', runId: 4 });
    await run;
    expect(events.some((e) => e.type === 'paused')).toBe(false);
    await handle({ type: 'dispose', runId: 5 });
  });

  it('auto skips webgl with a reason and starts what it can', async () => {
    const { active, notes } = await chooseBackend('auto', () => 'no GPU here');
    expect(['wasm', 'cpu']).toContain(active);
    expect(notes[0]).toMatch(/webgl skipped: no GPU here/);
    await tf.setBackend('cpu');
  });
});
