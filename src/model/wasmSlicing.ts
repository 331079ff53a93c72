import * as tf from '@tensorflow/tfjs';

/**
 * Faster Slice, SplitV, Unpack, Concat and Pack for the wasm backend.
 *
 * tfjs-backend-wasm 4.22 slices in JavaScript, and each slice first reads its
 * whole input out of the wasm heap into a fresh buffer (`readSync`, a copy),
 * then copies the piece it wants. Unstacking an LSTM's `[T, B, 4H]` input
 * projections into T steps therefore copies all of them T times, and
 * splitting each step's gates copies the step four times. With the 1 000 sums
 * of a held-out score or an error-map slice that was over half the time of
 * answering them (98 ms → 56 ms for 1 000 sums of the default problem; a
 * 10 000-sum error map 1.1 s → 0.55 s). These kernels read the input through
 * a view of the heap (no copy) and copy each piece once, within the heap
 * (`copyWithin`, nothing allocated per piece: a step's gate split and concat
 * 19–43 µs and 25–31 µs → about 9 µs). A unit test checks them against tfjs's
 * own on the cpu backend.
 */

type Typed = Float32Array | Int32Array | Uint8Array;

/** What these kernels use of the wasm backend (its public class is not exported by name for this). */
interface WasmBackend extends tf.KernelBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Typed;
}

/** Row-major strides of `shape`, the last one 1. */
function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  return strides;
}

/**
 * A copier of runs from `src` to `out`: `copy(from, to, n)` copies `src[from…from + n)` to `out[to…)`. Views of
 * one buffer (the wasm heap) copy within it (`copyWithin`: a memmove, nothing allocated); otherwise through a
 * `subarray` each run.
 */
export function runCopier(src: Typed, out: Typed): (from: number, to: number, n: number) => void {
  if (src.buffer === out.buffer && src.constructor === out.constructor) {
    const size = src.BYTES_PER_ELEMENT;
    const whole = new (src.constructor as new (b: ArrayBufferLike) => Typed)(src.buffer);
    const s = src.byteOffset / size;
    const o = out.byteOffset / size;
    return (from, to, n) => void whole.copyWithin(o + to, s + from, s + from + n);
  }
  return (from, to, n) => out.set(src.subarray(from, from + n), to);
}

/**
 * Copies the block `begin`…`begin + size` of `src` (of `shape`, row-major)
 * into `out`, one contiguous run at a time: the trailing dimensions taken
 * whole, and the last one taken in part, are a single run.
 */
export function copyBlock(src: Typed, shape: readonly number[], begin: readonly number[], size: readonly number[], out: Typed): void {
  const copy = runCopier(src, out);
  const rank = shape.length;
  const strides = stridesOf(shape);
  // Dimension d is the outermost one the contiguous run spans.
  let d = rank - 1;
  while (d > 0 && begin[d] === 0 && size[d] === shape[d]) d--;
  const run = rank === 0 ? 1 : size[d] * strides[d];
  const index = begin.slice(0, d);
  let runs = 1;
  for (let k = 0; k < d; k++) runs *= size[k];
  let at = 0;
  for (let n = 0; n < runs; n++) {
    let from = rank === 0 ? 0 : begin[d] * strides[d];
    for (let k = 0; k < d; k++) from += index[k] * strides[k];
    copy(from, at, run);
    at += run;
    for (let k = d - 1; k >= 0; k--) {
      if (++index[k] < begin[k] + size[k]) break;
      index[k] = begin[k];
    }
  }
}

/**
 * Slices `x` into blocks, allocating every output before viewing the heap:
 * an allocation can grow the wasm memory, which detaches earlier views.
 */
function sliceInto(backend: WasmBackend, x: tf.TensorInfo, blocks: { begin: number[]; size: number[] }[]): tf.TensorInfo[] {
  const outs = blocks.map((b) => backend.makeOutput(b.size, x.dtype));
  const src = backend.typedArrayFromHeap(x);
  blocks.forEach((b, i) => copyBlock(src, x.shape, b.begin, b.size, backend.typedArrayFromHeap(outs[i])));
  return outs;
}

/** What a slicing kernel copies: its blocks, whether it returns one tensor, and the outputs' shape when it drops an axis. */
interface Plan {
  blocks: { begin: number[]; size: number[] }[];
  one?: boolean;
  shape?: number[];
}

type Attrs = Record<string, unknown>;

/** Each kernel's plan, from its input and attributes. */
const PLANS = {
  Slice: (x: tf.TensorInfo, attrs: Attrs): Plan => {
    const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, attrs.begin as number[], attrs.size as number[]);
    return { blocks: [{ begin, size }], one: true };
  },
  SplitV: (x: tf.TensorInfo, attrs: Attrs): Plan => {
    const axis = tf.util.parseAxisParam(attrs.axis as number, x.shape)[0];
    const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, attrs.numOrSizeSplits as number[] | number, axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return {
      blocks: sizes.map((s) => {
        const size = [...x.shape];
        size[axis] = s;
        const block = { begin: [...begin], size };
        begin[axis] += s;
        return block;
      }),
    };
  },
  Unpack: (x: tf.TensorInfo, attrs: Attrs): Plan => {
    const axis = (attrs.axis as number) < 0 ? (attrs.axis as number) + x.shape.length : (attrs.axis as number);
    const size = x.shape.map((n, d) => (d === axis ? 1 : n));
    return {
      blocks: Array.from({ length: x.shape[axis] }, (_, i) => ({ begin: x.shape.map((_, d) => (d === axis ? i : 0)), size })),
      shape: x.shape.filter((_, d) => d !== axis),
    };
  },
};

/**
 * Concatenation along `axis`: for each index of the dimensions before it, each
 * input's slab after it, in turn (tfjs's own takes a `subarray` of each slab,
 * an allocation per row and input: an LSTM step's four gates, 256 of them).
 */
function concatInto(backend: WasmBackend, inputs: tf.TensorInfo[], axis: number): tf.TensorInfo {
  // As tfjs's own kernel: every dimension but `axis` alike (a copy past the output would land elsewhere in the heap).
  tf.backend_util.assertParamsConsistent(inputs.map((t) => t.shape), axis);
  const outShape = tf.backend_util.computeOutShape(inputs.map((t) => t.shape), axis);
  const out = backend.makeOutput(outShape, inputs[0].dtype);
  const outer = tf.util.sizeFromShape(outShape.slice(0, axis));
  const slabs = inputs.map((t) => tf.util.sizeFromShape(t.shape.slice(axis)));
  const row = slabs.reduce((a, b) => a + b, 0);
  const target = backend.typedArrayFromHeap(out);
  inputs.forEach((t, i) => {
    if (slabs[i] === 0) return;
    const copy = runCopier(backend.typedArrayFromHeap(t), target);
    const at = slabs.slice(0, i).reduce((a, b) => a + b, 0);
    for (let b = 0; b < outer; b++) copy(b * slabs[i], b * row + at, slabs[i]);
  });
  return out;
}

/** Registers a joining kernel for wasm: `plan` gives what is concatenated, and along which axis; string tensors, and inputs of mixed dtypes (which tfjs's own converts), keep tfjs's own. */
function registerJoin(kernelName: 'Concat' | 'Pack', original: tf.KernelConfig, plan: (inputs: tf.TensorInfo[], axis: number) => { inputs: tf.TensorInfo[]; axis: number }): void {
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({
    kernelName,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args as unknown as { inputs: tf.TensorInfo[]; backend: WasmBackend; attrs: { axis: number } };
      if (inputs[0].dtype === 'string' || inputs.some((t) => t.dtype !== inputs[0].dtype)) return original.kernelFunc(args);
      const joined = plan(inputs, attrs.axis);
      return concatInto(backend, joined.inputs, joined.axis);
    },
  });
}

let patched = false;

/** Registers the faster kernels once the wasm backend is running; string tensors keep tfjs's own. */
export function patchWasmSlicing(): void {
  if (patched) return;
  const concat = tf.getKernel('Concat', 'wasm');
  const pack = tf.getKernel('Pack', 'wasm');
  if (!concat || !pack) return;
  const names = Object.keys(PLANS) as (keyof typeof PLANS)[];
  const originals = names.map((name) => tf.getKernel(name, 'wasm'));
  if (originals.some((k) => !k)) return;
  names.forEach((kernelName, i) => {
    const original = originals[i]!;
    const kernelFunc: tf.KernelFunc = (args) => {
      const { inputs, backend, attrs } = args as unknown as { inputs: Record<string, tf.TensorInfo>; backend: WasmBackend; attrs: Attrs };
      const x = inputs.x ?? inputs.value;
      if (x.dtype === 'string') return original.kernelFunc(args);
      const plan = PLANS[kernelName](x, attrs);
      const outs = sliceInto(backend, x, plan.blocks);
      const shaped = plan.shape ? outs.map((o) => ({ ...o, shape: plan.shape! })) : outs;
      return plan.one ? shaped[0] : shaped;
    };
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  });
  registerJoin('Concat', concat, (inputs, axis) => ({ inputs, axis: tf.util.parseAxisParam(axis, inputs[0].shape)[0] }));
  // Stacking is concatenation along a new axis of length 1 (the inputs' data as they are, only their shape read so).
  registerJoin('Pack', pack, (inputs, axis) => {
    const at = axis < 0 ? axis + inputs[0].shape.length + 1 : axis;
    return { axis: at, inputs: inputs.map((t) => ({ ...t, shape: [...t.shape.slice(0, at), 1, ...t.shape.slice(at)] })) };
  });
  patched = true;
}
