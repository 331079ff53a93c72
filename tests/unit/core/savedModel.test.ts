import { describe, expect, it } from 'vitest';
import { PRESETS, type Config } from '../../../src/core/config';
import { PLAIN_RECIPE } from '../../../src/core/schedule';
import { MAX_SAVED_MODEL_CHARS, readSavedModel, writeSavedModel, type SavedModel } from '../../../src/core/savedModel';

/** Act 1's MLP on two numbers: Dense(4) → Dense(2) → Dense(1), 25 weights. */
const config: Config = PRESETS['Act 1 · MLP (fast)'];
const shapes = [[2, 4], [4], [4, 2], [2], [2, 1], [1]];
const model = (): SavedModel => ({
  name: 'my MLP',
  savedAt: '2026-11-29T10:00:00.000Z',
  pretrained: false,
  config,
  curve: [
    { epoch: 1, examples: 1000, seconds: 0.5, loss: 0.25, exactMatch: 0.1, perSymbolAccuracy: null, rmse: 20 },
    { epoch: 2, examples: 2000, seconds: 1, loss: Number.NaN, exactMatch: 0.9, perSymbolAccuracy: null, rmse: 0.3 },
  ],
  shapes,
  weights: shapes.map((s, i) => Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, (_, j) => (i + 1) * 0.5 - j * 0.125)),
});
const file = (change: (json: Record<string, unknown>) => void = () => undefined) => {
  const json = JSON.parse(writeSavedModel(model()));
  change(json);
  return JSON.stringify(json);
};
const error = (text: string) => {
  const read = readSavedModel(text);
  expect(read.ok).toBe(false);
  return read.ok ? '' : read.error;
};

describe('saved model files', () => {
  it('round-trip exactly: settings, curve (a NaN loss too), shapes and every weight bit', () => {
    const read = readSavedModel(writeSavedModel(model()));
    expect(read).toEqual({ ok: true, model: model() });
  });

  it('refuse what is not a Carry file, or is cut short', () => {
    expect(error('hello')).toMatch(/not JSON \(or it was cut short\)/);
    const text = writeSavedModel(model());
    expect(error(text.slice(0, Math.floor(text.length / 2)))).toMatch(/cut short/);
    expect(error('{"format":"keras"}')).toMatch(/no "format": "carry-model"/);
    expect(error('null')).toMatch(/not a Carry model file/);
  });

  it('refuse another version, naming both', () => {
    expect(error(file((j) => (j.version = 2)))).toBe('This model file is version 2; this Carry reads version 1.');
  });

  it('refuse a file over the size limit before reading it', () => {
    const huge = 'x'.repeat(MAX_SAVED_MODEL_CHARS + 1);
    expect(error(huge)).toMatch(/^This file is 20 MB; a Carry model file is at most 20 MB\.$/);
    expect(error(' '.repeat(50 * 2 ** 20))).toMatch(/This file is 50 MB/);
  });

  it('refuse damaged fields, saying where', () => {
    expect(error(file((j) => (j.weights = 'lots')))).toMatch(/^This model file is damaged: weights: /);
    expect(error(file((j) => ((j.weights as { shape: unknown }[])[1].shape = [0])))).toMatch(/weights\.1\.shape\.0/);
    expect(error(file((j) => ((j.curve as { epoch: unknown }[])[0].epoch = -1)))).toMatch(/curve\.0\.epoch/);
    expect(error(file((j) => (j.name = 7)))).toMatch(/damaged: name/);
  });

  it('refuse settings that are not valid, naming the field', () => {
    expect(error(file((j) => ((j.config as Config).largest = -5)))).toBe("This model file's settings are not valid (largest): largest must be from 1 to 99,999.");
    expect(error(file((j) => ((j.config as Config).model = 'transformer' as Config['model'])))).toMatch(/\(model\): model must be one of/);
  });

  it('refuse weights whose data does not match their shape, or that do not fit the settings', () => {
    // Shape says 8 numbers, data holds 4.
    expect(error(file((j) => ((j.weights as { shape: number[] }[])[0].shape = [4, 2, 2])))).toBe(
      'This model file is damaged: weights 1 should hold 16 numbers (shape 4×2×2).',
    );
    expect(error(file((j) => ((j.weights as { data: string }[])[1].data = '***')))).toMatch(/weights 2 should hold 4 numbers/);
    // A weight dropped: 23 numbers where the settings' model has 25.
    expect(error(file((j) => (j.weights as unknown[]).splice(3, 1)))).toBe("This model file's weights (23 numbers) do not fit its settings, whose model has 25.");
    // Right count, for other settings (three numbers in: 29 weights).
    expect(error(file((j) => Object.assign(j.config as Config, { nNumbers: 3, minNumbers: 3 })))).toBe(
      "This model file's weights (25 numbers) do not fit its settings, whose model has 29.",
    );
  });

  it('refuse NaN or infinite weights', () => {
    const bad = model();
    bad.weights[2][3] = Number.NaN;
    expect(error(writeSavedModel(bad))).toBe("This model file's weights 3 hold NaN or infinite numbers.");
    bad.weights[2][3] = Number.POSITIVE_INFINITY;
    expect(error(writeSavedModel(bad))).toMatch(/weights 3 hold NaN or infinite/);
  });

  it('fill settings added since the file was written with their defaults, and drop unknown ones', () => {
    const read = readSavedModel(file((j) => {
      delete (j.config as Partial<Config>).stopAtExact;
      (j.config as Record<string, unknown>).__proto__ = { polluted: true };
      (j.config as Record<string, unknown>).extra = 1;
    }));
    expect(read.ok && read.model.config).toEqual(config);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('read a file written before test largest as without it (0), and keep one trained with it', () => {
    const old = readSavedModel(file((j) => delete (j.config as Partial<Config>).testLargest));
    expect(old.ok && old.model.config.testLargest).toBe(0);
    // The seq2seq weights do not depend on the widths: room for longer numbers keeps the parameter count.
    const wide: Config = { ...PRESETS['Tutorial problem, fast'], encoderUnits: 3, decoderUnits: 2, testLargest: 9_999 };
    const shapes2 = [[12, 12], [3, 12], [12], [3, 8], [2, 8], [8], [2, 12], [12]];
    const weights = shapes2.map((s) => new Float32Array(s.reduce((a, b) => a * b, 1)));
    const saved: SavedModel = { ...model(), config: wide, shapes: shapes2, weights };
    expect(readSavedModel(writeSavedModel(saved))).toEqual({ ok: true, model: saved });
    expect(error(writeSavedModel({ ...saved, config: { ...wide, testLargest: 10 } }))).toBe(
      "This model file's settings are not valid (test largest): test largest must be more than largest (10), or 0 (off).",
    );
  });

  it('a file from before the recipe settings reads with them off (how it trained), not with the defaults of today', () => {
    const read = readSavedModel(file((j) => {
      for (const key of Object.keys(PLAIN_RECIPE)) if (key !== 'anneal') delete (j.config as Record<string, unknown>)[key];
    }));
    if (!read.ok) throw new Error(read.error);
    for (const [key, value] of Object.entries(PLAIN_RECIPE)) expect(read.model.config[key as keyof Config], key).toBe(value);
  });

  it('read a file written before the attention decoder as RepeatVector, and keep an attention model with its two extra weights', () => {
    const old = readSavedModel(file((j) => delete (j.config as Partial<Config>).decoder));
    expect(old.ok && old.model.config.decoder).toBe('repeat');
    // LSTM(3) → RepeatVector → LSTM(2) → attention (Wa [2, 3], Wc [5, 2]) → Dense(12) on the tutorial's problem.
    const attend: Config = { ...PRESETS['Tutorial problem, fast'], encoderUnits: 3, decoderUnits: 2, decoder: 'attention' };
    const repeatShapes = [[12, 12], [3, 12], [12], [3, 8], [2, 8], [8], [2, 12], [12]];
    const shapes2 = [...repeatShapes, [2, 3], [5, 2]];
    const weights = shapes2.map((s) => new Float32Array(s.reduce((a, b) => a * b, 1)));
    const saved: SavedModel = { ...model(), config: attend, shapes: shapes2, weights };
    expect(readSavedModel(writeSavedModel(saved))).toEqual({ ok: true, model: saved });
    // A RepeatVector model's weights do not fit attention settings.
    expect(error(writeSavedModel({ ...saved, shapes: repeatShapes, weights: weights.slice(0, 8) }))).toBe(
      "This model file's weights (276 numbers) do not fit its settings, whose model has 292.",
    );
  });
});
