/// <reference lib="webworker" />
/**
 * The training worker's entry: tells tfjs where the wasm binaries are (served
 * from this origin, hashed by Vite), registers WebGPU (for `auto` to measure
 * where the browser has it), and hands every message to the handler.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import '@tensorflow/tfjs-backend-webgpu';
import { createHandler } from './handler';
import type { WorkerEvent, WorkerRequest } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
});

/**
 * tfjs's threaded wasm build caps its thread pool at half of
 * `navigator.hardwareConcurrency` (it assumes two hardware threads per core),
 * read once as the wasm module starts, whatever count is asked for: a
 * 2-core device gets one thread, a 4-core one two. The page asks for every
 * core but one; this lets tfjs see enough cores to grant it.
 */
function liftWasmThreadCap(threads: number): void {
  if (2 * threads > self.navigator.hardwareConcurrency) Object.defineProperty(self.navigator, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
}

const handle = createHandler({ post: (event: WorkerEvent) => self.postMessage(event), onThreads: liftWasmThreadCap });
self.onmessage = (e: MessageEvent<WorkerRequest>) => void handle(e.data);
