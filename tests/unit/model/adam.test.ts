import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../../src/model/backend';
import { DEFAULT_CONFIG, type Config } from '../../../src/core/config';
import { problemSpec } from '../../../src/core/problem';
import { createRng } from '../../../src/core/random';
import { FlatAdam } from '../../../src/model/adam';
import { createTask } from '../../../src/model/tasks';


const config: Config = { ...DEFAULT_CONFIG, largest: 9, encoderUnits: 8, decoderUnits: 6 };

/** The model's weights after `steps` Adam steps on the same seeded batches, taken by `step`. */
function weightsAfter(steps: number, step: (loss: () => tf.Scalar, vars: tf.Variable[], i: number) => tf.Scalar): Float32Array[] {
  const task = createTask(config, createRng('adam'));
  const spec = problemSpec(config);
  const rng = createRng('adam-data');
  for (let i = 0; i < steps; i++) {
    const b = task.trainBatch(spec.generate(rng, 16));
    tf.tidy(() => {
      const x = tf.tensor(b.x.values, b.x.shape);
      const y = tf.tensor(b.y.values, b.y.shape);
      step(() => task.loss(x, y), task.variables, i);
    });
  }
  const out = task.variables.map((v) => v.dataSync() as Float32Array);
  task.dispose();
  return out;
}

const maxDifference = (a: Float32Array[], b: Float32Array[]) =>
  Math.max(...a.map((w, i) => Math.max(...w.map((x, j) => Math.abs(x - b[i][j])))));

describe.each(['cpu', 'wasm'] as const)('FlatAdam on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it("steps every weight exactly as tfjs's Adam does, rate changes and non-default betas and epsilon included", () => {
    const rates = [0.03, 0.03, 0.01, 0.01, 0.02, 0.005];
    const stock = tf.train.adam(rates[0], 0.8, 0.99, 1e-4);
    const stockWeights = weightsAfter(rates.length, (f, vars, i) => {
      (stock as unknown as { learningRate: number }).learningRate = rates[i];
      return stock.minimize(f, true, vars)!;
    });
    stock.dispose();
    const flat = new FlatAdam(rates[0], 0.8, 0.99, 1e-4);
    const flatWeights = weightsAfter(rates.length, (f, vars, i) => {
      flat.learningRate = rates[i];
      return flat.minimize(f, vars);
    });
    flat.dispose();
    const untrained = weightsAfter(0, () => tf.scalar(0));
    // The steps moved the weights (by about the rates' sum), and both optimisers moved them alike, bit for bit
    // (same float32 operations in the same order, and β's powers kept as tfjs keeps them): runs train as before.
    expect(maxDifference(flatWeights, untrained)).toBeGreaterThan(0.02);
    expect(maxDifference(flatWeights, stockWeights)).toBe(0);
  });

  it("takes the backend's epsilon when none is given, as tfjs's Adam does", () => {
    const flat = new FlatAdam(0.1);
    expect(flat.epsilon).toBe(tf.backend().epsilon());
    flat.dispose();
  });

  it('first step moves each weight by the learning rate against its gradient, and frees what it made', () => {
    const before = tf.memory().numTensors;
    const flat = new FlatAdam(0.1);
    const [a, b] = tf.tidy(() => [tf.variable(tf.tensor([1, 2])), tf.variable(tf.tensor([[3]]))]);
    const grads = [tf.tensor([5, -2]), tf.tensor([[0.5]])];
    flat.learningRate = 0.01;
    flat.applyGradients(grads, [a, b]);
    expect(Array.from(a.dataSync())).toEqual([expect.closeTo(0.99, 6), expect.closeTo(2.01, 6)]);
    expect(b.shape).toEqual([1, 1]);
    expect(b.dataSync()[0]).toBeCloseTo(2.99, 6);
    // A second step from the kept moments: m = 0.9·5 + 0.1·5 and v alike, so the same step again.
    flat.applyGradients(grads, [a, b]);
    expect(a.dataSync()[0]).toBeCloseTo(0.98, 6);
    tf.dispose([a, b, ...grads]);
    flat.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('starts its moments and bias corrections afresh for other weights, and says when the loss misses one', () => {
    const flat = new FlatAdam(0.01);
    const [a, b] = tf.tidy(() => [tf.variable(tf.tensor([1, 2])), tf.variable(tf.tensor([3]))]);
    tf.tidy(() => flat.applyGradients([tf.tensor([5, -2])], [a]));
    tf.tidy(() => flat.applyGradients([tf.tensor([5, -2])], [a]));
    // Three weights now: a first step again, each moving by the rate (a bias correction of the third step would not).
    tf.tidy(() => flat.applyGradients([tf.tensor([1, 1]), tf.tensor([-4])], [a, b]));
    expect(a.dataSync()[0]).toBeCloseTo(0.97, 6);
    expect(b.dataSync()[0]).toBeCloseTo(3.01, 6);
    const c = tf.tidy(() => tf.variable(tf.scalar(1)));
    expect(() => flat.minimize(() => tf.sum(tf.mul(a, 2)) as tf.Scalar, [a, c])).toThrow(/does not reach/);
    tf.dispose([a, b, c]);
    flat.dispose();
  });
});
