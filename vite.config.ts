/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// Cross-origin isolation lets the threaded-SIMD wasm backend load.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The strictest policy the built app runs under: everything from this origin;
 * `'wasm-unsafe-eval'` lets tfjs compile its WebAssembly; `blob:` workers are
 * how the threaded wasm backend starts its threads. No inline script, no
 * other origin. (Dev mode injects inline scripts, so only the build gets it.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "img-src 'self' data:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Puts the policy into the built index.html as a meta tag (`frame-ancestors` only works as a header). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'carry-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
    // Offline after the first visit: precache every built file, the wasm binaries included.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script',
      manifest: {
        name: 'Carry · a recurrent network learns to add',
        short_name: 'Carry',
        description: 'Watch a recurrent network learn to add, in your browser.',
        theme_color: '#1f4e8c',
        background_color: '#f4f6fa',
        display: 'standalone',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        // The pre-trained models (json) too, so "Your sum" answers offline.
        globPatterns: ['**/*.{js,css,html,wasm,svg,webmanifest,json}'],
        maximumFileSizeToCacheInBytes: 8 * 2 ** 20,
        cleanupOutdatedCaches: true,
        // Take over the page that registered it, so the first visit is enough to work offline.
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  server: { headers: isolation },
  preview: { headers: { ...isolation, 'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'` } },
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
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
