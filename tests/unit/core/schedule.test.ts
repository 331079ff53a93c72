import { describe, expect, it } from 'vitest';
import { afterEpoch, averageDecayNow, batchSizeAt, boosting, unitsWeightNow, COSINE_FLOOR, curriculumLargest, learningRateAt, MAX_CUTS, NO_CUTS, PLAIN_RECIPE, type CutState, type RecipeSettings } from '../../../src/core/schedule';

/** A recipe with every extra off, at Adam 0.01 and batch 64. */
const plain: RecipeSettings = { learningRate: 0.01, batchSize: 64, ...PLAIN_RECIPE };

describe('learningRateAt', () => {
  it('a boost multiplies the rate by boostFactor (with the cuts), and only while boosted', () => {
    const r: RecipeSettings = { ...PLAIN_RECIPE, learningRate: 0.03, batchSize: 64, boostFactor: 5 / 3 };
    expect(learningRateAt(r, 1_000, 0, true)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(r, 1_000, 0, false)).toBe(0.03);
    expect(learningRateAt(r, 1_000)).toBe(0.03);
    expect(learningRateAt(r, 1_000, 1, true)).toBeCloseTo(0.015, 12);
  });

  it('with every extra off, the learning rate is the peak at every step', () => {
    for (const examples of [64, 1_000, 123_456, 10_000_000]) expect(learningRateAt(plain, examples)).toBe(0.01);
  });

  it('warm-up: rises linearly from 0 to the peak over warmupExamples, then stays', () => {
    const r = { ...plain, warmupExamples: 1_000 };
    expect(learningRateAt(r, 100)).toBeCloseTo(0.001, 12);
    expect(learningRateAt(r, 250)).toBeCloseTo(0.0025, 12);
    expect(learningRateAt(r, 500)).toBeCloseTo(0.005, 12);
    expect(learningRateAt(r, 1_000)).toBe(0.01);
    expect(learningRateAt(r, 5_000)).toBe(0.01);
  });

  it('cosine: from the peak after the warm-up to COSINE_FLOOR × peak after decayExamples more, half-way at the middle, then held', () => {
    const r: RecipeSettings = { ...plain, warmupExamples: 1_000, decay: 'cosine', decayExamples: 10_000 };
    expect(COSINE_FLOOR).toBe(0.1);
    expect(learningRateAt(r, 1_000)).toBeCloseTo(0.01, 12);
    // Half-way: the mean of peak and floor.
    expect(learningRateAt(r, 6_000)).toBeCloseTo(0.0055, 12);
    // A quarter of the way: floor + (peak − floor) × (1 + cos(π/4)) / 2.
    expect(learningRateAt(r, 3_500)).toBeCloseTo(0.001 + 0.009 * (1 + Math.SQRT1_2) / 2, 12);
    expect(learningRateAt(r, 11_000)).toBeCloseTo(0.001, 12);
    expect(learningRateAt(r, 50_000)).toBeCloseTo(0.001, 12);
  });

  it('step: halves every decayExamples after the warm-up', () => {
    const r: RecipeSettings = { ...plain, decay: 'step', decayExamples: 1_000 };
    expect(learningRateAt(r, 999)).toBe(0.01);
    expect(learningRateAt(r, 1_000)).toBe(0.005);
    expect(learningRateAt(r, 2_500)).toBe(0.0025);
    expect(learningRateAt(r, 3_000)).toBe(0.00125);
  });

  it('decay with decayExamples 0 does nothing', () => {
    expect(learningRateAt({ ...plain, decay: 'cosine' }, 5_000)).toBe(0.01);
    expect(learningRateAt({ ...plain, decay: 'step' }, 5_000)).toBe(0.01);
  });

  it('each cut multiplies by the cut factor, at most MAX_CUTS times; with none it is exactly the old anneal (×0.3)', () => {
    expect(learningRateAt(plain, 64, 1)).toBe(0.01 * 0.3);
    expect(learningRateAt(plain, 64, 2)).toBeCloseTo(0.0009, 15);
    expect(learningRateAt({ ...plain, annealFactor: 0.5 }, 64, 3)).toBe(0.00125);
    expect(MAX_CUTS).toBe(5);
    expect(learningRateAt(plain, 64, 9)).toBe(learningRateAt(plain, 64, 5));
  });

  it('warm-up, decay and cuts multiply', () => {
    const r: RecipeSettings = { ...plain, warmupExamples: 1_000, decay: 'step', decayExamples: 1_000 };
    expect(learningRateAt(r, 500, 1)).toBeCloseTo(0.01 * 0.5 * 0.3, 15);
    expect(learningRateAt(r, 2_000, 1)).toBeCloseTo(0.01 * 0.5 * 0.3, 15);
  });
});

describe('batchSizeAt', () => {
  it('without a ramp, always the batch size', () => {
    for (const examples of [0, 10, 1e6]) expect(batchSizeAt(plain, examples)).toBe(64);
  });

  it('a ramp starts at a quarter of the batch size and grows linearly to all of it', () => {
    const r = { batchSize: 64, batchRampExamples: 1_000 };
    expect(batchSizeAt(r, 0)).toBe(16);
    expect(batchSizeAt(r, 500)).toBe(40);
    expect(batchSizeAt(r, 750)).toBe(52);
    expect(batchSizeAt(r, 1_000)).toBe(64);
    expect(batchSizeAt(r, 1_500)).toBe(64);
    expect(batchSizeAt(r, 9_000)).toBe(64);
  });

  it('never below one example', () => {
    expect(batchSizeAt({ batchSize: 2, batchRampExamples: 100 }, 0)).toBe(1);
    expect(batchSizeAt({ batchSize: 1, batchRampExamples: 100 }, 0)).toBe(1);
    expect(batchSizeAt({ batchSize: 1, batchRampExamples: 100 }, 50)).toBe(1);
  });
});

describe('curriculumLargest', () => {
  it('without a curriculum, always largest', () => {
    expect(curriculumLargest(PLAIN_RECIPE, 100, 0)).toBe(100);
  });

  it('grows geometrically from 9 to largest: a digit at a time', () => {
    const r = { curriculumExamples: 1_000 };
    expect(curriculumLargest(r, 999, 0)).toBe(9);
    // 9 × 111^(1/2) ≈ 94.8: half-way, two-digit terms.
    expect(curriculumLargest(r, 999, 500)).toBe(95);
    expect(curriculumLargest(r, 999, 250)).toBe(Math.round(9 * 111 ** 0.25));
    expect(curriculumLargest(r, 999, 1_000)).toBe(999);
    expect(curriculumLargest(r, 999, 5_000)).toBe(999);
  });

  it('a range already below 9 stays as it is', () => {
    expect(curriculumLargest({ curriculumExamples: 1_000 }, 5, 0)).toBe(5);
    expect(curriculumLargest({ curriculumExamples: 1_000 }, 5, 700)).toBe(5);
  });
});

describe('afterEpoch (cuts of the learning rate)', () => {
  const anneal = { anneal: true, annealAt: 90, plateauEpochs: 0 };
  const run = (r: Parameters<typeof afterEpoch>[0], scores: number[]): CutState[] => {
    const states: CutState[] = [];
    let s = NO_CUTS;
    for (const x of scores) states.push((s = afterEpoch(r, s, x)));
    return states;
  };

  it('anneal: one cut, the first epoch that reaches annealAt %, and never again', () => {
    expect(run(anneal, [0.5, 0.89, 0.9, 0.95, 0.2, 0.99]).map((s) => s.cuts)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(run({ ...anneal, annealAt: 50 }, [0.4, 0.5]).map((s) => s.cuts)).toEqual([0, 1]);
  });

  it('anneal off: no cut at any score', () => {
    expect(run({ ...anneal, anneal: false }, [0.95, 1]).map((s) => s.cuts)).toEqual([0, 0]);
  });

  it('plateau: a cut after plateauEpochs epochs in a row without a new best, then counting starts again', () => {
    const r = { anneal: false, annealAt: 90, plateauEpochs: 2 };
    expect(run(r, [0.1, 0.3, 0.2, 0.3, 0.25, 0.2, 0.4, 0.4]).map((s) => s.cuts)).toEqual([0, 0, 0, 1, 1, 2, 2, 2]);
    expect(run(r, [0.1, 0.2, 0.3, 0.4]).every((s) => s.cuts === 0)).toBe(true);
  });

  it('plateau with anneal on: no plateau cut before the anneal cut, then one after each flat run', () => {
    const r = { anneal: true, annealAt: 50, plateauEpochs: 2 };
    // Flat at 10 % for 4 epochs: no cut yet; 60 %: the anneal cut; then flat twice: a plateau cut.
    expect(run(r, [0.1, 0.1, 0.1, 0.1, 0.6, 0.55, 0.6, 0.7]).map((s) => s.cuts)).toEqual([0, 0, 0, 0, 1, 1, 2, 2]);
  });

  it('annealAgainAt: a second cut the first epoch that reaches it, only after the anneal cut, and never a third', () => {
    const r = { ...anneal, annealAgainAt: 97 };
    expect(run(r, [0.5, 0.9, 0.95, 0.97, 0.99, 0.98]).map((s) => s.cuts)).toEqual([0, 1, 1, 2, 2, 2]);
    // Both thresholds passed in one epoch: the anneal cut now, the second the next epoch that still reaches 97 %.
    expect(run(r, [0.98, 0.96, 0.98]).map((s) => s.cuts)).toEqual([1, 1, 2]);
    // Off (0, or absent as in a checkpoint's cuts from before) and without the anneal: one cut at most.
    expect(run({ ...anneal, annealAgainAt: 0 }, [0.9, 0.99, 1]).map((s) => s.cuts)).toEqual([1, 1, 1]);
    expect(run({ ...r, anneal: false }, [0.9, 0.99, 1]).map((s) => s.cuts)).toEqual([0, 0, 0]);
    expect(afterEpoch(r, { cuts: 1, annealed: true, best: 0.95, sinceBest: 0 }, 0.97).cuts).toBe(2);
  });

  it('the boost lasts until held-out exact-match first reaches boostUntil %, and does not come back', () => {
    const r = { ...anneal, boostUntil: 15 };
    const states = run(r, [0.05, 0.14, 0.15, 0.1]);
    expect(states.map((s) => s.lifted)).toEqual([false, false, true, true]);
    expect(states.map((s) => boosting({ boostFactor: 5 / 3 }, s))).toEqual([true, true, false, false]);
    expect(boosting({ boostFactor: 5 / 3 }, NO_CUTS)).toBe(true);
    // A factor of 1 is no boost; a checkpoint's cuts from before the boost read as not lifted.
    expect(boosting({ boostFactor: 1 }, NO_CUTS)).toBe(false);
    expect(boosting({ boostFactor: 2 }, { cuts: 0, annealed: false, best: 0, sinceBest: 0 })).toBe(true);
  });

  it('the units weight lasts until held-out exact-match first reaches unitsUntil % (100: the whole run short of 100 %)', () => {
    const states = run({ ...anneal, unitsUntil: 15 }, [0.05, 0.15, 0.1]);
    expect(states.map((s) => unitsWeightNow({ unitsWeight: 5 }, s))).toEqual([5, 1, 1]);
    expect(unitsWeightNow({ unitsWeight: 5 }, NO_CUTS)).toBe(5);
    expect(run({ ...anneal, unitsUntil: 100 }, [0.5, 0.99]).map((s) => unitsWeightNow({ unitsWeight: 5 }, s))).toEqual([5, 5]);
    // Absent (a checkpoint's cuts from before): not yet reached; an absent unitsUntil means 100.
    expect(unitsWeightNow({ unitsWeight: 2 }, { cuts: 0, annealed: false, best: 0, sinceBest: 0 })).toBe(2);
    expect(afterEpoch(anneal, NO_CUTS, 0.99).unitsDone).toBe(false);
  });

  it('the weight average goes on with averageLateDecay once the anneal’s cut is made (0: averageDecay throughout; no averaging: none)', () => {
    const states = run(anneal, [0.5, 0.9, 0.95]);
    const r = { averageDecay: 0.95, averageLateDecay: 0.99 };
    expect(states.map((s) => averageDecayNow(r, s))).toEqual([0.95, 0.99, 0.99]);
    expect(averageDecayNow(r, NO_CUTS)).toBe(0.95);
    expect(states.map((s) => averageDecayNow({ ...r, averageLateDecay: 0 }, s))).toEqual([0.95, 0.95, 0.95]);
    expect(states.map((s) => averageDecayNow({ ...r, averageDecay: 0 }, s))).toEqual([0, 0, 0]);
  });

  it('a checkpoint’s cuts from before the boost and the units weight resume with both still on, until their scores', () => {
    const old = { cuts: 1, annealed: true, best: 0.1, sinceBest: 0 };
    const low = afterEpoch({ ...anneal, boostUntil: 15, unitsUntil: 20 }, old, 0.12);
    expect([low.lifted, low.unitsDone]).toEqual([false, false]);
    const high = afterEpoch({ ...anneal, boostUntil: 15, unitsUntil: 20 }, old, 0.25);
    expect([high.lifted, high.unitsDone]).toEqual([true, true]);
  });

  it('never more than MAX_CUTS cuts', () => {
    const r = { anneal: false, annealAt: 90, plateauEpochs: 1 };
    expect(run(r, Array(20).fill(0)).at(-1)!.cuts).toBe(MAX_CUTS);
  });
});
