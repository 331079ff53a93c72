import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, PRESETS, type Config } from '../../../src/core/config';
import { digitCount } from '../../../src/core/problem';
import { longerSet } from '../../../src/core/longer';
import { createRng } from '../../../src/core/random';
import { useBackend } from '../../../src/model/backend';
import { Trainer } from '../../../src/model/train';

beforeAll(async () => {
  if (!(await useBackend('wasm'))) await tf.setBackend('cpu');
});

/** A tiny seq2seq model with room for 3-digit terms, trained on terms up to 9. */
const small: Config = { ...DEFAULT_CONFIG, largest: 9, testLargest: 999, encoderUnits: 16, decoderUnits: 16, epochs: 3, examplesPerEpoch: 300, batchSize: 50, stopAtExact: 0 };

describe('the longer-numbers test', () => {
  it('scores every cell of digits of a × digits of b, as an independent scoring of the same sums does, and frees its tensors', async () => {
    const trainer = new Trainer(small, { heldOutSize: 50 });
    await trainer.run();
    const before = tf.memory().numTensors;
    const report = await trainer.longerTest(20);
    expect(tf.memory().numTensors).toBe(before);
    expect(report.digits).toEqual([1, 2, 3]);
    expect(report.cells.map((c) => [c.aDigits, c.bDigits, c.count])).toEqual([1, 2, 3].flatMap((a) => [1, 2, 3].map((b) => [a, b, 20])));
    // The same seeded sums, scored cell by cell through the trainer's other path.
    const set = longerSet(trainer.spec, createRng(`${small.seed}:longer`), 20);
    for (const [i, cell] of set.cells.entries()) {
      const scored = await trainer.scoreOn(cell.expressions);
      expect(report.cells[i].right / report.cells[i].count).toBeCloseTo(scored.exactMatch, 9);
    }
    // Terms up to 9 are 1-digit: only the 1×1 cell is in range.
    expect(report.inRange.count).toBe(20);
    expect(report.beyond.count).toBe(160);
    expect(report.cells[0].inRange.count).toBe(20);
    // One example per length, on the diagonal.
    expect(report.examples.map((e) => e.sum.split('+').map((t) => digitCount(Number(t))))).toEqual([[1, 1], [2, 2], [3, 3]]);
    for (const e of report.examples) {
      const [a, b] = e.sum.split('+').map(Number);
      expect(Number(e.expected)).toBe(a + b);
      expect(e.correct).toBe(e.predicted === e.expected);
    }
    // Seeded: the same again.
    expect(await trainer.longerTest(20)).toEqual(report);
    trainer.dispose();
  });

  it('refuses, with the learner’s message, a model trained without room past largest and a mapping model, freeing nothing it did not make', async () => {
    const plain = new Trainer({ ...small, testLargest: 0 }, { heldOutSize: 5 });
    const mlp = new Trainer({ ...PRESETS['Act 1 · MLP (fast)'], testLargest: 1_000 }, { heldOutSize: 5 });
    const before = tf.memory().numTensors;
    await expect(plain.longerTest()).rejects.toThrow('set test largest above largest (9), train, then score');
    await expect(mlp.longerTest()).rejects.toThrow(/mapping models/);
    expect(tf.memory().numTensors).toBe(before);
    plain.dispose();
    mlp.dispose();
  });
});
