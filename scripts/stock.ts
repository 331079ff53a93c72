/**
 * The tutorial's way of training, for comparison: the lesson's model in
 * `tf.layers` (glorotUniform recurrent init), `model.fit` with batch 10 and
 * Adam 1e-3 on 1 000 fresh examples per epoch, scored on held-out sums.
 */
import * as tf from '@tensorflow/tfjs';
import { inputWidth, outputWidth, type Problem } from '../src/core/config';
import { codesToString, encodeBatch, N_SYMBOLS, toPaddedStrings } from '../src/core/encoding';
import { exactMatch } from '../src/core/metrics';
import { randomSumPairs } from '../src/core/problems';
import { createRng } from '../src/core/random';

/** The lesson's Act 2 model. */
export function stockModel(p: Problem, seed: number, encoderUnits = 100, decoderUnits = 50): tf.LayersModel {
  // Seeded, so a bench run is reproducible (unseeded, the time to 99 % varied 2× between runs).
  const glorot = (k: number) => tf.initializers.glorotUniform({ seed: seed * 10 + k });
  const model = tf.sequential({
    layers: [
      tf.layers.lstm({ units: encoderUnits, inputShape: [inputWidth(p), N_SYMBOLS], kernelInitializer: glorot(1), recurrentInitializer: glorot(2) }),
      tf.layers.repeatVector({ n: outputWidth(p) }),
      tf.layers.lstm({ units: decoderUnits, returnSequences: true, kernelInitializer: glorot(3), recurrentInitializer: glorot(4) }),
      tf.layers.timeDistributed({ layer: tf.layers.dense({ units: N_SYMBOLS, activation: 'softmax', kernelInitializer: glorot(5) }) }),
    ],
  });
  model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.001), metrics: ['accuracy'] });
  return model;
}

/** A batch as batch-major tensors `[B, T, 12]`, as tf.layers wants them. */
function batchMajor(count: number, p: Problem, seed: string) {
  const enc = encodeBatch(randomSumPairs(createRng(seed), count, p), p, false);
  return tf.tidy(() => ({
    x: tf.tensor3d(enc.x, [enc.inWidth, count, N_SYMBOLS]).transpose([1, 0, 2]),
    y: tf.tensor3d(enc.y, [enc.outWidth, count, N_SYMBOLS]).transpose([1, 0, 2]),
  }));
}

export interface StockResult { seconds: number; examples: number; exactMatch: number; reached: boolean; examplesPerSecond: number }

/** Trains until held-out exact-match reaches `target` or `maxSeconds` pass. */
export async function runStock(p: Problem, target: number, maxSeconds: number, seed = 1, log?: (line: string) => void): Promise<StockResult> {
  const model = stockModel(p, seed);
  const pairs = randomSumPairs(createRng(`${seed}:held-out`), 1000, p);
  const expected = pairs.terms.map((t, i) => toPaddedStrings(t, pairs.sums[i], p).output);
  const held = batchMajor(1000, p, `${seed}:held-out`);
  let seconds = 0;
  let examples = 0;
  let exact = 0;
  for (let epoch = 1; seconds < maxSeconds; epoch++) {
    const { x, y } = batchMajor(1000, p, `${seed}:train:${epoch}`);
    const t0 = performance.now();
    await model.fit(x, y, { batchSize: 10, epochs: 1, verbose: 0, shuffle: false });
    const codes = tf.tidy(() => (model.predict(held.x) as tf.Tensor).argMax(2));
    const flat = await codes.data();
    seconds += (performance.now() - t0) / 1000;
    tf.dispose([x, y, codes]);
    examples += 1000;
    const outW = outputWidth(p);
    const predicted = expected.map((_, b) => codesToString(flat.subarray(b * outW, (b + 1) * outW)));
    exact = exactMatch(predicted, expected);
    log?.(JSON.stringify({ part: 'stock', epoch, examples, seconds: Number(seconds.toFixed(2)), exactMatch: exact }));
    if (exact >= target) break;
  }
  tf.dispose([held.x, held.y]);
  model.dispose();
  return { seconds, examples, exactMatch: exact, reached: exact >= target, examplesPerSecond: examples / seconds };
}
