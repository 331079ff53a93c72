import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName, BackendSpeed } from '../core/backends';
import type { Config } from '../core/config';
import { problemSpec } from '../core/problem';
import { createRng } from '../core/random';
import { createTask } from './tasks';
import { yieldToEventLoop } from './train';
import { patchWasmSlicing } from './wasmSlicing';

export type { BackendName, BackendSpeed };

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
 * On wasm, `fastKernels` (default on) applies `patchWasmTransposedMatMul` and
 * `patchWasmSlicing`; off, tfjs runs as shipped (in a process that has not
 * patched them yet: the patches stay once made).
 */
export async function useBackend(name: BackendName, { fastKernels = true } = {}): Promise<boolean> {
  const previous = tf.getBackend() as BackendName | null;
  let ok = false;
  try {
    ok = await tf.setBackend(name);
    if (ok) await tf.ready();
  } catch {
    ok = false;
  }
  if (!ok || tf.getBackend() !== name) {
    // A failed switch leaves tfjs with no backend, and its next op would start a fresh
    // instance of the best one (a second wasm module, orphaning every tensor of the
    // first): go back to the one that ran.
    if (previous && previous !== name) await tf.setBackend(previous).catch(() => false);
    return false;
  }
  if (name === 'wasm' && fastKernels) {
    patchWasmTransposedMatMul();
    patchWasmSlicing();
  }
  return true;
}

/**
 * Asks the threaded wasm build for `threads` threads. tfjs reads the count
 * once, when the wasm backend first starts, so this must come before; left
 * unset, the build's thread pool size decides. The build without threads
 * (no cross-origin isolation, or Node) always runs one.
 */
export function requestWasmThreads(threads: number): void {
  setThreadsCount(threads);
}

/** Threads the wasm backend really runs with, once it has started (undefined before). */
export function wasmThreads(): number | undefined {
  try {
    return getThreadsCount();
  } catch {
    return undefined;
  }
}

/** A backend as `measureBackends` sees it: can it start here, and how fast does this model train on it. */
export interface BackendProbe {
  name: BackendName;
  /** Switches tfjs to this backend; false when it cannot start here. */
  start(): Promise<boolean>;
  /** Training examples per second on the active backend, timed for about `budgetMs` after one warm-up step. */
  time(budgetMs: number): Promise<number>;
}

/**
 * Starts each backend in turn and times a few training steps on it, sharing
 * `budgetMs` between them (a backend's warm-up step, which compiles its
 * kernels, comes on top). A backend that cannot start, or fails while timed,
 * gets no figure and a note. Leaves tfjs on the last backend that started.
 */
export async function measureBackends(probes: readonly BackendProbe[], budgetMs: number): Promise<BackendSpeed[]> {
  const speeds: BackendSpeed[] = [];
  const share = budgetMs / Math.max(1, probes.length);
  for (const probe of probes) {
    let started = false;
    try {
      started = await probe.start();
    } catch {
      started = false;
    }
    if (!started) {
      speeds.push({ backend: probe.name, examplesPerSecond: null, note: 'not available' });
      continue;
    }
    try {
      const examplesPerSecond = await probe.time(share);
      speeds.push(Number.isFinite(examplesPerSecond) && examplesPerSecond > 0 ? { backend: probe.name, examplesPerSecond } : { backend: probe.name, examplesPerSecond: null, note: 'gave no figure' });
    } catch (err) {
      speeds.push({ backend: probe.name, examplesPerSecond: null, note: `failed (${err instanceof Error ? err.message : String(err)})` });
    }
  }
  return speeds;
}

/**
 * Trains `config`'s model on the active backend for about `budgetMs`, warm-up
 * included: one warm-up step (kernels compile), then chunks of 1, 2, 4…
 * steps, each chunk's last loss read back (as training reads losses back a
 * few times a second, not every step), with a turn for queued messages (a
 * Stop) between chunks. Returns examples per second over the timed steps, at
 * least one however slow the warm-up was. The model, its optimizer and every
 * tensor are freed.
 */
export async function timeTraining(config: Config, budgetMs: number, now: () => number = () => (globalThis as unknown as { performance: { now(): number } }).performance.now()): Promise<number> {
  const start = now();
  // Glorot weights whatever the run asks for: the same graph at the same speed, without orthogonal's QR (about 1 s for 512 units).
  const task = createTask({ ...config, recurrentInit: 'glorot' }, createRng(`${config.seed}:measure`));
  const optimizer = tf.train.adam(config.learningRate);
  const spec = problemSpec(config);
  const rng = createRng(`${config.seed}:measure-data`);
  const step = (): tf.Scalar => {
    const batch = task.trainBatch(spec.generate(rng, config.batchSize));
    return tf.tidy(() => {
      const x = tf.tensor(batch.x.values, batch.x.shape);
      const y = tf.tensor(batch.y.values, batch.y.shape);
      return optimizer.minimize(() => task.loss(x, y), true, task.variables)!;
    });
  };
  /** Runs `n` steps and waits for the last one's loss. */
  const run = async (n: number) => {
    let last: tf.Scalar | undefined;
    try {
      for (let i = 0; i < n; i++) {
        last?.dispose();
        last = step();
      }
      await last!.data();
    } finally {
      last?.dispose();
    }
  };
  try {
    await run(1);
    await yieldToEventLoop();
    const t0 = now();
    let steps = 0;
    for (let chunk = 1; ; chunk *= 2) {
      await run(chunk);
      const end = now();
      steps += chunk;
      if (end - start >= budgetMs) return (steps * config.batchSize) / ((end - t0) / 1000);
      await yieldToEventLoop();
    }
  } finally {
    task.dispose();
    optimizer.dispose();
  }
}
