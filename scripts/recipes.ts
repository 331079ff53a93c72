/**
 * The training recipes the sweep and the bench compare: the recipe Carry
 * shipped before the search ("today's"), the problems it is measured on,
 * and one run to 99 % exact-match. Shared by `npm run sweep` and `npm run bench`.
 */
import { DEFAULT_CONFIG, PRESETS, type Config } from '../src/core/config';
import { ANNEALED_RECIPE } from '../src/core/schedule';
import { Trainer } from '../src/model/train';

/** The problems the recipe is searched on, each with the recipe it trained with before the search. */
export const RECIPE_PROBLEMS = {
  /** Two numbers 1–100, LSTM 100/50: batch 64, Adam 0.03, ×0.3 at 90 %, 1 000 examples an epoch. */
  default: {
    label: 'default problem (two numbers 1–100)',
    config: { ...DEFAULT_CONFIG, backend: 'wasm', epochs: 100_000, examplesPerEpoch: 1_000, ...ANNEALED_RECIPE },
    maxExamples: 300_000,
  },
  /** The tutorial problem (`largest 10`) with the default's recipe before the search. */
  tutorial: {
    label: 'tutorial problem (largest 10)',
    config: { ...DEFAULT_CONFIG, largest: 10, backend: 'wasm', epochs: 100_000, examplesPerEpoch: 1_000, ...ANNEALED_RECIPE },
    maxExamples: 100_000,
  },
  /** The '3-digit sums' preset: LSTM 128/128, reversed input, batch 128, Adam 0.005, ×0.3 at 90 %, 5 000 examples an epoch. */
  'three-digit': {
    label: "'3-digit sums' preset",
    config: { ...PRESETS['3-digit sums'], backend: 'wasm', epochs: 100_000, examplesPerEpoch: 5_000, ...ANNEALED_RECIPE, batchSize: 128, learningRate: 0.005 },
    maxExamples: 600_000,
  },
} satisfies Record<string, { label: string; config: Config; maxExamples: number }>;
export type RecipeProblem = keyof typeof RECIPE_PROBLEMS;

/** One run to 99 %: examples and training seconds when it got there (null when it did not within `maxExamples`). */
export interface RecipeRun {
  seed: number;
  examples: number | null;
  seconds: number | null;
  /** Held-out exact-match at the end, and examples trained. */
  exactMatch: number;
  trained: number;
}

/** With `RECIPE_ANALYSE=1` the log also gives each epoch's held-out accuracy by answer position and exact-match by carries (a diagnostic; the run is the same). */
const ANALYSE = process.env.RECIPE_ANALYSE === '1';

/** Trains `config` until held-out exact-match reaches 99 %, or `maxExamples` pass, or it diverges. */
export async function runTo99(config: Config, maxExamples: number, log?: (line: string) => void): Promise<RecipeRun> {
  const trainer: Trainer = new Trainer(config, {
    targetExact: 0.99,
    analyse: ANALYSE,
    onEpoch: (e) => {
      const a = e.analysis && {
        byPosition: e.analysis.byPosition.map((p) => Math.round(p.accuracy * 1000) / 10),
        byCarries: e.analysis.byCarries.map((g) => `${g.key}:${g.right}/${g.count}`),
      };
      log?.(JSON.stringify({ seed: config.seed, epoch: e.epoch, examples: e.examples, seconds: Number(e.seconds.toFixed(2)), exactMatch: e.exactMatch, heldOut: e.heldOut, ...a }));
      if (e.examples >= maxExamples) trainer.stop();
    },
  });
  const s = await trainer.run();
  trainer.dispose();
  const reached = s.reason === 'target';
  return { seed: config.seed, examples: reached ? s.examples : null, seconds: reached ? Number(s.seconds.toFixed(2)) : null, exactMatch: s.exactMatch, trained: s.examples };
}

/** The median of three or more numbers (null, "not reached", counts as the largest). */
export function median(xs: readonly (number | null)[]): number | null {
  const sorted = [...xs].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
