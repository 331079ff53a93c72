import { defineConfig } from 'vitest/config';
import base from './vite.config';

/**
 * The tests StrykerJS runs against worker and store mutants: those folders'
 * tests and the component tests, which drive the store.
 * (`include` replaces the base list: `mergeConfig` would append to it.)
 */
export default defineConfig({ ...base, test: { ...base.test, include: ['tests/unit/{worker,store}/**/*.test.ts', 'tests/unit/ui/**/*.test.tsx'] } });
