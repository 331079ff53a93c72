/**
 * The tutorial's way of training, for comparison: the lesson's model in
 * `tf.layers` (glorotUniform recurrent init), `model.fit` with batch 10 and
 * Adam 1e-3 on 1 000 fresh examples per epoch, scored on held-out sums.
 */
import * as tf from '@tensorflow/tfjs';
import { encodeBatch } from '../src/core/encoding';
import { exactMatch } from '../src/core/metrics';
import { problemSpec, type ProblemSettings } from '../src/core/problem';
import { createRng } from '../src/core/random';

/** The lesson's Act 2 model. */
export function stockModel(p: ProblemSettings, seed: number, encoderUnits = 100, decoderUnits = 50): tf.LayersModel {
  const { inWidth, outWidth, alphabet } = problemSpec(p);
  // Seeded, so a bench run is reproducible (unseeded, the time to 99 % varied 2× between runs).
  const glorot = (k: number) => tf.initializers.glorotUniform({ seed: seed * 10 + k });
  const model = tf.sequential({
    layers: [
      tf.layers.lstm({ units: encoderUnits, inputShape: [inWidth, alphabet.length], kernelInitializer: glorot(1), recurrentInitializer: glorot(2) }),
      tf.layers.repeatVector({ n: outWidth }),
      tf.layers.lstm({ units: decoderUnits, returnSequences: true, kernelInitializer: glorot(3), recurrentInitializer: glorot(4) }),
      tf.layers.timeDistributed({ layer: tf.layers.dense({ units: alphabet.length, activation: 'softmax', kernelInitializer: glorot(5) }) }),
    ],
  });
  model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.001), metrics: ['accuracy'] });
  return model;
}

/** A batch as batch-major tensors `[B, T, symbols]`, as tf.layers wants them. */
function batchMajor(count: number, p: ProblemSettings, seed: string) {
  const spec = problemSpec(p);
  const enc = encodeBatch(spec.generate(createRng(seed), count), spec);
  const n = spec.alphabet.length;
  return tf.tidy(() => ({
    x: tf.tensor3d(enc.x, [spec.inWidth, count, n]).transpose([1, 0, 2]),
    y: tf.tensor3d(enc.y, [spec.outWidth, count, n]).transpose([1, 0, 2]),
  }));
}

export interface StockResult { seconds: number; examples: number; exactMatch: number; reached: boolean; examplesPerSecond: number }

/** Trains until held-out exact-match reaches `target` or `maxSeconds` pass. */
export async function runStock(p: ProblemSettings, target: number, maxSeconds: number, seed = 1, log?: (line: string) => void): Promise<StockResult> {
  const model = stockModel(p, seed);
  const spec = problemSpec(p);
  const expected = spec.generate(createRng(`${seed}:held-out`), 1000).map((e) => spec.answer(e.value));
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
    const outW = spec.outWidth;
    const predicted = expected.map((_, b) => spec.decode(flat.subarray(b * outW, (b + 1) * outW)));
    exact = exactMatch(predicted, expected);
    log?.(JSON.stringify({ part: 'stock', epoch, examples, seconds: Number(seconds.toFixed(2)), exactMatch: exact }));
    if (exact >= target) break;
  }
  tf.dispose([held.x, held.y]);
  model.dispose();
  return { seconds, examples, exactMatch: exact, reached: exact >= target, examplesPerSecond: examples / seconds };
}
