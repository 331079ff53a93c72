import { afterEach, describe, expect, it, vi } from 'vitest';
import { speedStorage } from '../../../src/store/storage';

describe('kept backend speeds', () => {
  afterEach(() => vi.unstubAllGlobals());

  const stubStorage = (kept: Map<string, string>, setItem = (k: string, v: string) => void kept.set(k, v)) =>
    vi.stubGlobal('localStorage', { getItem: (k: string) => kept.get(k) ?? null, setItem });

  it('reads back what was written, per model shape', () => {
    const kept = new Map<string, string>();
    stubStorage(kept);
    const speeds = { 'v2:t1:seq2seq': [{ backend: 'wasm' as const, examplesPerSecond: 4000 }] };
    speedStorage.write(speeds);
    expect(kept.get('carry:backend-speeds')).toBe(JSON.stringify(speeds));
    expect(speedStorage.read()).toEqual(speeds);
  });

  it('reads nothing where there is no storage, or it refuses, or what it holds is malformed; a refused write is dropped', () => {
    expect(speedStorage.read()).toEqual({});
    stubStorage(new Map([['carry:backend-speeds', '{"x": [{"backend": "warp"}]']]));
    expect(speedStorage.read()).toEqual({});
    vi.stubGlobal('localStorage', { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } });
    expect(speedStorage.read()).toEqual({});
    expect(() => speedStorage.write({})).not.toThrow();
  });
});
