import { describe, expect, it } from 'vitest';
import { describeSpeeds, MEASURED_BACKENDS, PENDING_NOTE, readSpeeds, speedKey, speedsSettled, wasmThreadsFor } from '../../../src/core/backends';
import { DEFAULT_CONFIG, PRESETS } from '../../../src/core/config';

describe('backends', () => {
  it('asks wasm for every core but one, and never fewer than one thread', () => {
    expect(wasmThreadsFor(8)).toBe(7);
    expect(wasmThreadsFor(2)).toBe(1);
    expect(wasmThreadsFor(1)).toBe(1);
    expect(wasmThreadsFor(0)).toBe(1);
    expect(wasmThreadsFor(undefined)).toBe(1);
    expect(wasmThreadsFor(Number.NaN)).toBe(1);
    expect(wasmThreadsFor(6.5)).toBe(5);
  });

  it('measures WebGPU first (one that is not there is known at once), then wasm, and WebGL last (a software renderer keeps the GPU process busy after its first step); never cpu', () => {
    expect(MEASURED_BACKENDS).toEqual(['webgpu', 'wasm', 'webgl']);
  });

  it('keys speeds by what sets the model’s shape and batch, and the threads asked for, not by the learning rate, seed or epochs', () => {
    const key = speedKey(DEFAULT_CONFIG, 1);
    expect(speedKey({ ...DEFAULT_CONFIG, learningRate: 0.001, seed: 9, epochs: 3, stopAtExact: 0 }, 1)).toBe(key);
    for (const change of [{ batchSize: 32 }, { largest: 999 }, { encoderUnits: 64 }, { decoderUnits: 64 }, { cell: 'gru' as const }, { encoding: 'embedding' as const }, { encoderLayers: 2 }, { decoderLayers: 2 }, { decoder: 'attention' as const }, { model: 'mappingMlp' as const }, { nNumbers: 3 }]) {
      expect(speedKey({ ...DEFAULT_CONFIG, ...change }, 1), JSON.stringify(change)).not.toBe(key);
    }
    expect(speedKey(PRESETS['3-digit sums'], 1)).not.toBe(key);
    // A device whose cores changed measures again.
    expect(speedKey(DEFAULT_CONFIG, 3)).not.toBe(key);
    // Fields never run together: 12 and 3 units is not 1 and 23.
    expect(speedKey({ ...DEFAULT_CONFIG, encoderUnits: 12, decoderUnits: 3 }, 1)).not.toBe(speedKey({ ...DEFAULT_CONFIG, encoderUnits: 1, decoderUnits: 23 }, 1));
    // Speeds kept before this version (wasm got faster) are measured again.
    expect(key).toBe('v2:t1:seq2seq:64:7:3:12:100:50:1:1:lstm:onehot:16:repeat');
  });

  it('reads kept speeds back, dropping whatever is malformed', () => {
    const kept = { a: [{ backend: 'wasm', examplesPerSecond: 1900 }, { backend: 'webgl', examplesPerSecond: null, note: PENDING_NOTE, pending: true }, { backend: 'webgpu', examplesPerSecond: null, note: 'not available' }] };
    expect(readSpeeds(JSON.stringify(kept))).toEqual(kept);
    expect(readSpeeds(null)).toEqual({});
    expect(readSpeeds('not json')).toEqual({});
    expect(readSpeeds('[1,2]')).toEqual({});
    expect(readSpeeds('"text"')).toEqual({});
    const hostile = { b: [{ backend: 'auto', examplesPerSecond: 5 }, { backend: 'quantum', examplesPerSecond: 5 }, { backend: 'wasm', examplesPerSecond: 'fast' }, { backend: 'wasm', examplesPerSecond: 3, note: 7 }, { backend: 'wasm', examplesPerSecond: 3, extra: 1 }, null, 4], c: 'x', __proto__: [] };
    expect(readSpeeds(JSON.stringify(hostile))).toEqual({ b: [{ backend: 'wasm', examplesPerSecond: 3 }] });
    expect(readSpeeds('{"d":[{"backend":"cpu","examplesPerSecond":1e999}]}')).toEqual({});
  });

  it('kept speeds choose a backend only with a figure and nothing left to measure', () => {
    expect(speedsSettled([{ backend: 'wasm', examplesPerSecond: 1900 }, { backend: 'webgpu', examplesPerSecond: null, note: 'not available' }])).toBe(true);
    expect(speedsSettled([{ backend: 'wasm', examplesPerSecond: 1900 }, { backend: 'webgl', examplesPerSecond: null, note: PENDING_NOTE, pending: true }])).toBe(false);
    expect(speedsSettled([{ backend: 'wasm', examplesPerSecond: 0 }])).toBe(false);
    expect(speedsSettled([{ backend: 'webgl', examplesPerSecond: null, note: 'failed (context lost)' }])).toBe(false);
    expect(speedsSettled([])).toBe(false);
    expect(speedsSettled(undefined)).toBe(false);
  });

  it('writes the figures as the page shows them', () => {
    expect(describeSpeeds([{ backend: 'wasm', examplesPerSecond: 1900.4 }, { backend: 'webgl', examplesPerSecond: 600 }, { backend: 'webgpu', examplesPerSecond: null, note: 'not available' }])).toBe(
      'wasm 1\u2009900 ex/s · webgl 600 ex/s · webgpu not available',
    );
    expect(describeSpeeds([{ backend: 'webgpu', examplesPerSecond: null }])).toBe('webgpu not available');
    // A backend left compiling says so, and when it is measured (the note a learner reads under the status line).
    expect(describeSpeeds([{ backend: 'webgl', examplesPerSecond: null, note: PENDING_NOTE, pending: true }])).toBe('webgl still compiling its kernels: measured again at the next Train');
  });
});
