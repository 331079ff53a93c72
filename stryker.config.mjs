// @ts-check
/**
 * Mutation testing: `npm run test:mutation` (all of src/core, src/worker and
 * src/store), or one folder with `npm run test:mutation -- --mutate 'src/core/**\/*.ts'`.
 * The HTML report lands in reports/mutation/index.html (git-ignored).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: [
    'src/core/**/*.ts',
    'src/worker/**/*.ts',
    'src/store/**/*.ts',
    // The worker entry and the client only run in a browser (the e2e tests cover them).
    '!src/worker/training.worker.ts',
  ],
  coverageAnalysis: 'perTest',
  reporters: ['html', 'clear-text', 'progress', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  timeoutMS: 30_000,
  tempDirName: 'reports/.stryker-tmp',
  cleanTempDir: 'always',
};
