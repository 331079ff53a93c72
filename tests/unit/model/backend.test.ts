import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../../src/model/backend';

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
