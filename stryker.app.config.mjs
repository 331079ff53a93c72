// @ts-check
import { mutationRun } from './stryker.config.mjs';

// The worker entry only runs in a browser (the e2e tests cover it).
export default mutationRun('app', ['src/worker/**/*.ts', 'src/store/**/*.ts', '!src/worker/training.worker.ts']);
