import { defineConfig } from 'vitest/config';
import base from './vite.config';

/**
 * The tests StrykerJS runs against core mutants: the core tests alone. They
 * take about two seconds in all, so each mutant costs little more than
 * vitest's own start.
 * (`include` replaces the base list: `mergeConfig` would append to it.)
 */
export default defineConfig({ ...base, test: { ...base.test, include: ['tests/unit/core/**/*.test.ts'] } });
