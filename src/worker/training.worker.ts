/// <reference lib="webworker" />
/**
 * The training worker's entry: tells tfjs where the wasm binaries are (served
 * from this origin, hashed by Vite) and hands every message to the handler.
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { createHandler } from './handler';
import type { WorkerEvent, WorkerRequest } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
});

/** WebGL on a software renderer (no GPU) is far slower than wasm; say so instead of trying it. */
function webglVeto(): string | undefined {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
    if (!gl) return 'WebGL is not available on this device';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    if (/swiftshader|llvmpipe|software/i.test(renderer)) return `WebGL runs on a software renderer here (${renderer}), slower than wasm`;
  } catch {
    return 'WebGL is not available in this worker';
  }
  return undefined;
}

const handle = createHandler({ post: (event: WorkerEvent) => self.postMessage(event), webglVeto });
self.onmessage = (e: MessageEvent<WorkerRequest>) => void handle(e.data);
