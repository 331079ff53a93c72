// @ts-check
import { mutationRun } from './stryker.config.mjs';

export default mutationRun('core', ['src/core/**/*.ts']);
