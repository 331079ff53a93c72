/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Cross-origin isolation lets the threaded-SIMD wasm backend load.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: {
    format: 'es',
    // Full minification breaks the threaded wasm backend (tfjs rebuilds its
    // thread code from Function.toString()): mangle only.
    rolldownOptions: { output: { minify: { compress: false, mangle: true, codegen: true } } },
  },
  // The worker bundles tfjs (~1.9 MB unminified, ~280 kB gzip) and stays lazy; nothing to split.
  build: { chunkSizeWarningLimit: 2_500 },
  optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'] },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
