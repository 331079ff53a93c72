import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../../src/model/backend';
import { copyBlock } from '../../../src/model/wasmSlicing';

/** The block of `src` by plain index arithmetic, one element at a time. */
function naiveBlock(src: Float32Array, shape: number[], begin: number[], size: number[]): number[] {
  const out: number[] = [];
  const walk = (d: number, offset: number) => {
    if (d === shape.length) return void out.push(src[offset]);
    const stride = shape.slice(d + 1).reduce((a, b) => a * b, 1);
    for (let i = begin[d]; i < begin[d] + size[d]; i++) walk(d + 1, offset + i * stride);
  };
  walk(0, 0);
  return out;
}

/** A shape of rank 1–4 and a block inside it. */
const blocks = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 })
  .chain((shape) =>
    fc.tuple(...shape.map((n) => fc.integer({ min: 0, max: n - 1 }).chain((b) => fc.tuple(fc.constant(b), fc.integer({ min: 1, max: n - b })))))
      .map((dims) => ({ shape, begin: dims.map(([b]) => b), size: dims.map(([, s]) => s) })),
  );

describe('copyBlock', () => {
  it('copies exactly the block an element-by-element walk picks, for any shape and block', () => {
    fc.assert(
      fc.property(blocks, ({ shape, begin, size }) => {
        const src = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i);
        const out = new Float32Array(size.reduce((a, b) => a * b, 1));
        copyBlock(src, shape, begin, size, out);
        expect(Array.from(out)).toEqual(naiveBlock(src, shape, begin, size));
      }),
    );
  });

  it('copies the same within one buffer (views of the wasm heap), touching nothing else in it', () => {
    fc.assert(
      fc.property(blocks, fc.integer({ min: 0, max: 7 }), ({ shape, begin, size }, gap) => {
        const n = shape.reduce((a, b) => a * b, 1);
        const m = size.reduce((a, b) => a * b, 1);
        // One buffer: the source, a gap, the output, a guard; the output view starts `gap` elements past the source.
        const heap = new Float32Array(n + gap + m + 4).fill(-1);
        const src = new Float32Array(heap.buffer, 0, n);
        src.set(Float32Array.from({ length: n }, (_, i) => i));
        const out = new Float32Array(heap.buffer, (n + gap) * 4, m);
        copyBlock(src, shape, begin, size, out);
        expect(Array.from(out)).toEqual(naiveBlock(Float32Array.from({ length: n }, (_, i) => i), shape, begin, size));
        expect(Array.from(heap.subarray(n, n + gap))).toEqual(new Array(gap).fill(-1));
        expect(Array.from(heap.subarray(n + gap + m))).toEqual([-1, -1, -1, -1]);
      }),
    );
  });
});

/** Every slicing op the models use (and a few they might), on the active backend. */
function slicings(): number[][] {
  return tf.tidy(() => {
    const x3 = tf.tensor3d(Array.from({ length: 3 * 4 * 6 }, (_, i) => Math.sin(i)), [3, 4, 6]);
    const x2 = tf.reshape(x3, [12, 6]);
    const x4 = tf.reshape(x3, [3, 2, 2, 6]);
    const ints = tf.tensor2d(Array.from({ length: 4 * 6 }, (_, i) => i - 7), [4, 6], 'int32');
    const bools = tf.greater(x2, 0);
    const outs: tf.Tensor[] = [
      tf.slice(x2, [2, 1], [5, 3]),
      tf.slice(x2, [3, 0], [4, 6]),
      tf.slice(x3, [1, 1, 2], [2, 2, 3]),
      tf.slice(x4, [0, 1, 0, 4], [3, 1, 2, 2]),
      tf.slice(tf.reshape(x3, [72]), [5], [20]),
      tf.slice(ints, [1, 2], [2, 3]),
      tf.slice(bools, [0, 1], [6, 2]),
      ...tf.split(x2, 3, 1),
      ...tf.split(x2, [2, 7, 3], 0),
      ...tf.split(x3, [1, 3], 1),
      ...tf.split(ints, 2, 1),
      tf.concat([x2, tf.neg(x2), x2], 1),
      tf.concat([x3, tf.slice(x3, [0, 0, 0], [3, 4, 2])], 2),
      tf.concat([x3, tf.slice(x3, [0, 0, 0], [3, 1, 6])], 1),
      tf.concat([x3, x3], 0),
      tf.concat([ints, tf.neg(ints)], 1),
      tf.concat([bools, tf.logicalNot(bools)], 1),
      tf.concat([tf.zeros([4, 0]), tf.slice(x2, [0, 0], [4, 6])], 1),
      tf.stack([x2, x2], 1),
      tf.stack([x3, tf.neg(x3), x3]),
      tf.stack([x2, x2], -1),
      tf.stack([ints, ints], 1),
      tf.stack([tf.scalar(1), tf.scalar(2)]),
      ...tf.unstack(x3),
      ...tf.unstack(x3, 1),
      ...tf.unstack(x3, -1),
      ...tf.unstack(bools, 1),
    ];
    return outs.map((t) => [...t.shape, ...Array.from(t.dataSync())]);
  });
}

describe('wasm slicing kernels', () => {
  it('give what the cpu backend gives (concatenation too), dtypes and shapes included, and leak nothing', async () => {
    await tf.setBackend('cpu');
    const reference = slicings();
    expect(await useBackend('wasm')).toBe(true);
    const before = tf.memory().numTensors;
    const patched = slicings();
    expect(tf.memory().numTensors).toBe(before);
    expect(patched.length).toBe(reference.length);
    patched.forEach((values, i) => {
      expect(values.length).toBe(reference[i].length);
      values.forEach((v, k) => expect(v).toBeCloseTo(reference[i][k], 5));
    });
    await tf.setBackend('cpu');
  });

  it('are the ones registered on wasm (not tfjs\'s own), and refuse inputs that do not fit instead of writing past the output', async () => {
    expect(await useBackend('wasm')).toBe(true);
    // tfjs's own kernels are named functions (concat, pack…); ours are arrow functions with no name of their own.
    for (const name of ['Slice', 'SplitV', 'Unpack', 'Concat', 'Pack']) expect(tf.getKernel(name, 'wasm')!.kernelFunc.name, name).toBe('kernelFunc');
    const before = tf.memory().numTensors;
    expect(() => tf.tidy(() => tf.stack([tf.zeros([2, 3]), tf.zeros([3, 3])]))).toThrow();
    expect(() => tf.tidy(() => tf.concat([tf.zeros([2, 3]), tf.zeros([3, 2])], 1))).toThrow();
    expect(tf.memory().numTensors).toBe(before);
    // Mixed dtypes go to tfjs's own kernel, which converts the values into the first input's int32 (never 1.5's float bits).
    const mixed = tf.tidy(() => Array.from(tf.concat([tf.tensor1d([1, 2], 'int32'), tf.tensor1d([1.5, -3])]).dataSync()));
    expect(mixed).toEqual([1, 2, 1, -3]);
    await tf.setBackend('cpu');
  });

  it('stay right when an output makes the wasm memory grow (views of the heap are taken after allocating)', async () => {
    expect(await useBackend('wasm')).toBe(true);
    const n = 1_000_000;
    const [a, b] = tf.tidy(() => {
      const x = tf.add(tf.range(0, 2 * n, 1, 'float32'), 0).reshape([2, n]);
      return tf.split(x, [n - 1, 1], 1).map((t) => t.dataSync());
    });
    expect([a[0], a[n - 2], a[n - 1], a[2 * n - 3]]).toEqual([0, n - 2, n, 2 * n - 2]);
    expect(Array.from(b)).toEqual([n - 1, 2 * n - 1]);
    await tf.setBackend('cpu');
  });
});
