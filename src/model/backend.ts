import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/** Backends the trainer can run on. */
export type BackendName = 'wasm' | 'webgl' | 'cpu';

let patched = false;

/**
 * The wasm backend's BatchMatMul is ~10× slower when asked to transpose an
 * operand, which every backward pass of a dense or recurrent layer does.
 * This re-registers it so a transposed operand is first transposed
 * explicitly (a cheap copy), then multiplied with the fast plain kernel.
 * Results are identical; training runs 2–4× faster. Call once the wasm
 * backend is initialised.
 */
export function patchWasmTransposedMatMul(): void {
  if (patched) return;
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!original || !transpose) return;
  const kernelFunc: tf.KernelFunc = (args) => {
    const { inputs, backend, attrs } = args as unknown as {
      inputs: { a: tf.TensorInfo; b: tf.TensorInfo };
      backend: tf.KernelBackend;
      attrs: { transposeA: boolean; transposeB: boolean };
    };
    if (!attrs.transposeA && !attrs.transposeB) return original.kernelFunc(args);
    const swap = (x: tf.TensorInfo): tf.TensorInfo => {
      const perm = x.shape.map((_, i) => i);
      const n = perm.length;
      [perm[n - 2], perm[n - 1]] = [perm[n - 1], perm[n - 2]];
      return transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
    };
    const a = attrs.transposeA ? swap(inputs.a) : inputs.a;
    const b = attrs.transposeB ? swap(inputs.b) : inputs.b;
    const out = original.kernelFunc({
      inputs: { a, b },
      backend,
      attrs: { ...attrs, transposeA: false, transposeB: false },
    } as unknown as Parameters<tf.KernelFunc>[0]);
    if (a !== inputs.a) backend.disposeData(a.dataId);
    if (b !== inputs.b) backend.disposeData(b.dataId);
    return out;
  };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc });
  patched = true;
}

/**
 * Switches tfjs to `name` and reports what is really active: `tf.setBackend`
 * does not throw on failure, so the answer is read back from `tf.getBackend()`.
 * On wasm, `fastMatMul` (default on) applies `patchWasmTransposedMatMul`.
 */
export async function useBackend(name: BackendName, { fastMatMul = true } = {}): Promise<boolean> {
  let ok = false;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch {
    ok = false;
  }
  if (!ok || tf.getBackend() !== name) return false;
  if (name === 'wasm' && fastMatMul) patchWasmTransposedMatMul();
  return true;
}
