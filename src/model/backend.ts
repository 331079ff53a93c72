import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { PENDING_NOTE, type BackendName, type BackendSpeed } from '../core/backends';
import type { Config } from '../core/config';
import { problemSpec } from '../core/problem';
import { createRng } from '../core/random';
import { FlatAdam } from './adam';
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
  // Kernels a measurement left compiling (WebGL) get their uniform locations before anything runs them.
  if (name === 'webgl') await compiling?.catch(() => undefined);
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
  /** Training examples per second on the active backend, timed within about `budgetMs`, warm-up step included; `WARMING` when that step was not done in time. */
  time(budgetMs: number): Promise<number | typeof WARMING>;
}

/** Milliseconds, in the worker, the page and Node alike (`model/` has no DOM types). */
const clock = (): number => (globalThis as unknown as { performance: { now(): number } }).performance.now();

/**
 * Starts each backend in turn and times a few training steps on it, within
 * `budgetMs` in all: each gets an equal share of what the ones before it left,
 * and its start (creating a WebGL context can take a good part of a second)
 * counts against that share. A backend that cannot start, or fails while
 * timed, gets no figure and a note. Leaves tfjs on the last backend that
 * started.
 */
export async function measureBackends(probes: readonly BackendProbe[], budgetMs: number, now: () => number = clock): Promise<BackendSpeed[]> {
  const speeds: BackendSpeed[] = [];
  const deadline = now() + budgetMs;
  for (const [k, probe] of probes.entries()) {
    // What is left of the budget, shared by this backend and those after it; its start counts against its share.
    const shareEnd = now() + Math.max(0, deadline - now()) / (probes.length - k);
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
      const examplesPerSecond = await probe.time(Math.max(0, shareEnd - now()));
      if (examplesPerSecond === WARMING) {
        speeds.push({ backend: probe.name, examplesPerSecond: null, note: PENDING_NOTE, pending: true });
        continue;
      }
      speeds.push(Number.isFinite(examplesPerSecond) && examplesPerSecond > 0 ? { backend: probe.name, examplesPerSecond } : { backend: probe.name, examplesPerSecond: null, note: 'gave no figure' });
    } catch (err) {
      speeds.push({ backend: probe.name, examplesPerSecond: null, note: `failed (${err instanceof Error ? err.message : String(err)})` });
    }
  }
  return speeds;
}

/** What `timeTraining` gives for a backend whose warm-up step was not done within the budget. */
export const WARMING = 'warming';

/** Timers, in the worker, the page and Node alike (`model/` has no DOM types). */
const timers = globalThis as unknown as { setTimeout(f: () => void, ms: number): unknown; clearTimeout(id: unknown): void };

/**
 * Whether `promise` settles within `ms`: true once it resolves, false if it is
 * still pending then (it goes on; its outcome is then ignored). A rejection
 * within `ms` is thrown.
 */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  promise.catch(() => undefined);
  let timer: unknown;
  const late = new Promise<false>((resolve) => (timer = timers.setTimeout(() => resolve(false), Math.max(0, ms))));
  try {
    return await Promise.race([promise.then(() => true), late]);
  } finally {
    timers.clearTimeout(timer);
  }
}


/** Warm-up work a measurement left running, by backend: while it runs, that backend is not measured again. */
const stillWarming = new Map<string, Promise<unknown>>();

/**
 * Whether `work` (a backend's warm-up) settles within `ms`; if not, it is kept
 * in `stillWarming` for `backend` until it does, so the next measurement does
 * not queue more behind it.
 */
async function warmedInTime(backend: string, work: Promise<unknown>, ms: number): Promise<boolean> {
  if (await settlesWithin(work, ms)) return true;
  const left: Promise<unknown> = work
    .catch(() => undefined)
    .finally(() => {
      if (stillWarming.get(backend) === left) stillWarming.delete(backend);
    });
  stillWarming.set(backend, left);
  return false;
}

/** The WebGL backend's parallel compile (tfjs's `ENGINE_COMPILE_ONLY` mode). */
interface ParallelCompile {
  checkCompileCompletionAsync(): Promise<unknown>;
  getUniformLocations(): void;
}

/** Kernels queued to compile by `compileAhead`: settled once all are compiled and located. */
let compiling: Promise<void> | undefined;

/**
 * On WebGL, queues the compile of every kernel one `step` uses without running
 * any of them (tfjs's `ENGINE_COMPILE_ONLY`), so they compile while this
 * thread waits instead of blocking it kernel by kernel (seconds with a
 * software renderer), and gives them their uniform locations once compiled.
 * First it reads a scalar computed on the GPU, which compiles the program a
 * loss's read goes through (its decode): compiled at the first read instead,
 * its link waits on every draw queued before it, and a software renderer
 * builds each kernel's shader at its first draw, so that read held this
 * thread 0.3–0.9 s past the measuring's budget (SwiftShader, measured).
 * Undefined on other backends.
 */
function compileAhead(step: () => tf.Tensor): Promise<void> | undefined {
  const backend = tf.backend() as Partial<ParallelCompile>;
  if (tf.getBackend() !== 'webgl' || !backend.checkCompileCompletionAsync || !backend.getUniformLocations) return undefined;
  // A product, a sum and a division run on the GPU (tiny ops on values still in memory would run on the CPU, and need
  // no decode), and end, as a loss does, in a packed scalar: the decode is compiled for that texture.
  const scalar = tf.tidy(() => tf.div(tf.sum(tf.matMul(tf.ones([1, 1]), tf.ones([1, 1]))), 2));
  const readCompiled = scalar.data();
  // Freed once read (tfjs defers it while the read is pending).
  scalar.dispose();
  tf.env().set('ENGINE_COMPILE_ONLY', true);
  try {
    tf.dispose(step());
  } catch {
    // An op that reads values cannot run compile-only: what it queued still compiles, the rest at the first step.
  } finally {
    tf.env().set('ENGINE_COMPILE_ONLY', false);
  }
  compiling = Promise.all([readCompiled, backend.checkCompileCompletionAsync().then(() => backend.getUniformLocations!())]).then(() => undefined);
  return compiling;
}

/**
 * Trains `config`'s model on the active backend for about `budgetMs`, warm-up
 * included: one warm-up step (kernels compile; on WebGL queued all at once
 * first, `compileAhead`), then chunks of 1, 2, 4… steps, each chunk's last
 * loss read back (as training reads losses back a few times a second, not
 * every step), with a turn for queued messages (a Stop) between chunks. A
 * chunk is cut to the steps that fit in what is left of the budget, at the
 * pace so far, so the measurement ends close to it rather than up to twice it.
 * Returns examples per second over the timed steps, at least one once
 * warmed up; `WARMING` when the warm-up step was not done within `budgetMs`
 * (it goes on compiling, and until it is done the backend answers `WARMING`
 * at once, so the next measurement after it finds it warm). The model,
 * its optimizer and every tensor are freed.
 */
export async function timeTraining(config: Config, budgetMs: number, now: () => number = clock): Promise<number | typeof WARMING> {
  const backend = tf.getBackend();
  // The last measurement's warm-up is still going: measured once it is done.
  if (stillWarming.has(backend)) return WARMING;
  const start = now();
  // Glorot weights whatever the run asks for: the same graph at the same speed, without orthogonal's QR (about 1 s for 512 units).
  const task = createTask({ ...config, recurrentInit: 'glorot' }, createRng(`${config.seed}:measure`));
  const optimizer = new FlatAdam(config.learningRate);
  const spec = problemSpec(config);
  const rng = createRng(`${config.seed}:measure-data`);
  const step = (): tf.Scalar => {
    const batch = task.trainBatch(spec.generate(rng, config.batchSize));
    return tf.tidy(() => {
      const x = tf.tensor(batch.x.values, batch.x.shape);
      const y = tf.tensor(batch.y.values, batch.y.shape);
      return optimizer.minimize(() => task.loss(x, y), task.variables);
    });
  };
  /** Runs `n` steps and waits for the last one's loss, at most `waitMs` if given: false when it was not read by then. */
  const run = async (n: number, waitMs?: number) => {
    let last: tf.Scalar | undefined;
    try {
      for (let i = 0; i < n; i++) {
        last?.dispose();
        last = step();
      }
      const read = last!.data();
      if (waitMs === undefined) return await read.then(() => true);
      return await warmedInTime(backend, read, waitMs);
    } finally {
      // A read still pending keeps its tensor until it is done (tfjs defers the disposal).
      last?.dispose();
    }
  };
  try {
    const compiled = compileAhead(step);
    if (compiled && !(await warmedInTime(backend, compiled, start + budgetMs - now()))) return WARMING;
    if (!(await run(1, start + budgetMs - now()))) return WARMING;
    await yieldToEventLoop();
    const t0 = now();
    let steps = 0;
    let chunk = 1;
    for (;;) {
      await run(chunk);
      const end = now();
      steps += chunk;
      // A coarse clock (one that ticks every 16–100 ms) may not have moved yet: more steps, until it does.
      if (end === t0) {
        chunk *= 2;
        await yieldToEventLoop();
        continue;
      }
      const perStep = (end - t0) / steps;
      const left = start + budgetMs - end;
      // Done when another step would end past the budget; else the next chunk doubles, as far as the budget lets it.
      if (left < perStep) return (steps * config.batchSize) / ((end - t0) / 1000);
      chunk = Math.min(2 * chunk, Math.floor(left / perStep));
      await yieldToEventLoop();
    }
  } finally {
    task.dispose();
    optimizer.dispose();
  }
}
