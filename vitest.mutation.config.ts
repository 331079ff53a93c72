import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vite.config';

/**
 * The tests StrykerJS runs against each mutant: those of the folders it
 * mutates (core, worker, store) and the component tests. The model tests
 * train networks for seconds each and would only re-test core code the core
 * tests already cover, so they are left to `npm test`.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['tests/unit/{core,worker,store,architecture,scripts}/**/*.test.ts', 'tests/unit/ui/**/*.test.tsx'],
    },
  }),
);
