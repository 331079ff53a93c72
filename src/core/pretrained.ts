import { DEFAULT_CONFIG, PRESETS, type Config } from './config';
import { sameQuestions } from './problem';

/**
 * Models shipped in `public/pretrained/`, so "Your sum" answers `50+11` on a
 * first visit with no training. `npm run make-pretrained` rebuilds each file from
 * its config with the app's own trainer and seed.
 */
export interface PretrainedModel {
  file: string;
  config: Config;
}

export const PRETRAINED: readonly PretrainedModel[] = [
  { file: 'seq2seq-default.json', config: DEFAULT_CONFIG },
  { file: 'seq2seq-tutorial.json', config: PRESETS['Tutorial problem, fast'] },
  { file: 'mapping-lstm.json', config: PRESETS['Act 1 · mapping LSTM (fast)'] },
  { file: 'mapping-mlp.json', config: PRESETS['Act 1 · MLP (fast)'] },
];

/** The shipped model of `c`'s kind that answers the questions `c` asks, if any. */
export function pretrainedFor(c: Config): PretrainedModel | undefined {
  return PRETRAINED.find((p) => p.config.model === c.model && sameQuestions(p.config, c));
}
