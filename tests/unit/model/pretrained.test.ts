import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../../src/core/kinds';
import { problemSpec } from '../../../src/core/problem';
import { PRETRAINED } from '../../../src/core/pretrained';
import { createRng } from '../../../src/core/random';
import { readSavedModel } from '../../../src/core/savedModel';
import { Trainer } from '../../../src/model/train';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The lesson's bar for Act 1's mapping LSTM: its reference run reports RMSE ≈ 0.57; the MLP solves it (RMSE 0). */
const RMSE_BOUND = { mappingLstm: 0.57, mappingMlp: 0.5 } as const;

describe('pre-trained models in public/pretrained', () => {
  for (const { file, config } of PRETRAINED) {
    it(`${file}: at most 1 MB, its settings, and it answers fresh sums (99 % exact-match, or the lesson's RMSE)`, async () => {
      const text = readFileSync(`public/pretrained/${file}`, 'utf8');
      expect(text.length).toBeLessThanOrEqual(2 ** 20);
      const read = readSavedModel(text);
      if (!read.ok) throw new Error(read.error);
      expect(read.model.config).toEqual(config);
      expect(read.model.pretrained).toBe(true);
      const before = tf.memory().numTensors;
      const trainer = new Trainer(read.model.config, { heldOutSize: 1, resume: { epoch: 0, examples: 0, step: 0, seconds: 0, weights: read.model.weights } });
      // Sums it never saw: another seed's stream.
      const scores = await trainer.scoreOn(problemSpec(config).generate(createRng('pretrained-check'), 1000));
      trainer.dispose();
      expect(tf.memory().numTensors).toBe(before);
      if (KINDS[config.model].output === 'symbols') expect(scores.exactMatch).toBeGreaterThanOrEqual(0.99);
      else expect(scores.rmse).toBeLessThan(RMSE_BOUND[config.model as keyof typeof RMSE_BOUND]);
    });
  }
});
