/**
 * Headless trainer: the app's own `src/model` trainer in Node on the wasm backend.
 * Prints one JSON line per epoch and a last `{"done": true, …}` line.
 *   npm run train -- --n_numbers 2 --largest 10 --target-exact 0.99 --max-seconds 300
 *   npm run train -- --model mapping-lstm --n_numbers 2 --largest 100
 * With `--test-largest`, a last `{"longer": …}` line scores longer numbers than trained on.
 */
import * as tf from '@tensorflow/tfjs';
import { longerRefusal, summariseLonger } from '../src/core/longer';
import { useBackend } from '../src/model/backend';
import { Trainer } from '../src/model/train';
import { parseArgs } from './cli';

const { config, targetExact, maxSeconds } = parseArgs(process.argv.slice(2));
if (!(await useBackend('wasm'))) {
  process.stderr.write('The wasm backend did not start; training on cpu (much slower).\n');
  await useBackend('cpu');
}
const round = (x: number, d = 4) => Number(x.toFixed(d));
const trainer = new Trainer(config, {
  targetExact,
  maxSeconds,
  onEpoch: (r) =>
    console.log(JSON.stringify({
      epoch: r.epoch,
      examples: r.examples,
      seconds: round(r.seconds, 2),
      loss: round(r.loss),
      perSymbolAccuracy: r.perSymbolAccuracy === null ? null : round(r.perSymbolAccuracy),
      exactMatch: round(r.exactMatch),
      rmse: round(r.rmse),
      examplesPerSecond: Math.round(r.examplesPerSecond),
    })),
});
process.on('SIGINT', () => trainer.stop());
const summary = await trainer.run();
console.log(JSON.stringify({
  done: true,
  reason: summary.reason,
  seconds: round(summary.seconds, 2),
  examples: summary.examples,
  exactMatch: round(summary.exactMatch),
  perSymbolAccuracy: summary.perSymbolAccuracy === null ? null : round(summary.perSymbolAccuracy),
  rmse: round(summary.rmse),
  model: config.model,
  backend: tf.getBackend(),
}));
if (config.testLargest > 0 && !longerRefusal(config)) {
  const r = await trainer.longerTest();
  // Exact-match per cell, rows a's digits, columns b's digits.
  const grid = r.digits.map((a) => r.digits.map((b) => {
    const cell = r.cells[(a - 1) * r.digits.length + (b - 1)];
    return round(cell.right / cell.count, 3);
  }));
  console.log(JSON.stringify({ longer: summariseLonger(r), inRange: r.inRange, beyond: r.beyond, grid, examples: r.examples }));
}
trainer.dispose();
