import { defineConfig } from 'vitest/config';

/** Browser tests: playwright-core drives /usr/bin/chromium against `vite preview` of dist/. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
