import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../../src/core/config';
import { ANNEALED_RECIPE, batchSizeAt, learningRateAt } from '../../../src/core/schedule';
import { clipByGlobalNorm, Trainer, type BatchPoint, type EpochReport } from '../../../src/model/train';
import { formatExpression, type Expression } from '../../../src/core/expression';
import { answerBalanced, carryBalanced } from '../../../src/core/carries';
import { hardCandidates, hardCycle } from '../../../src/core/hardExamples';
import { problemSpec } from '../../../src/core/problem';
import { createRng } from '../../../src/core/random';

const sum = (...terms: number[]): Expression => ({ terms, ops: terms.slice(1).map(() => '+' as const), value: terms.reduce((a, b) => a + b, 0) });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A tiny problem that trains in well under a second on the cpu backend (with the recipe before the search: one cut at 90 %, sums as asked). */
const tiny: Config = {
  ...DEFAULT_CONFIG,
  ...ANNEALED_RECIPE,
  largest: 5,
  encoderUnits: 16,
  decoderUnits: 16,
  epochs: 4,
  examplesPerEpoch: 300,
  batchSize: 30,
  learningRate: 0.02,
  stopAtExact: 0,
  seed: 7,
  backend: 'cpu',
};

async function train(config: Config, extra: ConstructorParameters<typeof Trainer>[1] = {}) {
  const epochs: EpochReport[] = [];
  const points: BatchPoint[] = [];
  const trainer = new Trainer(config, { heldOutSize: 100, flushMs: 0, ...extra, onEpoch: (e) => { epochs.push(e); extra.onEpoch?.(e); }, onBatch: (p) => { points.push(...p); extra.onBatch?.(p); } });
  const summary = await trainer.run();
  return { trainer, summary, epochs, points };
}

describe('Trainer', () => {
  it('loss falls on a tiny seeded problem, and every epoch is reported', async () => {
    const { trainer, summary, epochs, points } = await train(tiny);
    expect(summary.reason).toBe('completed');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(points).toHaveLength(40);
    expect(points.at(-1)!.examples).toBe(1200);
    expect(epochs[3].loss).toBeLessThan(epochs[0].loss * 0.8);
    for (const e of epochs) {
      // A whole answer right means each of its symbols right.
      expect(e.exactMatch).toBeLessThanOrEqual(e.perSymbolAccuracy! + 1e-9);
      expect(e.heldOut).toBe(100);
      expect(e.table).toHaveLength(20);
      for (const row of e.table) expect(row.correct).toBe(row.predicted === row.expected);
    }
    // The last report describes the final model: scoring it again gives the same figures.
    const again = await trainer.evaluate();
    expect(again.exactMatch).toBe(epochs[3].exactMatch);
    expect(again.rmse).toBe(epochs[3].rmse);
    expect(again.table).toEqual(epochs[3].table);
    trainer.dispose();
  });

  it('the same seed and config give the same curve; another seed does not', async () => {
    const short = { ...tiny, epochs: 1 };
    const a = await train(short);
    const b = await train(short);
    const c = await train({ ...short, seed: 8 });
    expect(b.points.map((p) => p.loss)).toEqual(a.points.map((p) => p.loss));
    expect(c.points.map((p) => p.loss)).not.toEqual(a.points.map((p) => p.loss));
    [a, b, c].forEach((r) => r.trainer.dispose());
  });

  it('stop takes effect before the next batch', async () => {
    let trainer: Trainer | undefined;
    const points: BatchPoint[] = [];
    trainer = new Trainer(tiny, { heldOutSize: 50, flushMs: 0, onBatch: (p) => { points.push(...p); if (points.length >= 3) trainer!.stop(); } });
    const summary = await trainer.run();
    expect(summary.reason).toBe('stopped');
    expect(summary.examples).toBe(3 * tiny.batchSize);
    trainer.dispose();
  });

  it('pause holds the run until resume, and paused time is not counted', async () => {
    // Time is the test's: each batch "takes" 100 ms, the pause lasts a minute.
    let clock = 0;
    const points: BatchPoint[] = [];
    let paused!: () => void;
    const pausedEvent = new Promise<void>((resolve) => (paused = resolve));
    const trainer = new Trainer({ ...tiny, epochs: 1 }, {
      heldOutSize: 50,
      flushMs: 0,
      now: () => clock,
      onPaused: () => paused(),
      onBatch: (p) => {
        clock += 100 * p.length;
        points.push(...p);
        if (points.length === 2) trainer.pause();
      },
    });
    const running = trainer.run();
    await pausedEvent;
    expect(points).toHaveLength(2);
    expect(trainer.isPaused).toBe(true);
    // Held: more turns of the event loop train nothing.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(points).toHaveLength(2);
    clock += 60_000;
    trainer.resume();
    const summary = await running;
    expect(points).toHaveLength(10);
    expect(summary.reason).toBe('completed');
    // Ten batches of 100 ms; the minute paused is left out.
    expect(summary.seconds).toBeCloseTo(1.0, 9);
    trainer.dispose();
  });

  it('step trains one batch while paused, or on to the end of the epoch, then holds again', async () => {
    const points: BatchPoint[] = [];
    const epochs: EpochReport[] = [];
    let pausedCount = 0;
    let onPause: () => void = () => undefined;
    const nextPause = () => new Promise<void>((resolve) => (onPause = resolve));
    // 10 batches per epoch.
    const trainer = new Trainer({ ...tiny, epochs: 2, stopAtExact: 0 }, {
      heldOutSize: 50,
      flushMs: 0,
      onPaused: () => {
        pausedCount++;
        onPause();
      },
      onBatch: (p) => {
        points.push(...p);
        if (points.length === 3 && pausedCount === 0) trainer.pause();
      },
      onEpoch: (e) => epochs.push(e),
    });
    let pause = nextPause();
    const running = trainer.run();
    await pause;
    expect(points).toHaveLength(3);
    trainer.step(); // ignored unless paused: it is paused, so one batch
    pause = nextPause();
    await pause;
    expect(points).toHaveLength(4);
    expect(points.at(-1)!.examples).toBe(4 * tiny.batchSize);
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
    expect(points).toHaveLength(4);
    pause = nextPause();
    trainer.step(true);
    await pause;
    expect(points).toHaveLength(10);
    expect(epochs.map((e) => e.epoch)).toEqual([1]);
    expect(trainer.isPaused).toBe(true);
    trainer.resume();
    const summary = await running;
    expect(points).toHaveLength(20);
    expect(summary.reason).toBe('completed');
    trainer.dispose();
  });

  it('step does nothing while running', async () => {
    const points: BatchPoint[] = [];
    const trainer = new Trainer({ ...tiny, epochs: 1 }, { heldOutSize: 50, flushMs: 0, onBatch: (p) => points.push(...p) });
    trainer.step();
    const summary = await trainer.run();
    expect(summary.reason).toBe('completed');
    expect(points).toHaveLength(10);
    trainer.dispose();
  });

  it('ends at the epoch whose held-out exact-match first reaches the target', async () => {
    const { trainer, summary, epochs } = await train({ ...tiny, epochs: 60 }, { targetExact: 0.5 });
    expect(summary.reason).toBe('target');
    expect(epochs.at(-1)!.exactMatch).toBeGreaterThanOrEqual(0.5);
    expect(epochs.slice(0, -1).every((e) => e.exactMatch < 0.5)).toBe(true);
    expect(epochs.length).toBeLessThan(60);
    expect(summary.exactMatch).toBe(epochs.at(-1)!.exactMatch);
    trainer.dispose();
  });

  it("without a target from the caller, ends at the config's stop-at-exact-match", async () => {
    const { trainer, summary, epochs } = await train({ ...tiny, epochs: 60, stopAtExact: 50 });
    expect(summary.reason).toBe('target');
    expect(epochs.at(-1)!.exactMatch).toBeGreaterThanOrEqual(0.5);
    expect(epochs.slice(0, -1).every((e) => e.exactMatch < 0.5)).toBe(true);
    trainer.dispose();
  });

  it('ends when the training time passes maxSeconds, counted on its clock', async () => {
    let clock = 0;
    const { trainer, summary, epochs } = await train({ ...tiny, epochs: 50 }, {
      maxSeconds: 2.5,
      now: () => clock,
      onBatch: (p) => (clock += 100 * p.length),
    });
    // Ten batches of 100 ms an epoch: the epoch that ends at 3 s is the first past 2.5 s.
    expect(summary.reason).toBe('time');
    expect(epochs.map((e) => e.seconds)).toEqual([1, 2, 3]);
    expect(summary.seconds).toBeCloseTo(3, 9);
    trainer.dispose();
  });

  it('scores the first 200 held-out sums until they reach 90 %, then all of them from that epoch on', async () => {
    const { trainer, epochs } = await train({ ...tiny, largest: 3, epochs: 40 }, { heldOutSize: 300, targetExact: 0.99 });
    const crossing = epochs.findIndex((e) => e.heldOut === 300);
    expect(crossing).toBeGreaterThan(0);
    expect(epochs.slice(0, crossing).every((e) => e.heldOut === 200 && e.exactMatch < 0.9)).toBe(true);
    expect(epochs.slice(crossing).every((e) => e.heldOut === 300)).toBe(true);
    // The crossing epoch reports the full set, scored again from scratch.
    const all = await trainer.evaluate();
    expect(all.heldOut).toBe(300);
    expect(epochs.at(-1)!.exactMatch).toBe(all.exactMatch);
    trainer.dispose();
  });

  it('anneals: once held-out exact-match passes 90 %, Adam steps with the learning rate × 0.3', async () => {
    const rates: number[] = [];
    let trainer!: Trainer;
    const epochs: EpochReport[] = [];
    trainer = new Trainer({ ...tiny, largest: 3, epochs: 40, anneal: true }, {
      heldOutSize: 100,
      flushMs: 0,
      targetExact: 0.99,
      onEpoch: (e) => {
        epochs.push(e);
        rates.push(trainer.learningRate);
      },
    });
    await trainer.run();
    const cut = epochs.findIndex((e) => e.exactMatch >= 0.9);
    expect(cut).toBeGreaterThan(0);
    // Read in onEpoch, before the cut is made for that epoch: full rate up to and including the crossing epoch.
    expect(rates.slice(0, cut + 1).every((r) => r === tiny.learningRate)).toBe(true);
    expect(trainer.learningRate).toBeCloseTo(tiny.learningRate * 0.3, 12);
    trainer.dispose();
    const plain = new Trainer({ ...tiny, largest: 3, epochs: 40, anneal: false }, { heldOutSize: 100, targetExact: 0.99 });
    await plain.run();
    expect(plain.learningRate).toBe(tiny.learningRate);
    plain.dispose();
  });

  it('the schedule sets what Adam steps with: a warm-up makes the first step that much smaller', async () => {
    // Adam's first step moves each weight by its learning rate (against the gradient's sign), so the largest
    // change of any weight after one batch is the rate that batch stepped with.
    const firstStep = async (c: Config) => {
      const trainer = new Trainer({ ...c, epochs: 1, examplesPerEpoch: c.batchSize }, { heldOutSize: 10 });
      const before = (await trainer.weights()).weights;
      await trainer.run();
      const after = (await trainer.weights()).weights;
      trainer.dispose();
      return Math.max(...after.flatMap((w, i) => Array.from(w, (x, j) => Math.abs(x - before[i][j]))));
    };
    const warm: Config = { ...tiny, warmupExamples: 3_000 };
    expect(learningRateAt(warm, tiny.batchSize)).toBeCloseTo(0.0002, 12);
    expect(await firstStep(warm)).toBeCloseTo(0.0002, 6);
    expect(await firstStep(tiny)).toBeCloseTo(0.02, 4);
  });

  it('before every batch the trainer sets the rate the schedule gives for it (warm-up, then cosine)', async () => {
    const config: Config = { ...tiny, anneal: false, warmupExamples: 300, decay: 'cosine', decayExamples: 600 };
    const rates: { examples: number; rate: number }[] = [];
    const trainer: Trainer = new Trainer(config, { heldOutSize: 20, flushMs: 0, onBatch: (p) => rates.push({ examples: p.at(-1)!.examples, rate: trainer.learningRate }) });
    await trainer.run();
    trainer.dispose();
    expect(rates).toHaveLength(40);
    for (const { examples, rate } of rates) expect(rate, `after ${examples}`).toBe(learningRateAt(config, examples));
    // It rose, peaked and fell: not the constant rate.
    expect(rates[0].rate).toBeCloseTo(0.002, 12);
    expect(Math.max(...rates.map((r) => r.rate))).toBe(0.02);
    expect(rates.at(-1)!.rate).toBeLessThan(0.01);
  });

  it('a batch ramp trains the batches the schedule gives (a quarter first), an epoch still its examples', async () => {
    const config: Config = { ...tiny, epochs: 2, batchRampExamples: 300 };
    const { trainer, points } = await train(config);
    trainer.dispose();
    const sizes = points.map((p, i) => p.examples - (i ? points[i - 1].examples : 0));
    expect(sizes.slice(0, 3)).toEqual([8, batchSizeAt(config, 8), batchSizeAt(config, 8 + batchSizeAt(config, 8))]);
    expect(sizes[0]).toBe(8);
    expect(sizes.at(-1)).toBe(30);
    expect(points.at(-1)!.examples).toBe(600);
  });

  it('clipByGlobalNorm scales long gradients together to the norm, and leaves short ones alone', () => {
    const grads = [tf.tensor([3, 0]), tf.tensor([[4]])];
    const clipped = clipByGlobalNorm(grads, 1);
    expect(clipped.map((g) => g.shape)).toEqual([[2], [1, 1]]);
    expect(Array.from(clipped[0].dataSync())).toEqual([expect.closeTo(0.6, 6), 0]);
    expect(clipped[1].dataSync()[0]).toBeCloseTo(0.8, 6);
    const kept = clipByGlobalNorm(grads, 10);
    expect(Array.from(kept[0].dataSync())).toEqual([3, 0]);
    expect(kept[1].dataSync()[0]).toBe(4);
    tf.dispose([...grads, ...clipped, ...kept]);
  });

  it('clipping changes the run when gradients are longer than the norm, and nothing when they are not', async () => {
    const losses = async (c: Config) => {
      const { trainer, points } = await train({ ...c, epochs: 1 });
      trainer.dispose();
      return points.map((p) => p.loss);
    };
    const plain = await losses(tiny);
    expect(await losses({ ...tiny, clipNorm: 1e6 })).toEqual(plain);
    const clipped = await losses({ ...tiny, clipNorm: 0.01 });
    expect(clipped[0]).toBe(plain[0]);
    expect(clipped).not.toEqual(plain);
  });

  it("Adam's beta2 is the config's: the first two steps do not depend on it, the third does", async () => {
    const losses = async (c: Config) => {
      const { trainer, points } = await train({ ...c, epochs: 1 });
      trainer.dispose();
      return points.map((p) => p.loss);
    };
    const [usual, fast] = [await losses(tiny), await losses({ ...tiny, adamBeta2: 0.9 })];
    // Batch 1's loss is before any step; batch 2's after Adam's first, which moves each weight by the rate whatever beta2.
    expect(fast.slice(0, 2)).toEqual(usual.slice(0, 2).map((l) => expect.closeTo(l, 5)));
    expect(fast[2]).not.toBeCloseTo(usual[2], 5);
  });

  it('a curriculum trains on other (smaller) sums first: another curve, the same held-out sums', async () => {
    const { trainer: a, points: plain } = await train({ ...tiny, largest: 50, epochs: 1 });
    const { trainer: b, points: small } = await train({ ...tiny, largest: 50, epochs: 1, curriculumExamples: 3_000 });
    const [x, y] = [await a.evaluate(), await b.evaluate()];
    expect(x.table.map((r) => r.input)).toEqual(y.table.map((r) => r.input));
    // The same first weights on other sums: the first batch's loss already differs.
    expect(small[0].loss).not.toBe(plain[0].loss);
    a.dispose();
    b.dispose();
  });

  it('predict gives one probability row per answer position, each summing to 1', async () => {
    const { trainer } = await train({ ...tiny, epochs: 1 });
    const [answer] = await trainer.predict([sum(5, 3)]);
    expect(answer.probabilities).toHaveLength(2);
    for (const row of answer.probabilities) {
      expect(row).toHaveLength(12);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    expect(answer.answer).toMatch(/^[0-9+ ]{2}$/);
    trainer.dispose();
  });

  it('leaks no tensors over a whole run, predict and dispose', async () => {
    const before = tf.memory().numTensors;
    const { trainer } = await train({ ...tiny, epochs: 2 });
    await trainer.predict([sum(1, 1)]);
    await trainer.shuffleTest();
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('Trainer on Act 3 problems', () => {
  it('learns + - * with brackets, reversed answers, an embedding and stacked layers: loss falls, answers read the right way round, nothing leaks', async () => {
    const before = tf.memory().numTensors;
    const config: Config = {
      ...tiny,
      operators: '+-*',
      minNumbers: 2,
      nNumbers: 3,
      largest: 5,
      brackets: true,
      reverseOutput: true,
      encoding: 'embedding',
      embeddingSize: 8,
      encoderLayers: 2,
      decoderLayers: 1,
      epochs: 3,
    };
    const { trainer, epochs } = await train(config);
    expect(epochs[2].loss).toBeLessThan(epochs[0].loss);
    const spec = trainer.spec;
    expect(spec.alphabet).toBe('0123456789+-*() ');
    for (const row of epochs[2].table) {
      expect(row.input).toHaveLength(spec.inWidth);
      expect(row.expected).toHaveLength(spec.outWidth);
      expect(row.predicted).toHaveLength(spec.outWidth);
      expect(Function(`return ${row.input.trim()}`)()).toBe(Number(row.expected.trim()));
    }
    const [answer] = await trainer.predict([{ terms: [2, 5], ops: ['-'], value: -3 }]);
    expect(answer.probabilities).toHaveLength(spec.outWidth);
    expect(answer.inputVectors).toHaveLength(spec.inWidth);
    expect(answer.inputVectors![0]).toHaveLength(8);
    // Probabilities are in reading order: the top symbol of each position spells the answer.
    expect(answer.probabilities.map((p) => spec.alphabet[p.indexOf(Math.max(...p))]).join('')).toBe(answer.answer);
    await trainer.shuffleTest();
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** An `onBatch` that fills the model's first weight with NaN once, in the middle of epoch 2: a divergence. */
function poisonInEpochTwo(trainer: () => Trainer): (points: BatchPoint[]) => void {
  let poisoned = false;
  return (points) => {
    if (poisoned || points.at(-1)!.examples <= tiny.examplesPerEpoch * 1.5) return;
    poisoned = true;
    const v = trainer().task.variables[0];
    tf.tidy(() => v.assign(tf.fill(v.shape, Number.NaN)));
  };
}

describe('Trainer faults', () => {
  it('a NaN loss stops the run and puts back the last good epoch’s weights', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    let epochOneWeights: number[] | undefined;
    const trainer: Trainer = new Trainer(
      { ...tiny, epochs: 5 },
      {
        heldOutSize: 50,
        flushMs: 0,
        onEpoch: (e) => {
          if (e.epoch === 1) epochOneWeights = Array.from(trainer.task.variables[0].dataSync());
        },
        onBatch: poisonInEpochTwo(() => trainer),
      },
    );
    const summary = await trainer.run();
    expect(summary.reason).toBe('diverged');
    expect(summary.restoredEpoch).toBe(1);
    expect(summary.epochs).toBe(1);
    const restored = Array.from(trainer.task.variables[0].dataSync());
    expect(restored.every(Number.isFinite)).toBe(true);
    expect(restored).toEqual(epochOneWeights);
    const [answer] = await trainer.predict([sum(1, 2)]);
    expect(answer.answer).toMatch(/^[0-9 ]{2}$/);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('Trainer disposal', () => {
  it('dispose during a run stops it and frees everything once the run has ended', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    let calls = 0;
    const trainer: Trainer = new Trainer({ ...tiny, epochs: 3 }, {
      heldOutSize: 50,
      flushMs: 0,
      onBatch: () => {
        if (++calls === 2) trainer.dispose();
      },
    });
    const summary = await trainer.run();
    expect(summary.reason).toBe('stopped');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('Trainer held-out scoring', () => {
  it('answers each distinct held-out input once, and scores every sum as if each were answered', async () => {
    await tf.setBackend('cpu');
    // Largest 3: 1 000 held-out sums drawn from 9.
    const config = { ...tiny, largest: 3, epochs: 60 };
    // Part-trained, so its answers differ from sum to sum and some are wrong.
    const trainer = new Trainer(config, { heldOutSize: 1000, targetExact: 0.5 });
    await trainer.run();
    const answered: number[] = [];
    const answer = trainer.task.answer.bind(trainer.task);
    trainer.task.answer = (x, ...rest) => (answered.push(x.shape[1]!), answer(x, ...rest));
    const scored = await trainer.evaluate();
    expect(answered).toEqual([9]);
    const heldOut = problemSpec(config).generate(createRng(`${config.seed}:held-out`), 1000);
    const each = await trainer.scoreOn(heldOut);
    expect(scored.exactMatch).toBeGreaterThan(0);
    expect(scored.exactMatch).toBeLessThan(1);
    expect(scored).toMatchObject({ exactMatch: each.exactMatch, perSymbolAccuracy: each.perSymbolAccuracy, rmse: each.rmse, heldOut: 1000 });
    expect(scored.table).toHaveLength(20);
    trainer.dispose();
  });
});

describe('Trainer checkpoints', () => {
  it('hands out checkpoints and resumes from one: epochs, examples and weights carry on', async () => {
    await tf.setBackend('cpu');
    const checkpoints: import('../../../src/model/train').Checkpoint[] = [];
    const first = new Trainer({ ...tiny, epochs: 2 }, { heldOutSize: 50, checkpointSeconds: 0, onCheckpoint: (c) => checkpoints.push(c) });
    await first.run();
    expect(checkpoints.map((c) => c.epoch)).toEqual([1, 2]);
    const cp = checkpoints[0];
    expect(cp.examples).toBe(tiny.examplesPerEpoch);
    expect(cp.weights).toHaveLength(first.task.variables.length);

    const epochs: EpochReport[] = [];
    const resumed = new Trainer({ ...tiny, epochs: 3 }, { heldOutSize: 50, resume: cp, onEpoch: (e) => epochs.push(e) });
    expect(Array.from(resumed.task.variables[1].dataSync())).toEqual(Array.from(cp.weights[1]));
    const summary = await resumed.run();
    expect(epochs.map((e) => e.epoch)).toEqual([2, 3]);
    expect(summary.examples).toBe(3 * tiny.examplesPerEpoch);
    expect(epochs[0].seconds).toBeGreaterThanOrEqual(cp.seconds);
    first.dispose();
    resumed.dispose();
  });

  it('a checkpoint keeps the learning-rate cuts made so far: a resumed run steps with the cut rate', async () => {
    await tf.setBackend('cpu');
    const checkpoints: import('../../../src/model/train').Checkpoint[] = [];
    const config = { ...tiny, largest: 3, epochs: 40, anneal: true };
    const first = new Trainer(config, { heldOutSize: 100, targetExact: 0.99, checkpointSeconds: 0, onCheckpoint: (c) => checkpoints.push(c) });
    await first.run();
    const cut = checkpoints.find((c) => (c.cuts?.cuts ?? 0) > 0);
    expect(cut?.cuts).toMatchObject({ cuts: 1, annealed: true });
    // The checkpoint before it has none, and says so.
    expect(checkpoints[checkpoints.indexOf(cut!) - 1]?.cuts?.cuts ?? 0).toBe(0);
    let rate = 0;
    const resumed: Trainer = new Trainer(config, { heldOutSize: 100, resume: cut, flushMs: 0, onBatch: () => (rate ||= resumed.learningRate) });
    const stopAfterOne = setInterval(() => rate && resumed.stop(), 0);
    await resumed.run();
    clearInterval(stopAfterOne);
    expect(rate).toBeCloseTo(tiny.learningRate * 0.3, 12);
    first.dispose();
    resumed.dispose();
  });

  it('refuses a checkpoint of another model, and leaks nothing doing so', () => {
    const before = tf.memory().numTensors;
    expect(() => new Trainer(tiny, { heldOutSize: 10, resume: { epoch: 1, examples: 1, step: 1, seconds: 0, weights: [new Float32Array(3)] } })).toThrow(/does not fit this model/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('carry-balanced sampling in training', () => {
  it('trains on other sums than uniform sampling with the same seed, and learns', async () => {
    const losses = async (sampling: Config['sampling']) => {
      const { trainer, epochs } = await train({ ...tiny, epochs: 3, sampling });
      trainer.dispose();
      return epochs.map((e) => e.loss);
    };
    const uniform = await losses('uniform');
    const balanced = await losses('carry-balanced');
    expect(balanced[0]).not.toBe(uniform[0]);
    expect(balanced.at(-1)!).toBeLessThan(balanced[0]);
  });

  it('length-balanced (alone or with carries) trains on other sums than uniform with the same seed', async () => {
    const losses = async (sampling: Config['sampling']) => {
      const { trainer, points } = await train({ ...tiny, largest: 50, epochs: 1, sampling });
      trainer.dispose();
      return points.map((p) => p.loss);
    };
    const [uniform, lengths, both, carries] = [await losses('uniform'), await losses('length-balanced'), await losses('carry-and-length-balanced'), await losses('carry-balanced')];
    expect(lengths[0]).not.toBe(uniform[0]);
    expect(both[0]).not.toBe(lengths[0]);
    expect(both[0]).not.toBe(carries[0]);
  });

  it('a problem without carries (products) is drawn as it asks: the same run as uniform', async () => {
    const losses = async (sampling: Config['sampling']) => {
      const { trainer, points } = await train({ ...tiny, operators: '*', epochs: 1, sampling });
      trainer.dispose();
      return points.map((p) => p.loss);
    };
    expect(await losses('carry-balanced')).toEqual(await losses('uniform'));
  });
});

describe('hard-example sampling in training', () => {
  const show = (e: Expression) => formatExpression(e);
  /** A trainer whose batches are recorded, as written sums, one array per batch. */
  function recording(config: Config, extra: ConstructorParameters<typeof Trainer>[1] = {}) {
    const trainer = new Trainer(config, { heldOutSize: 50, flushMs: 0, ...extra });
    const batches: string[][] = [];
    const trainBatch = trainer.task.trainBatch.bind(trainer.task);
    trainer.task.trainBatch = (sums) => {
      batches.push(sums.map(show));
      return trainBatch(sums);
    };
    return { trainer, batches };
  }

  /**
   * Trains `config` to the end, recording its batches (`before` sees the trainer first); `reached`: the index of the
   * first epoch whose held-out exact-match reached 1 %, one of the first two (the settings under test start after it).
   */
  async function recordToOnePercent(config: Config, before?: (trainer: Trainer) => void) {
    const scores: number[] = [];
    const { trainer, batches } = recording(config, { onEpoch: (e) => scores.push(e.exactMatch) });
    before?.(trainer);
    await trainer.run();
    trainer.dispose();
    const reached = scores.findIndex((x) => x >= 0.01);
    expect(reached).toBeGreaterThanOrEqual(0);
    expect(reached).toBeLessThan(2);
    return { batches, reached };
  }

  it('fills the given share of each batch with the sums of a fresh seeded set the model answers wrong, each once before any twice; the rest as usual', async () => {
    const config = { ...tiny, largest: 30, epochs: 1, hardShare: 0.5 };
    // The sums scored before epoch 1, as the untrained model (the same seed: the same weights) answers them.
    const candidates = problemSpec(config).generate(createRng(`${config.seed}:hard-candidates:1`), hardCandidates(config.examplesPerEpoch));
    const twin = new Trainer(config, { heldOutSize: 10 });
    const answers = await twin.predict(candidates);
    const wrongSums = candidates.filter((e, i) => answers[i].answer !== twin.task.expected(e));
    const wrong = wrongSums.map(show);
    twin.dispose();
    expect(wrong.length).toBeGreaterThan(config.batchSize);

    const { trainer, batches } = recording(config);
    await trainer.run();
    trainer.dispose();
    const half = config.batchSize / 2;
    expect(batches.every((b) => b.length === config.batchSize)).toBe(true);
    const hard = batches.flatMap((b) => b.slice(half));
    expect(hard.slice(0, wrong.length).sort()).toEqual([...wrong].sort());
    expect(new Set(hard).size).toBe(Math.min(hard.length, new Set(wrong).size));
    // In the order the epoch's own seeded stream hands them out.
    expect(hard).toEqual(hardCycle(wrongSums, createRng(`${config.seed}:hard:1`))(hard.length).map(show));
    // The other half: the epoch's usual stream, drawn as it would be, a half batch at a time.
    const stream = createRng(`${config.seed}:train:1`);
    const usual = batches.map(() => problemSpec(config).generate(stream, half).map(show));
    expect(batches.map((b) => b.slice(0, half))).toEqual(usual);
  });

  it('is the same run again for the same seed, and a run resumed from a checkpoint trains on the same sums', async () => {
    const config = { ...tiny, largest: 30, epochs: 2, hardShare: 0.25, sampling: 'carry-balanced' as const };
    const checkpoints: import('../../../src/model/train').Checkpoint[] = [];
    const a = recording(config, { checkpointSeconds: 0, onCheckpoint: (c) => checkpoints.push(c) });
    const b = recording(config);
    await a.trainer.run();
    await b.trainer.run();
    expect(b.batches).toEqual(a.batches);
    const resumed = recording(config, { resume: checkpoints[0] });
    await resumed.trainer.run();
    const perEpoch = config.examplesPerEpoch / config.batchSize;
    expect(resumed.batches).toEqual(a.batches.slice(perEpoch));
    // Epoch 2's hard sums come from the set scored before epoch 2, drawn (carry-balanced) from its own stream.
    const spec = problemSpec(config);
    const scored = new Set(carryBalanced((r, n) => spec.generate(r, n), createRng(`${config.seed}:hard-candidates:2`), hardCandidates(config.examplesPerEpoch)).map(show));
    const quarter = Math.round(config.batchSize * config.hardShare);
    const hard2 = a.batches.slice(perEpoch).flatMap((batch) => batch.slice(-quarter));
    expect(hard2.filter((sum) => !scored.has(sum))).toEqual([]);
    // Another share is another run.
    const other = recording({ ...config, hardShare: 0.5, epochs: 1 });
    await other.trainer.run();
    expect(other.batches).not.toEqual(a.batches.slice(0, perEpoch));
    [a, b, resumed, other].forEach((r) => r.trainer.dispose());
  });

  it('hardFrom: no hard sums (nothing scored before an epoch, the usual stream) until the best held-out score reaches it, then the share', async () => {
    const config = { ...tiny, largest: 30, epochs: 3, hardShare: 0.5, hardFrom: 1 };
    let answer: ReturnType<typeof vi.spyOn> | undefined;
    const { batches, reached } = await recordToOnePercent(config, (trainer) => (answer = vi.spyOn(trainer.task, 'answer')));
    // Epochs up to and including the one that reaches 1 %: whole batches from the usual stream.
    const perEpoch = config.examplesPerEpoch / config.batchSize;
    for (let epoch = 1; epoch <= reached + 1; epoch++) {
      const stream = createRng(`${config.seed}:train:${epoch}`);
      expect(batches.slice((epoch - 1) * perEpoch, epoch * perEpoch)).toEqual(Array.from({ length: perEpoch }, () => problemSpec(config).generate(stream, config.batchSize).map(show)));
    }
    // After it: half of each batch from the usual stream, the other half hard; the candidates scored before each such epoch.
    const stream = createRng(`${config.seed}:train:${reached + 2}`);
    const next = batches.slice((reached + 1) * perEpoch, (reached + 2) * perEpoch);
    expect(next.map((b) => b.slice(0, config.batchSize / 2))).toEqual(next.map(() => problemSpec(config).generate(stream, config.batchSize / 2).map(show)));
    expect(answer).toHaveBeenCalledTimes(config.epochs + (config.epochs - reached - 1));
  });

  it('lengthsFrom: the usual stream until the best held-out score reaches it, then rare term lengths more often (as length-balanced)', async () => {
    const config = { ...tiny, largest: 30, epochs: 3, lengthsFrom: 1 };
    const { batches, reached } = await recordToOnePercent(config);
    const perEpoch = config.examplesPerEpoch / config.batchSize;
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const stream = createRng(`${config.seed}:train:${epoch}`);
      const lengths = epoch > reached + 1;
      expect(batches.slice((epoch - 1) * perEpoch, epoch * perEpoch)).toEqual(Array.from({ length: perEpoch }, () => problemSpec(config).generate(stream, config.batchSize, lengths).map(show)));
    }
    // 0 is off: the usual stream throughout.
    const off = recording({ ...config, lengthsFrom: 0, epochs: 2 });
    await off.trainer.run();
    off.trainer.dispose();
    expect(off.batches).toEqual(batches.slice(0, 2 * perEpoch).map((b, i) => (i < (reached + 1) * perEpoch ? b : off.batches[i])));
    const second = createRng(`${config.seed}:train:2`);
    expect(off.batches.slice(perEpoch)).toEqual(Array.from({ length: perEpoch }, () => problemSpec(config).generate(second, config.batchSize).map(show)));
  });

  it('answersFrom: the usual stream (carry-balanced) until the best held-out score reaches it, then answer-balanced', async () => {
    const config = { ...tiny, largest: 30, epochs: 3, sampling: 'carry-balanced' as const, answersFrom: 1 };
    const { batches, reached } = await recordToOnePercent(config);
    const perEpoch = config.examplesPerEpoch / config.batchSize;
    const draw = (r: ReturnType<typeof createRng>, n: number) => problemSpec(config).generate(r, n);
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const stream = createRng(`${config.seed}:train:${epoch}`);
      const sample = epoch > reached + 1 ? answerBalanced : carryBalanced;
      expect(batches.slice((epoch - 1) * perEpoch, epoch * perEpoch)).toEqual(Array.from({ length: perEpoch }, () => sample(draw, stream, config.batchSize).map(show)));
    }
    expect(reached + 1).toBeLessThan(config.epochs);
  });

  it('with share 0 it scores nothing before an epoch and trains as before', async () => {
    const { trainer, batches } = recording({ ...tiny, epochs: 1 });
    const answer = vi.spyOn(trainer.task, 'answer');
    await trainer.run();
    // Only the held-out scoring after the epoch answers anything.
    expect(answer).toHaveBeenCalledTimes(1);
    const stream = createRng(`${tiny.seed}:train:1`);
    expect(batches).toEqual(batches.map(() => problemSpec(tiny).generate(stream, tiny.batchSize).map(show)));
    trainer.dispose();
  });
});

describe('third-search recipe settings in training', () => {
  const losses = async (c: Config) => {
    const { trainer, points } = await train({ ...c, epochs: 1 });
    trainer.dispose();
    return points.map((p) => p.loss);
  };

  it("Adam's beta1 is the config's: the first step does not depend on it, the second does", async () => {
    const [usual, slow] = [await losses(tiny), await losses({ ...tiny, adamBeta1: 0.5 })];
    // Adam's first step, bias-corrected, is the rate × g / (|g| + ε) whatever beta1.
    expect(slow.slice(0, 2)).toEqual(usual.slice(0, 2).map((l) => expect.closeTo(l, 5)));
    expect(slow[2]).not.toBeCloseTo(usual[2], 5);
  });

  it("Adam's epsilon: 0 is the backend's (1e-7 on cpu), a large one takes a smaller first step", async () => {
    const usual = await losses(tiny);
    expect(await losses({ ...tiny, adamEpsilon: 1e-7 })).toEqual(usual);
    const large = await losses({ ...tiny, adamEpsilon: 1 });
    expect(large[0]).toBe(usual[0]);
    expect(large[1]).not.toBeCloseTo(usual[1], 5);
  });

  it('label smoothing changes the loss from the first batch (the weights the same), and 0 is none', async () => {
    const usual = await losses(tiny);
    const smooth = await losses({ ...tiny, labelSmoothing: 0.1 });
    expect(smooth[0]).not.toBe(usual[0]);
    expect(await losses({ ...tiny, labelSmoothing: 0 })).toEqual(usual);
  });

  it('the boost: Adam steps with the rate × boostFactor until held-out exact-match reaches boostUntil, then the plain rate', async () => {
    const rates: number[] = [];
    const config = { ...tiny, epochs: 3, boostFactor: 2, boostUntil: 100, anneal: false };
    const trainer = new Trainer(config, { heldOutSize: 50, flushMs: 0, onBatch: () => rates.push(trainer.learningRate) });
    await trainer.run();
    trainer.dispose();
    expect(new Set(rates)).toEqual(new Set([0.04]));
    // Until 1 %: boosted through the first epoch (scored after it), the plain rate once an epoch has reached it.
    const lifted: number[] = [];
    const scores: number[] = [];
    const other = new Trainer({ ...config, boostUntil: 1 }, { heldOutSize: 50, flushMs: 0, onBatch: () => lifted.push(other.learningRate), onEpoch: (e) => scores.push(e.exactMatch) });
    await other.run();
    other.dispose();
    const perEpoch = config.examplesPerEpoch / config.batchSize;
    const firstReached = scores.findIndex((x) => x >= 0.01);
    expect(firstReached).toBeGreaterThanOrEqual(0);
    expect(firstReached).toBeLessThan(2);
    expect(lifted.slice(0, (firstReached + 1) * perEpoch)).toEqual(Array((firstReached + 1) * perEpoch).fill(0.04));
    expect(lifted.slice((firstReached + 1) * perEpoch)).toEqual(Array(lifted.length - (firstReached + 1) * perEpoch).fill(0.02));
  });

  it('weight averaging: training is unchanged, scoring and the final model use the bias-corrected average of the weights after each batch', async () => {
    const decay = 0.8;
    const raw: Float32Array[][] = [];
    const config = { ...tiny, epochs: 2, averageDecay: decay };
    const before = tf.memory().numTensors;
    const epochs: EpochReport[] = [];
    const trainer: Trainer = new Trainer(config, {
      heldOutSize: 100,
      flushMs: 0,
      onBatch: () => raw.push(trainer.task.variables.map((v) => Float32Array.from(v.dataSync() as Float32Array))),
      onEpoch: (e) => epochs.push(e),
    });
    const summary = await trainer.run();
    // The average, as the trainer documents it: Σ decay^(n−k)·w_k / Σ decay^(n−k) over the weights after each batch k.
    const n = raw.length;
    const total = raw.reduce((t, _, k) => t + decay ** (n - 1 - k), 0);
    const expected = raw[0].map((w) => new Float64Array(w.length));
    raw.forEach((ws, k) => ws.forEach((w, i) => w.forEach((x, j) => (expected[i][j] += (decay ** (n - 1 - k) * x) / total))));
    const { weights } = await trainer.weights();
    weights.forEach((w, i) => w.forEach((x, j) => expect(x).toBeCloseTo(expected[i][j], 4)));
    // The model kept is the one scored last.
    expect((await trainer.evaluate()).exactMatch).toBe(summary.exactMatch);
    // Training itself is the run without averaging: the same losses.
    const plain = await train({ ...config, averageDecay: 0 });
    expect(raw.length).toBe(plain.points.length);
    const { points: averagedPoints, trainer: again } = await train(config);
    expect(averagedPoints.map((p) => p.loss)).toEqual(plain.points.map((p) => p.loss));
    // …and its end weights are the last batch's, not the average.
    const last = await plain.trainer.weights();
    expect(last.weights.some((w, i) => w.some((x, j) => Math.abs(x - weights[i][j]) > 1e-4))).toBe(true);
    plain.trainer.dispose();
    again.dispose();
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('averageLateDecay: the average goes on with it once the anneal has cut the rate (training unchanged); without a cut it changes nothing', async () => {
    const end = async (c: Config) => {
      const t = new Trainer(c, { heldOutSize: 50, flushMs: 0 });
      const s = await t.run();
      const { weights } = await t.weights();
      t.dispose();
      return { weights, examples: s.examples, exactMatch: s.exactMatch };
    };
    const differ = (a: Float32Array[], b: Float32Array[]) => a.some((w, i) => w.some((x, j) => Math.abs(x - b[i][j]) > 1e-6));
    // Cut after the first epoch that reaches 1 % (within two: see recordToOnePercent), so later batches average with 0.9.
    const cut = { ...tiny, largest: 30, epochs: 4, averageDecay: 0.5, anneal: true, annealAt: 1 };
    const [plain, late] = [await end(cut), await end({ ...cut, averageLateDecay: 0.9 })];
    expect(differ(plain.weights, late.weights)).toBe(true);
    // No cut (anneal off): the late decay never applies.
    const none = { ...cut, anneal: false };
    const [a, b] = [await end(none), await end({ ...none, averageLateDecay: 0.9 })];
    expect(differ(a.weights, b.weights)).toBe(false);
  });

  it('weight averaging after a divergence: the last good epoch’s trained weights are put back (not the average), saved and answered with, and dispose frees the average', async () => {
    const before = tf.memory().numTensors;
    let epochOneWeights: number[] | undefined;
    const poison = poisonInEpochTwo(() => trainer);
    const trainer: Trainer = new Trainer({ ...tiny, epochs: 5, averageDecay: 0.9 }, {
      heldOutSize: 50,
      flushMs: 0,
      // Read at the end of epoch 1's training (onBatch runs before its scoring swaps the average in).
      onBatch: (points) => {
        if (points.at(-1)!.examples === tiny.examplesPerEpoch) epochOneWeights = Array.from(trainer.task.variables[0].dataSync());
        poison(points);
      },
    });
    const summary = await trainer.run();
    expect(summary.reason).toBe('diverged');
    expect(Array.from(trainer.task.variables[0].dataSync())).toEqual(epochOneWeights);
    // A save and a question after it get those weights too, not the average (which holds the NaNs).
    const saved = await trainer.weights();
    expect(Array.from(saved.weights[0])).toEqual(epochOneWeights);
    expect(saved.weights.every((w) => w.every(Number.isFinite))).toBe(true);
    const [answer] = await trainer.predict([sum(1, 2)]);
    expect(answer.probabilities.flat().every(Number.isFinite)).toBe(true);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('weight averaging mid-run: a paused run answers, scores and saves with the averaged weights (the ones it keeps at the end), not the trained ones', async () => {
    const before = tf.memory().numTensors;
    let paused!: () => void;
    const pausedNow = new Promise<void>((resolve) => (paused = resolve));
    const trainer: Trainer = new Trainer({ ...tiny, epochs: 2, averageDecay: 0.8 }, {
      heldOutSize: 50,
      flushMs: 0,
      onEpoch: (e) => { if (e.epoch === 1) trainer.pause(); },
      onPaused: () => paused(),
    });
    const run = trainer.run();
    await pausedNow;
    const probe = [sum(1, 2), sum(3, 4), sum(5, 5)];
    const trained = trainer.task.variables.map((v) => Array.from(v.dataSync()));
    const [midAnswers, midScores, midSaved] = [await trainer.predict(probe), await trainer.scoreOn(probe), await trainer.weights()];
    // The swap is undone: training goes on from its own weights.
    expect(trainer.task.variables.map((v) => Array.from(v.dataSync()))).toEqual(trained);
    expect(midSaved.weights.some((w, i) => w.some((x, j) => x !== trained[i][j]))).toBe(true);
    // Stopped before another batch: the model now holds the same average, and answers as it did.
    trainer.stop();
    expect((await run).reason).toBe('stopped');
    const end = await trainer.weights();
    end.weights.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(midSaved.weights[i])));
    expect((await trainer.predict(probe)).map((a) => a.probabilities)).toEqual(midAnswers.map((a) => a.probabilities));
    expect(await trainer.scoreOn(probe)).toEqual(midScores);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('weight averaging leaks nothing when a run is stopped, or disposed mid-run', async () => {
    const before = tf.memory().numTensors;
    const a = new Trainer({ ...tiny, averageDecay: 0.99 }, { heldOutSize: 50, flushMs: 0, onBatch: () => a.stop() });
    await a.run();
    a.dispose();
    const b = new Trainer({ ...tiny, averageDecay: 0.99 }, { heldOutSize: 50, flushMs: 0, onBatch: () => b.dispose() });
    await b.run();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('units weight in training', () => {
  it('weights the answer’s units position: the last one written, the first when the answer is reversed', async () => {
    const { createTask } = await import('../../../src/model/tasks');
    const { createSeq2Seq, disposeSeq2Seq, seq2seqLoss } = await import('../../../src/model/seq2seq');
    const { shapeOf } = await import('../../../src/core/estimate');
    const check = (c: Config, unitsWeight: number | undefined, weights: number[]) => {
      const task = createTask(c, createRng(3));
      const twin = createSeq2Seq(shapeOf(c), createRng(3));
      const batch = task.trainBatch(problemSpec(c).generate(createRng(4), 8));
      const x = tf.tensor3d(batch.x.values as Float32Array, batch.x.shape as [number, number, number]);
      const y = tf.tensor3d(batch.y.values as Float32Array, batch.y.shape as [number, number, number]);
      const [ours, expected] = [task.loss(x, y, unitsWeight), seq2seqLoss(twin, x, y, 0, weights)];
      expect(ours.dataSync()[0]).toBeCloseTo(expected.dataSync()[0], 6);
      tf.dispose([x, y, ours, expected]);
      task.dispose();
      disposeSeq2Seq(twin);
    };
    const width = problemSpec(tiny).outWidth;
    check(tiny, 3, [...Array(width - 1).fill(1), 3]);
    check({ ...tiny, reverseOutput: true }, 3, [3, ...Array(width - 1).fill(1)]);
    check(tiny, undefined, Array(width).fill(1));
    // tensWeight: the position next to the units, the whole run.
    check({ ...tiny, tensWeight: 2 }, 3, [...Array(width - 2).fill(1), 2, 3]);
    check({ ...tiny, tensWeight: 2, reverseOutput: true }, 3, [3, 2, ...Array(width - 2).fill(1)]);
    check({ ...tiny, tensWeight: 2 }, undefined, [...Array(width - 2).fill(1), 2, 1]);
  });

  it('the trainer weights the units with unitsWeight until held-out exact-match first reaches unitsUntil, then with 1', async () => {
    const seen: (number | undefined)[] = [];
    const scores: number[] = [];
    const config = { ...tiny, epochs: 3, unitsWeight: 4, unitsUntil: 1 };
    const trainer = new Trainer(config, { heldOutSize: 50, flushMs: 0, onEpoch: (e) => scores.push(e.exactMatch) });
    const loss = trainer.task.loss.bind(trainer.task);
    trainer.task.loss = (x, y, w) => (seen.push(w), loss(x, y, w));
    await trainer.run();
    trainer.dispose();
    const perEpoch = config.examplesPerEpoch / config.batchSize;
    const done = (scores.findIndex((x) => x >= 0.01) + 1) * perEpoch;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(seen.length);
    expect(seen).toEqual([...Array(done).fill(4), ...Array(seen.length - done).fill(1)]);
  });
});
