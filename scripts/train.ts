/**
 * Headless trainer: the app's own `src/model` trainer in Node on the wasm backend.
 * Prints one JSON line per epoch and a last `{"done": true, …}` line.
 *   npm run train -- --n_numbers 2 --largest 10 --target-exact 0.99 --max-seconds 300
 *   npm run train -- --model mapping-lstm --n_numbers 2 --largest 100
 */
import * as tf from '@tensorflow/tfjs';
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
trainer.dispose();
