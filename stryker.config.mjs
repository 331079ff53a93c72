// @ts-check
/**
 * Mutation testing, in two runs that each use only the tests of the code they
 * mutate (a core mutant run against the worker's training tests would cost
 * seconds for nothing the core tests do not already check):
 *
 *   npm run test:mutation            both runs, one after the other
 *   npx stryker run stryker.core.config.mjs   src/core with tests/unit/core
 *   npx stryker run stryker.app.config.mjs    src/worker and src/store with their tests
 *
 * Reports land in reports/mutation/<run>.html (git-ignored).
 * @param {'core' | 'app'} run
 * @param {string[]} mutate
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function mutationRun(run, mutate) {
  return {
    testRunner: 'vitest',
    vitest: { configFile: `vitest.mutation.${run}.config.ts` },
    mutate,
    coverageAnalysis: 'perTest',
    reporters: ['html', 'clear-text', 'progress', 'json'],
    htmlReporter: { fileName: `reports/mutation/${run}.html` },
    jsonReporter: { fileName: `reports/mutation/${run}.json` },
    concurrency: 2,
    timeoutMS: 30_000,
    tempDirName: `reports/.stryker-tmp-${run}`,
    cleanTempDir: 'always',
  };
}

export default mutationRun('core', ['src/core/**/*.ts']);
