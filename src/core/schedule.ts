/**
 * The training recipe as pure functions of how far a run has got: the
 * learning rate Adam steps with (warm-up, decay, cuts), the batch size, and
 * how large the training terms are allowed to be (curriculum). The trainer
 * asks these before every batch, so the same seed and settings give the same
 * run, and a resumed run picks the schedule up where it was.
 */

/** How the learning rate falls after its warm-up: not at all, along half a cosine, or in steps. */
export const DECAYS = ['none', 'cosine', 'step'] as const;
export type Decay = (typeof DECAYS)[number];

/**
 * How training sums are drawn: as the problem asks them; with as many of each
 * carry count where its sums have carries (`balancesCarries`; a problem
 * without them, e.g. `*`, is drawn as it asks); with rare term lengths more
 * often (`termLengthWeights`); or both. Held-out sums stay as asked.
 */
export const SAMPLINGS = ['uniform', 'carry-balanced', 'length-balanced', 'carry-and-length-balanced'] as const;
export type Sampling = (typeof SAMPLINGS)[number];

/**
 * How a recurrent layer's recurrent kernel `[H, G·H]` starts: Glorot-uniform
 * over the fused shape; orthogonal rows as Keras' LSTM does by default
 * (`orthogonal` in `src/core/orthogonal.ts`); or each gate's `[H, H]` block
 * orthogonal on its own (`orthogonalBlocks`). Input kernels stay Glorot.
 */
export const RECURRENT_INITS = ['glorot', 'orthogonal', 'orthogonal-gates'] as const;
export type RecurrentInit = (typeof RECURRENT_INITS)[number];

/** The settings of the training recipe (part of the learner's config). */
export interface RecipeSettings {
  /** Peak learning rate of Adam. */
  learningRate: number;
  /** Examples per batch once any ramp is over. */
  batchSize: number;
  /** The learning rate rises linearly from 0 to its peak over this many examples (0: no warm-up). */
  warmupExamples: number;
  decay: Decay;
  /** Cosine: examples (after the warm-up) to fall to COSINE_FLOOR × the peak, then held; step: examples between halvings. */
  decayExamples: number;
  /** Cut the learning rate once held-out exact-match reaches `annealAt` %. */
  anneal: boolean;
  /** Held-out exact-match (per cent) at which `anneal` cuts. */
  annealAt: number;
  /** What each cut (anneal or plateau) multiplies the learning rate by. */
  annealFactor: number;
  /**
   * Cut the learning rate whenever the best held-out exact-match has not improved for this many epochs (0: never);
   * with `anneal` on, only after the anneal's cut (early plateaus are where the model is still finding its way).
   */
  plateauEpochs: number;
  /** Scale each batch's gradients down to this global norm when they are longer (0: no clipping). */
  clipNorm: number;
  /** Training terms grow from 1 digit to `largest` over this many examples (0: the whole range from the start). */
  curriculumExamples: number;
  /** Batches grow from a quarter of the batch size to all of it over this many examples (0: full batches from the start). */
  batchRampExamples: number;
  /** Adam's decay rate of its second-moment (squared gradient) average. */
  adamBeta2: number;
  /** How training sums are drawn (held-out sums stay as the problem asks them). */
  sampling: Sampling;
  /**
   * Share of each batch (0–0.9) made of sums the model answered wrong in a fresh seeded set scored before the epoch
   * (hard-example sampling, `src/core/hardExamples.ts`); 0: none.
   */
  hardShare: number;
  /**
   * Once the best held-out exact-match has reached this many per cent, training terms are also drawn with rare
   * lengths more often (as `length-balanced`), from the next epoch on (0: never).
   */
  lengthsFrom: number;
  /** Hard-example sampling starts once the best held-out exact-match has reached this many per cent (0: from the first epoch). */
  hardFrom: number;
  /** How the recurrent kernels start (the weights count and graph are the same either way). */
  recurrentInit: RecurrentInit;
  /** Adam's decay rate of its first-moment (gradient) average. */
  adamBeta1: number;
  /** Adam's epsilon (0: the backend's, as tfjs makes it: 1e-7 on float32 backends). */
  adamEpsilon: number;
  /**
   * Weight averaging (0: off): an exponential moving average of the weights with this decay per batch
   * (bias-corrected as Adam's moments are). Held-out scoring uses the
   * averaged weights, and the model keeps them when the run ends.
   */
  averageDecay: number;
  /** A second cut once held-out exact-match reaches this many per cent, after the anneal's (0: none). */
  annealAgainAt: number;
  /** The learning rate is multiplied by this until held-out exact-match first reaches `boostUntil` % (1: no boost). */
  boostFactor: number;
  /** Held-out exact-match (per cent) that ends the boost. */
  boostUntil: number;
  /** Label smoothing of the cross-entropy (0: none): each answer symbol's target spreads this share over all symbols. */
  labelSmoothing: number;
  /** The loss of the answer's units position counts this many times that of any other position (1: the same). */
  unitsWeight: number;
  /** `unitsWeight` applies until held-out exact-match first reaches this many per cent (100: the whole run). */
  unitsUntil: number;
  /** The loss of the answer's tens position (next to the units) counts this many times that of the others, the whole run (1: the same). */
  tensWeight: number;
  /** Once the anneal's cut is made, the weight average goes on with this decay instead of `averageDecay` (0: no change; no effect without averaging). */
  averageLateDecay: number;
  /**
   * Once the best held-out exact-match has reached this many per cent, training sums are drawn with as many of each
   * answer's tens (answer-balanced, `answerBalanced`) instead of as `sampling` draws them, from the next epoch on (0: never).
   */
  answersFrom: number;
}

/** The recipe settings that are not a batch size or a learning rate. */
export type RecipeExtras = Omit<RecipeSettings, 'learningRate' | 'batchSize'>;

/**
 * Every extra switched off: a learning rate that stays put, no clipping, the
 * whole range from the first batch, sums drawn as the problem asks them, Adam
 * as tfjs makes it. Act 1's models and
 * the lesson's presets train this way, and a saved model or link from before
 * these settings existed reads with them.
 */
export const PLAIN_RECIPE: RecipeExtras = {
  warmupExamples: 0,
  decay: 'none',
  decayExamples: 0,
  anneal: false,
  annealAt: 90,
  annealFactor: 0.3,
  plateauEpochs: 0,
  clipNorm: 0,
  curriculumExamples: 0,
  batchRampExamples: 0,
  adamBeta2: 0.999,
  sampling: 'uniform',
  hardShare: 0,
  hardFrom: 0,
  lengthsFrom: 0,
  recurrentInit: 'glorot',
  adamBeta1: 0.9,
  adamEpsilon: 0,
  averageDecay: 0,
  annealAgainAt: 0,
  boostFactor: 1,
  boostUntil: 15,
  labelSmoothing: 0,
  unitsWeight: 1,
  unitsUntil: 100,
  tensWeight: 1,
  averageLateDecay: 0,
  answersFrom: 0,
};

/**
 * Carry's seq2seq recipe before the search (`docs/recipe.md`): batch 64, Adam
 * 0.03, one cut ×0.3 once held-out exact-match reaches 90 %, sums as asked.
 */
export const ANNEALED_RECIPE: RecipeSettings = { learningRate: 0.03, batchSize: 64, ...PLAIN_RECIPE, anneal: true };

/** The first search's choice (docs/recipe.md): the recipe before, on carry-balanced training sums. */
export const CARRY_BALANCED_RECIPE: RecipeSettings = { ...ANNEALED_RECIPE, sampling: 'carry-balanced' };

/**
 * The '3-digit sums' preset's recipe (the fourth search, docs/recipe.md):
 * carry-balanced sums in batches of 32 at Adam 0.005, gradients clipped to
 * norm 1, scored (and kept) with weights averaged over about the last 33
 * batches (decay 0.97); cut ×0.3 at 90 % as before. No units weight (slower there).
 */
export const THREE_DIGIT_RECIPE: RecipeSettings = { ...CARRY_BALANCED_RECIPE, batchSize: 32, learningRate: 0.005, clipNorm: 1, averageDecay: 0.97 };

/**
 * The tutorial problem's recipe (`largest 10`; the fifth search, docs/recipe.md):
 * the one before, sums as asked (carry balance was no help on 100 sums), with the
 * answer's units position counted five times in the loss until held-out
 * exact-match reaches 20 %, scored (and kept) with weights averaged over about
 * the last 10 batches (decay 0.9), and the cut ×0.3 at 95 % instead of 90 %.
 */
export const TUTORIAL_RECIPE: RecipeSettings = { ...ANNEALED_RECIPE, unitsWeight: 5, unitsUntil: 20, averageDecay: 0.9, annealAt: 95 };

/**
 * The recipe `npm run sweep` chose for the seq2seq model (docs/recipe.md): the
 * one before, on carry-balanced training sums (the first search), with the
 * answer's units position counted five times in the loss until held-out
 * exact-match reaches 20 %, and scored (and kept) with weights averaged over
 * about the last 20 batches (the third search); from 20 % on, training sums
 * are answer-balanced instead (the fourth search).
 */
export const SEQ2SEQ_RECIPE: RecipeSettings = { ...CARRY_BALANCED_RECIPE, unitsWeight: 5, unitsUntil: 20, averageDecay: 0.95, answersFrom: 20 };

/** Cosine decay ends at this share of the peak learning rate. */
export const COSINE_FLOOR = 0.1;
/** Each step of a step decay multiplies the learning rate by this. */
export const STEP_FACTOR = 0.5;
/** Cuts beyond this many (plateaus in a long run) are not made. */
export const MAX_CUTS = 5;
/** The ramp's first batches hold this share of the batch size. */
export const BATCH_RAMP_START = 0.25;

/**
 * The learning rate for the batch that ends after `examples` examples (this
 * batch included), with `cuts` cuts made so far: peak × warm-up × decay × factor^cuts.
 */
export function learningRateAt(r: RecipeSettings, examples: number, cuts = 0, boosted = false): number {
  const warm = r.warmupExamples > 0 ? Math.min(1, examples / r.warmupExamples) : 1;
  const after = Math.max(0, examples - r.warmupExamples);
  let decay = 1;
  if (r.decayExamples > 0 && r.decay === 'cosine') {
    const t = Math.min(1, after / r.decayExamples);
    decay = COSINE_FLOOR + (1 - COSINE_FLOOR) * 0.5 * (1 + Math.cos(Math.PI * t));
  } else if (r.decayExamples > 0 && r.decay === 'step') {
    decay = STEP_FACTOR ** Math.floor(after / r.decayExamples);
  }
  return r.learningRate * warm * decay * (boosted ? r.boostFactor : 1) * r.annealFactor ** Math.min(cuts, MAX_CUTS);
}

/** The size of the batch that starts after `examples` examples: a quarter of the batch size (at least 1) growing linearly to all of it. */
export function batchSizeAt(r: Pick<RecipeSettings, 'batchSize' | 'batchRampExamples'>, examples: number): number {
  if (r.batchRampExamples <= 0 || examples >= r.batchRampExamples) return r.batchSize;
  const start = Math.max(1, Math.round(r.batchSize * BATCH_RAMP_START));
  return Math.round(start + (r.batchSize - start) * (examples / r.batchRampExamples));
}

/** The curriculum's first training terms are at most this (one digit). */
export const CURRICULUM_START = 9;

/**
 * The largest term drawn for training after `examples` examples: from 9 growing
 * geometrically (a digit at a time, smoothly) to `largest` over
 * `curriculumExamples`. A range of 9 or less is left whole; held-out sums
 * always use the whole range.
 */
export function curriculumLargest(r: Pick<RecipeSettings, 'curriculumExamples'>, largest: number, examples: number): number {
  if (r.curriculumExamples <= 0 || examples >= r.curriculumExamples || largest <= CURRICULUM_START) return largest;
  return Math.round(CURRICULUM_START * (largest / CURRICULUM_START) ** (examples / r.curriculumExamples));
}

/** What the cuts depend on: how many were made, whether the anneal one was, and the best score and epochs since. */
export interface CutState {
  cuts: number;
  annealed: boolean;
  best: number;
  sinceBest: number;
  /** The second cut (`annealAgainAt`) was made (absent in checkpoints from before it: not made). */
  again?: boolean;
  /** Held-out exact-match has reached `boostUntil` %, which ends the boost (absent: not yet). */
  lifted?: boolean;
  /** Held-out exact-match has reached `unitsUntil` %, which ends the units weight (absent: not yet). */
  unitsDone?: boolean;
}

export const NO_CUTS: CutState = { cuts: 0, annealed: false, best: 0, sinceBest: 0, again: false, lifted: false, unitsDone: false };

/** The weight of the answer's units position in the loss after these cuts: `unitsWeight` until exact-match first reaches `unitsUntil`, then 1. */
export function unitsWeightNow(r: Pick<RecipeSettings, 'unitsWeight'>, s: CutState): number {
  return s.unitsDone ? 1 : r.unitsWeight;
}

/** The weight average's decay after these cuts: `averageLateDecay` once the anneal's cut is made (when set and averaging is on), else `averageDecay`. */
export function averageDecayNow(r: Pick<RecipeSettings, 'averageDecay' | 'averageLateDecay'>, s: CutState): number {
  return r.averageDecay > 0 && r.averageLateDecay > 0 && s.annealed ? r.averageLateDecay : r.averageDecay;
}

/** Whether the boost (`boostFactor`) applies after these cuts: on until exact-match first reaches `boostUntil`. */
export function boosting(r: Pick<RecipeSettings, 'boostFactor'>, s: CutState): boolean {
  return r.boostFactor !== 1 && !s.lifted;
}

/**
 * The cuts after an epoch that scored `exactMatch` (0–1) on the held-out sums:
 * one when it first reaches `annealAt` % (with `anneal` on), and one each time
 * `plateauEpochs` epochs in a row fail to beat the best score (with `anneal`
 * on, only once it has cut: cutting during the early plateau, while the model
 * is still finding how to add, slows it down).
 */
export function afterEpoch(r: Pick<RecipeSettings, 'anneal' | 'annealAt' | 'plateauEpochs'> & Partial<Pick<RecipeSettings, 'annealAgainAt' | 'boostUntil' | 'unitsUntil'>>, s: CutState, exactMatch: number): CutState {
  let { cuts, annealed, best, sinceBest } = s;
  let again = s.again ?? false;
  const lifted = (s.lifted ?? false) || exactMatch >= (r.boostUntil ?? 0) / 100;
  const unitsDone = (s.unitsDone ?? false) || exactMatch >= (r.unitsUntil ?? 100) / 100;
  if (exactMatch > best) {
    best = exactMatch;
    sinceBest = 0;
  } else sinceBest++;
  if (r.anneal && !annealed && exactMatch >= r.annealAt / 100) {
    annealed = true;
    cuts++;
    sinceBest = 0;
  } else if (r.anneal && annealed && !again && (r.annealAgainAt ?? 0) > 0 && exactMatch >= (r.annealAgainAt ?? 0) / 100) {
    again = true;
    cuts++;
    sinceBest = 0;
  } else if (r.plateauEpochs > 0 && sinceBest >= r.plateauEpochs && (annealed || !r.anneal)) {
    cuts++;
    sinceBest = 0;
  }
  return { cuts: Math.min(cuts, MAX_CUTS), annealed, best, sinceBest, again, lifted, unitsDone };
}
