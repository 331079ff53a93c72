import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { carryProfile } from '../../../src/core/carries';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { mapExpressions, mapGrid } from '../../../src/core/errorMap';
import { readSavedModel } from '../../../src/core/savedModel';
import { useBackend } from '../../../src/model/backend';
import { Trainer } from '../../../src/model/train';

// wasm: 10 000 sums in one pass take seconds on the cpu backend.
beforeAll(async () => {
  if (!(await useBackend('wasm'))) await tf.setBackend('cpu');
});

/** The shipped default model, and one with fresh (untrained) weights: few wrong answers, and many. */
function models(): [string, Trainer][] {
  const read = readSavedModel(readFileSync('public/pretrained/seq2seq-default.json', 'utf8'));
  if (!read.ok) throw new Error(read.error);
  return [
    ['trained', new Trainer(DEFAULT_CONFIG, { heldOutSize: 1, resume: { epoch: 94, examples: 94_000, step: 0, seconds: 0, weights: read.model.weights } })],
    ['untrained', new Trainer(DEFAULT_CONFIG, { heldOutSize: 1 })],
  ];
}

describe('see inside: the error map and the carry stress set', () => {
  it('the map of the default problem has its 10 000 sums, and as many wrong as an independent scoring of them', async () => {
    const before = tf.memory().numTensors;
    for (const [name, trainer] of models()) {
      const t0 = performance.now();
      const map = (await trainer.errorMap(7))!;
      console.log(`error map of ${name} model: ${(performance.now() - t0).toFixed(0)} ms on ${tf.getBackend()}`);
      expect(map.epoch).toBe(7);
      expect(map.right).toHaveLength(10_000);
      const wrong = map.right.length - map.right.reduce((n, r) => n + r, 0);
      const scored = await trainer.scoreOn(mapExpressions(mapGrid(DEFAULT_CONFIG)!));
      expect(wrong, name).toBe(Math.round((1 - scored.exactMatch) * 10_000));
      // Sure: a probability product in 0–255; a right cell's answer is the sum.
      expect(map.sure.every((v) => v >= 0 && v <= 255)).toBe(true);
      const i = map.right.indexOf(1);
      if (i >= 0) expect(Number(map.answers[i])).toBe(map.rows[Math.floor(i / 100)] + map.cols[i % 100]);
      trainer.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the trained model is sure of its right answers: their mean certainty beats its wrong ones', async () => {
    const [[, trainer]] = models();
    const map = (await trainer.errorMap(1))!;
    const mean = (want: number) => {
      const xs = [...map.sure].filter((_, i) => map.right[i] === want);
      return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    };
    expect(mean(1)).toBeGreaterThan(mean(0));
    trainer.dispose();
  });

  it('the stress set is answered sum by sum, with the chains it claims', async () => {
    const [[, trainer]] = models();
    const report = await trainer.stressTest();
    expect(report.rows.length).toBeGreaterThan(10);
    for (const r of report.rows) {
      const [a, b] = r.sum.split('+').map(Number);
      expect(Number(r.expected)).toBe(a + b);
      expect(r.chain).toBe(carryProfile({ terms: [a, b], ops: ['+'] })!.longestChain);
      expect(r.correct).toBe(r.predicted === r.expected);
    }
    expect(report.exactMatch).toBe(report.rows.filter((r) => r.correct).length / report.rows.length);
    trainer.dispose();
  });

  it('every epoch report of a symbol model carries its held-out analysis', async () => {
    const reports: { analysis?: unknown; exactMatch: number; heldOut: number }[] = [];
    const trainer = new Trainer({ ...DEFAULT_CONFIG, largest: 5, encoderUnits: 8, decoderUnits: 8, epochs: 2, examplesPerEpoch: 100, batchSize: 20, stopAtExact: 0 }, { heldOutSize: 100, onEpoch: (e) => reports.push(e) });
    await trainer.run();
    trainer.dispose();
    expect(reports).toHaveLength(2);
    for (const r of reports) {
      const a = r.analysis as { byCarries: { count: number; right: number }[]; byPosition: unknown[] };
      expect(a.byCarries.reduce((n, g) => n + g.count, 0)).toBe(r.heldOut);
      expect(a.byCarries.reduce((n, g) => n + g.right, 0) / r.heldOut).toBeCloseTo(r.exactMatch, 9);
      expect(a.byPosition).toHaveLength(2);
    }
  });
});

describe('the error map between slices', () => {
  it('gives queued messages a turn between its slices, so a Train or a Stop never waits for a whole map', async () => {
    await tf.setBackend('cpu');
    // 40 × 40 = 1 600 sums: two slices.
    const trainer = new Trainer({ ...DEFAULT_CONFIG, largest: 40, encoderUnits: 8, decoderUnits: 8, backend: 'cpu' }, { heldOutSize: 10 });
    const order: string[] = [];
    setImmediate(() => order.push('message'));
    await trainer.errorMap(0).then(() => order.push('map'));
    expect(order).toEqual(['message', 'map']);
    trainer.dispose();
  });
});
