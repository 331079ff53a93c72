import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, PRESETS } from '../../../src/core/config';
import { PRETRAINED, pretrainedFor } from '../../../src/core/pretrained';

describe('pretrainedFor', () => {
  it('finds the shipped model of the kind that answers the same questions', () => {
    expect(pretrainedFor(DEFAULT_CONFIG)?.file).toBe('seq2seq-default.json');
    // How it is read or trained does not matter: the shipped model answers the same sums.
    expect(pretrainedFor({ ...DEFAULT_CONFIG, reverseOutput: true, encoderUnits: 7, epochs: 3 })?.file).toBe('seq2seq-default.json');
    expect(pretrainedFor({ ...DEFAULT_CONFIG, largest: 10 })?.file).toBe('seq2seq-tutorial.json');
    expect(pretrainedFor({ ...DEFAULT_CONFIG, model: 'mappingLstm' })?.file).toBe('mapping-lstm.json');
    expect(pretrainedFor(PRESETS['Act 1 · MLP (lesson: 50 epochs, batch 2)'])?.file).toBe('mapping-mlp.json');
  });

  it('finds none for other questions', () => {
    expect(pretrainedFor({ ...DEFAULT_CONFIG, largest: 99 })).toBeUndefined();
    expect(pretrainedFor({ ...DEFAULT_CONFIG, operators: '+-' })).toBeUndefined();
    expect(pretrainedFor({ ...DEFAULT_CONFIG, nNumbers: 3, minNumbers: 3 })).toBeUndefined();
    expect(pretrainedFor({ ...DEFAULT_CONFIG, model: 'mappingMlp', largest: 10 })).toBeUndefined();
  });

  it('ships one model per file, each a valid config', () => {
    expect(new Set(PRETRAINED.map((p) => p.file)).size).toBe(PRETRAINED.length);
    expect(PRETRAINED.map((p) => p.config.model).sort()).toEqual(['mappingLstm', 'mappingMlp', 'seq2seq', 'seq2seq']);
  });
});
