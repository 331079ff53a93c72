import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { PENDING_NOTE } from '../../../src/core/backends';
import { measureBackends, settlesWithin, timeTraining, useBackend, WARMING, type BackendName, type BackendProbe } from '../../../src/model/backend';

/** Products with every transpose flag, computed on cpu as the reference. */
function products(): number[][] {
  return tf.tidy(() => {
    const a = tf.tensor2d(Array.from({ length: 6 * 4 }, (_, i) => Math.sin(i)), [6, 4]);
    const b = tf.tensor2d(Array.from({ length: 6 * 5 }, (_, i) => Math.cos(i)), [6, 5]);
    const c = tf.tensor2d(Array.from({ length: 5 * 4 }, (_, i) => (i % 7) - 3), [5, 4]);
    const batched = tf.tensor3d(Array.from({ length: 2 * 3 * 4 }, (_, i) => i / 10), [2, 3, 4]);
    return [
      tf.matMul(a, b, true, false), // aᵀ b
      tf.matMul(a, c, false, true), // a cᵀ
      tf.matMul(c, b, true, true), // cᵀ bᵀ
      tf.matMul(batched, batched, false, true),
    ].map((t) => Array.from(t.dataSync()));
  });
}

describe('wasm transposed matMul patch', () => {
  it('gives the same products as the cpu backend, and leaks nothing', async () => {
    await tf.setBackend('cpu');
    const reference = products();
    expect(await useBackend('wasm')).toBe(true);
    expect(tf.getBackend()).toBe('wasm');
    const before = tf.memory().numTensors;
    const patched = products();
    expect(tf.memory().numTensors).toBe(before);
    patched.forEach((values, i) => values.forEach((v, k) => expect(v).toBeCloseTo(reference[i][k], 4)));
    await tf.setBackend('cpu');
  });

  it('reports a backend that cannot start instead of pretending', async () => {
    expect(await useBackend('webgl')).toBe(false);
  });
});

describe('measuring backends', () => {
  const probe = (name: BackendName, starts: boolean, time: (budgetMs: number) => Promise<number | typeof WARMING>): BackendProbe & { budgets: number[] } => {
    const budgets: number[] = [];
    return { name, budgets, start: async () => starts, time: (b) => (budgets.push(b), time(b)) };
  };

  it('shares the budget: each backend gets an equal part of what is left, its start counted, and a late one gets what remains', async () => {
    // A clock the probes move: wasm takes 40 ms to start and 350 to time (50 over its share), webgl 100 to start.
    let t = 1000;
    const timed = (name: BackendName, startMs: number, timeMs: number, speed: number) => {
      const p = probe(name, true, async () => ((t += timeMs), speed));
      return { ...p, start: async () => ((t += startMs), true) };
    };
    const wasm = timed('wasm', 40, 350, 1900);
    const webgl = timed('webgl', 100, 200, 600);
    const webgpu = probe('webgpu', false, async () => 99_999);
    expect(await measureBackends([wasm, webgl, webgpu], 900, () => t)).toEqual([
      { backend: 'wasm', examplesPerSecond: 1900 },
      { backend: 'webgl', examplesPerSecond: 600 },
      { backend: 'webgpu', examplesPerSecond: null, note: 'not available' },
    ]);
    // wasm: a third of 900 less its 40 ms start; webgl: half of the 510 left (1900 − 1390) less its 100 ms start.
    expect(wasm.budgets).toEqual([260]);
    expect(webgl.budgets).toEqual([155]);
    expect(webgpu.budgets).toEqual([]);
    // One that starts after the budget is spent is still asked, with nothing to spend (it answers at once or WARMING).
    t = 0;
    const slow = timed('wasm', 0, 2000, 1900);
    const after = probe('webgl', true, async () => WARMING);
    await measureBackends([slow, after], 1000, () => t);
    expect(after.budgets).toEqual([0]);
  });

  it('a backend that throws while starting or timing, or gives no figure, gets a note instead of a speed', async () => {
    const speeds = await measureBackends(
      [
        { name: 'webgpu', start: () => Promise.reject(new Error('no adapter')), time: async () => 1 },
        probe('webgl', true, () => Promise.reject(new Error('context lost'))),
        probe('wasm', true, async () => Number.NaN),
        probe('cpu', true, async () => 0),
      ],
      1000,
    );
    expect(speeds).toEqual([
      { backend: 'webgpu', examplesPerSecond: null, note: 'not available' },
      { backend: 'webgl', examplesPerSecond: null, note: 'failed (context lost)' },
      { backend: 'wasm', examplesPerSecond: null, note: 'gave no figure' },
      { backend: 'cpu', examplesPerSecond: null, note: 'gave no figure' },
    ]);
  });

  it('a backend whose first step outlasts its share is left to measure at the next Train, with a note', async () => {
    const webgl = probe('webgl', true, async () => WARMING);
    expect(await measureBackends([probe('wasm', true, async () => 1900), webgl], 600, () => 0)).toEqual([
      { backend: 'wasm', examplesPerSecond: 1900 },
      { backend: 'webgl', examplesPerSecond: null, note: PENDING_NOTE, pending: true },
    ]);
    // wasm took no time on this clock, so webgl had the whole budget.
    expect(webgl.budgets).toEqual([600]);
  });

  it('times real training steps in doubling chunks cut to what the budget has left, warm-up included, and frees everything', async () => {
    await tf.setBackend('cpu');
    const config = { ...DEFAULT_CONFIG, largest: 5, encoderUnits: 8, decoderUnits: 8, batchSize: 16 };
    const before = tf.memory().numTensors;
    // A clock that moves 10 ms per reading. Start 10, the warm-up's deadline read at 20, timing from 30; budget 95, so until 105.
    // Each chunk ends 10 ms after the last: chunks double (1, 2, 4, 8) while they fit, then are cut to the steps that fit in
    // what is left at the pace so far (13: 45 ms left at 30 / 7 ms a step… then 14, 10, 3), and timing ends when not one
    // more step fits: 55 steps over 80 ms.
    let t = 0;
    const now = () => (t += 10);
    expect(await timeTraining(config, 95, now)).toBeCloseTo((55 * 16) / 0.08, 6);
    expect(tf.memory().numTensors).toBe(before);
    // A budget with room for one step at the pace of the first: no second chunk (start 10, timing from 30, ends 40, 5 left).
    t = 0;
    expect(await timeTraining(config, 35, now)).toBeCloseTo(16 / 0.01, 6);
    // A warm-up done just in time (its loss read at once) still times one step (start 10, timing from 30, ends at 40).
    t = 0;
    expect(await timeTraining(config, 0, now)).toBeCloseTo(16 / 0.01, 6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with a clock that has not moved after a chunk, times more steps until it does (never a speed of NaN or Infinity)', async () => {
    await tf.setBackend('cpu');
    const config = { ...DEFAULT_CONFIG, largest: 5, encoderUnits: 8, decoderUnits: 8, batchSize: 16 };
    // A clock that ticks 20 ms at its sixth reading: start, the warm-up's deadline, the timing's start and the ends of
    // chunks of 1 and 2 read 0 (with no budget left: nothing to divide by yet); the chunk of 4 ends at 20: 7 steps over 20 ms.
    let reads = 0;
    const now = () => (++reads >= 6 ? 20 : 0);
    expect(await timeTraining(config, 0, now)).toBeCloseTo((7 * 16) / 0.02, 6);
  });

  it('gives WARMING when the warm-up step’s loss is not read within the budget, and frees everything', async () => {
    await tf.setBackend('cpu');
    const config = { ...DEFAULT_CONFIG, largest: 5, encoderUnits: 8, decoderUnits: 8, batchSize: 16 };
    const before = tf.memory().numTensors;
    // A read that does not come back yet, as a GPU still compiling the step's kernels.
    let release = () => undefined as void;
    const pending = new Promise<Float32Array>((resolve) => (release = () => resolve(new Float32Array(1))));
    const read = vi.spyOn(tf.Tensor.prototype, 'data').mockReturnValue(pending as never);
    try {
      expect(await timeTraining(config, 30)).toBe(WARMING);
      // While that step is still under way the backend is not measured again: nothing more is queued behind it.
      const reads = read.mock.calls.length;
      expect(await timeTraining(config, 30)).toBe(WARMING);
      expect(read.mock.calls.length).toBe(reads);
    } finally {
      read.mockRestore();
      release();
    }
    await pending;
    await new Promise((r) => setTimeout(r, 0));
    expect(tf.memory().numTensors).toBe(before);
    // Once it is done, the backend is measured.
    expect(await timeTraining(config, 30)).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('settlesWithin: true for a promise settled in time (even at 0 ms), false for one still pending, and a rejection in time is thrown', async () => {
    expect(await settlesWithin(Promise.resolve(1), 0)).toBe(true);
    expect(await settlesWithin(new Promise((r) => setTimeout(r, 5)), 200)).toBe(true);
    expect(await settlesWithin(new Promise(() => undefined), 10)).toBe(false);
    await expect(settlesWithin(Promise.reject(new Error('lost')), 50)).rejects.toThrow('lost');
    // One rejected after its time is ignored (no unhandled rejection).
    expect(await settlesWithin(new Promise((_, no) => setTimeout(() => no(new Error('late')), 30)), 5)).toBe(false);
    await new Promise((r) => setTimeout(r, 40));
  });
});

describe('a backend that cannot start', () => {
  it('leaves the backend that ran in place, its tensors usable', async () => {
    expect(await useBackend('wasm')).toBe(true);
    const instance = tf.findBackend('wasm');
    const kept = tf.tensor([1, 2, 3]);
    // Registered but failing, as WebGPU is in a browser without an adapter.
    tf.registerBackend('webgpu', () => {
      throw new Error('no adapter');
    });
    expect(await useBackend('webgpu')).toBe(false);
    tf.removeBackend('webgpu');
    expect(tf.getBackend()).toBe('wasm');
    // The same wasm instance: tfjs did not start a second one (in a browser, that aborts the first's tensors).
    expect(tf.findBackend('wasm')).toBe(instance);
    expect(Array.from(await kept.mul(2).data())).toEqual([2, 4, 6]);
    kept.dispose();
    await tf.setBackend('cpu');
  });
});
