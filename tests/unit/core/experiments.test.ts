import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig, type Config } from '../../../src/core/config';
import { balancesCarries } from '../../../src/core/carries';
import { answerSentence, armConfigs, armSecondsError, EXPERIMENTS, examplesToReach, experimentById, type ArmResult } from '../../../src/core/experiments';

const result = (label: string, to99: number | null, more: Partial<ArmResult> = {}): ArmResult => ({
  label,
  examplesTo90: to99,
  examplesTo99: to99,
  seconds: 1,
  exactMatch: to99 === null ? 0.8 : 0.99,
  best: to99 === null ? 0.85 : 0.995,
  examples: to99 ?? 50_000,
  stopped: false,
  ...more,
});

describe('experiments', () => {
  it('lists the issue’s questions, each with two or more arms, and marks 2-digit × 2-digit hard', () => {
    expect(EXPERIMENTS.map((e) => e.question)).toEqual([
      'Does reversing the answer help?',
      'Is subtraction harder than addition?',
      'Three numbers instead of two',
      'Times tables',
      'Brackets',
      'One-hot, integer or embedding?',
      'Pad the whole sum or each term?',
      'More layers?',
      'LSTM, GRU or simple RNN?',
      'Does attention help?',
      '2-digit × 2-digit',
    ]);
    for (const e of EXPERIMENTS) expect(e.arms.length).toBeGreaterThanOrEqual(2);
    expect(EXPERIMENTS.filter((e) => e.hard).map((e) => e.id)).toEqual(['two-digit-times']);
  });

  it.each(EXPERIMENTS.map((e) => [e.id]))('%s: from carry-balanced settings, every arm draws its training sums the same way (the arms differ in one thing)', (id) => {
    const arms = armConfigs(experimentById(id)!, { ...DEFAULT_CONFIG, sampling: 'carry-balanced' });
    expect(new Set(arms.map((a) => balancesCarries(a.config))).size).toBe(1);
  });

  it.each(EXPERIMENTS.map((e) => [e.id]))('%s: every arm is a valid config from the defaults, with the same seed, differing from the first arm', (id) => {
    const arms = armConfigs(experimentById(id)!, { ...DEFAULT_CONFIG, seed: 7 });
    for (const a of arms) {
      expect(validateConfig(a.config)).toEqual({});
      expect(a.config.seed).toBe(7);
      expect(a.config.model).toBe('seq2seq');
    }
    for (const a of arms.slice(1)) expect(a.config).not.toEqual(arms[0].config);
  });

  it('arms start from the current settings and change only what the question is about', () => {
    const current = { ...DEFAULT_CONFIG, largest: 9, encoderUnits: 32, seed: 3 };
    const [plain, reversed] = armConfigs(experimentById('reverse-answer')!, current);
    expect(plain.config).toEqual(current);
    expect(reversed.config).toEqual({ ...current, reverseOutput: true });
  });

  it.each(EXPERIMENTS.map((e) => [e.id]))('%s: a learner\'s test largest is left behind: every arm is valid and no wider than its own problem', (id) => {
    for (const a of armConfigs(experimentById(id)!, { ...DEFAULT_CONFIG, largest: 10, testLargest: 500 })) {
      expect(a.config.testLargest).toBe(0);
      expect(validateConfig(a.config)).toEqual({});
    }
  });

  it('examplesToReach finds the first epoch at or above the level', () => {
    const epochs = [
      { examples: 1000, exactMatch: 0.5 },
      { examples: 2000, exactMatch: 0.9 },
      { examples: 3000, exactMatch: 0.89 },
      { examples: 4000, exactMatch: 0.995 },
    ];
    expect(examplesToReach(epochs, 0.9)).toBe(2000);
    expect(examplesToReach(epochs, 0.99)).toBe(4000);
    expect(examplesToReach(epochs, 0.999)).toBeNull();
  });

  it('writes the answer from the figures, fewest examples first', () => {
    expect(answerSentence([result('plain answers', 30_000), result('reversed answers', 12_000)])).toBe(
      'Reversed answers reached 99 % after 12\u2009000 examples, plain answers after 30\u2009000. Reversed answers needed 2.5× fewer examples than plain answers.',
    );
    expect(answerSentence([result('addition', 10_000), result('subtraction', 10_500)])).toMatch(/The difference is small: try another seed/);
    expect(answerSentence([result('1 + 1 layers', 10_000), result('2 + 2 layers', null)])).toBe(
      '1 + 1 layers reached 99 % after 10\u2009000 examples, 2 + 2 layers did not reach 99 % (best 85.0 % after 50\u2009000 examples). Only 1 + 1 layers got there.',
    );
    expect(answerSentence([result('a', null, { best: 0.5 }), result('b', null, { best: 0.7, stopped: true })])).toMatch(/^A did not reach 99 % .* b was stopped .* None reached 99 %; b came closest\.$/);
    expect(answerSentence([])).toBe('');
  });

  it('allows 5 to 3600 seconds per arm, and says so otherwise', () => {
    for (const ok of [5, 60, 3600]) expect(armSecondsError(ok)).toBeUndefined();
    for (const bad of [4.9, 0, -1, 3601, Number.NaN, Number.POSITIVE_INFINITY]) expect(armSecondsError(bad)).toBe('seconds per arm must be from 5 to 3600');
  });
});

/**
 * What each question's arms train, in the words of its labels: the settings
 * every arm of the question shares, then each arm's own.
 */
const ARMS: Record<string, { shared: Partial<Config>; arms: Record<string, Partial<Config>> }> = {
  'reverse-answer': { shared: {}, arms: { 'plain answers': { reverseOutput: false }, 'reversed answers': { reverseOutput: true } } },
  subtraction: { shared: {}, arms: { addition: { operators: '+' }, subtraction: { operators: '-' } } },
  'three-numbers': { shared: { brackets: false }, arms: { 'two numbers': { minNumbers: 2, nNumbers: 2 }, 'three numbers': { minNumbers: 3, nNumbers: 3 } } },
  'times-tables': {
    shared: { largest: 12, minNumbers: 2, nNumbers: 2, brackets: false, sampling: 'uniform', answersFrom: 0 },
    arms: { 'adding 1–12': { operators: '+' }, 'multiplying 1–12': { operators: '*' } },
  },
  brackets: { shared: { operators: '+-', minNumbers: 3, nNumbers: 3 }, arms: { 'no brackets': { brackets: false }, brackets: { brackets: true } } },
  encoding: { shared: {}, arms: { 'one-hot': { encoding: 'onehot' }, integer: { encoding: 'integer' }, embedding: { encoding: 'embedding' } } },
  padding: { shared: {}, arms: { 'whole string': { padding: 'whole' }, 'each term': { padding: 'term' } } },
  layers: { shared: {}, arms: { '1 + 1 layers': { encoderLayers: 1, decoderLayers: 1 }, '2 + 2 layers': { encoderLayers: 2, decoderLayers: 2 } } },
  cells: { shared: {}, arms: { LSTM: { cell: 'lstm' }, GRU: { cell: 'gru' }, 'simple RNN': { cell: 'simpleRnn' } } },
  attention: { shared: {}, arms: { RepeatVector: { decoder: 'repeat' }, attention: { decoder: 'attention' } } },
  'two-digit-times': {
    shared: { largest: 99, minNumbers: 2, nNumbers: 2, brackets: false, sampling: 'uniform', answersFrom: 0 },
    arms: { '2-digit +': { operators: '+' }, '2-digit ×': { operators: '*' } },
  },
};

/** Settings unlike any arm's, so an arm that forgets to set something keeps one of these. */
const CONTRARY: Config = {
  ...DEFAULT_CONFIG,
  model: 'mappingMlp',
  operators: '-*',
  minNumbers: 4,
  nNumbers: 5,
  largest: 50,
  brackets: true,
  padding: 'term',
  reverseInput: true,
  reverseOutput: true,
  encoding: 'integer',
  cell: 'simpleRnn',
  decoder: 'attention',
  encoderLayers: 3,
  decoderLayers: 3,
  seed: 11,
};

describe('experiment arms', () => {
  it('finds a question by its id, and nothing for an unknown id', () => {
    for (const e of EXPERIMENTS) expect(experimentById(e.id)).toBe(e);
    expect(experimentById('no-such-question')).toBeUndefined();
  });

  it.each(EXPERIMENTS.map((e) => [e.id]))('%s: each arm trains the seq2seq model on what its label says, whatever the current settings', (id) => {
    const { shared, arms } = ARMS[id];
    for (const current of [DEFAULT_CONFIG, CONTRARY]) {
      const configs = armConfigs(experimentById(id)!, current);
      expect(configs.map((a) => a.label)).toEqual(Object.keys(arms));
      for (const a of configs) expect(a.config).toEqual({ ...current, testLargest: 0, ...shared, ...arms[a.label], model: 'seq2seq' });
    }
  });
});

describe('answerSentence, edge cases', () => {
  it('a ratio of exactly 1.2 is a difference worth naming', () => {
    expect(answerSentence([result('a', 12_000), result('b', 10_000)])).toBe(
      'B reached 99 % after 10\u2009000 examples, a after 12\u2009000. B needed 1.2× fewer examples than a.',
    );
    expect(answerSentence([result('a', 11_900), result('b', 10_000)])).toMatch(/ The difference is small: try another seed before drawing a conclusion\.$/);
  });

  it('one arm alone is reported without comparison', () => {
    expect(answerSentence([result('plain answers', 30_000)])).toBe('Plain answers reached 99 % after 30\u2009000 examples.');
    expect(answerSentence([result('plain answers', null)])).toBe('Plain answers did not reach 99 % (best 85.0 % after 50\u2009000 examples).');
    expect(answerSentence([result('plain answers', null, { stopped: true, best: 0.5, examples: 1_500 })])).toBe('Plain answers was stopped (best 50.0 % after 1\u2009500 examples).');
  });

  it('three arms: fastest first, the comparison between the fastest and the slowest', () => {
    expect(answerSentence([result('one-hot', 20_000), result('integer', 50_000), result('embedding', 10_000)])).toBe(
      'Embedding reached 99 % after 10\u2009000 examples, one-hot after 20\u2009000, integer after 50\u2009000. Embedding needed 5.0× fewer examples than integer.',
    );
  });
});
