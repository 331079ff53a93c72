import type { Config } from './config';
import { grouped, percent } from './format';
import type { ModelKind } from './kinds';

/** The model kind every arm trains: the one that reads and writes symbols (the lesson's Act 2). */
export const EXPERIMENT_KIND: ModelKind = 'seq2seq';

/**
 * Act 3: the lesson's extensions as experiments. Each is a question and two
 * or more arms that differ in one thing; every arm starts from the learner's
 * current settings (same seed, so arms that ask the same questions score the
 * same held-out set), trains until 99 % exact-match or its time runs out,
 * and the answer is written from the measured figures.
 */

/** One arm: a name and what it changes in the settings. */
export interface ArmSpec {
  label: string;
  change: Partial<Config>;
}

/** A ready question. */
export interface Experiment {
  id: string;
  question: string;
  /** What the arms have in common, applied before each arm's change (e.g. three numbers for brackets). */
  base: Partial<Config>;
  arms: ArmSpec[];
  /** Known to plateau well below 99 % in minutes (e.g. 2-digit × 2-digit). */
  hard?: boolean;
  /** Why it is worth asking, one sentence. */
  why: string;
}

/** The ready questions, in the order the Act 3 tab lists them. */
export const EXPERIMENTS: readonly Experiment[] = [
  {
    id: 'reverse-answer',
    question: 'Does reversing the answer help?',
    // Stryker disable next-line StringLiteral: explanatory prose shown to the learner, not logic
    why: 'Written units first, each answer digit needs only the columns already read, as in long addition.',
    base: {},
    arms: [
      { label: 'plain answers', change: { reverseOutput: false } },
      { label: 'reversed answers', change: { reverseOutput: true } },
    ],
  },
  {
    id: 'subtraction',
    question: 'Is subtraction harder than addition?',
    // Stryker disable next-line StringLiteral: explanatory prose shown to the learner, not logic
    why: 'Subtraction borrows instead of carrying, and its answers can be negative.',
    base: {},
    arms: [
      { label: 'addition', change: { operators: '+' } },
      { label: 'subtraction', change: { operators: '-' } },
    ],
  },
  {
    id: 'three-numbers',
    question: 'Three numbers instead of two',
    // Stryker disable next-line StringLiteral: explanatory prose shown to the learner, not logic
    why: 'A third number makes the input longer and the carries larger.',
    base: { brackets: false },
    arms: [
      { label: 'two numbers', change: { minNumbers: 2, nNumbers: 2 } },
      { label: 'three numbers', change: { minNumbers: 3, nNumbers: 3 } },
    ],
  },
  {
    id: 'times-tables',
    question: 'Times tables',
    // Stryker disable next-line StringLiteral: explanatory prose shown to the learner, not logic
    why: 'Multiplying numbers from 1 to 12 against adding them: the answers are longer and less regular.',
    // Products have no carries: both arms draw sums as asked (nor answer-balanced later), so they differ only in the operator.
    base: { largest: 12, minNumbers: 2, nNumbers: 2, brackets: false, sampling: 'uniform', answersFrom: 0 },
    arms: [
      { label: 'adding 1–12', change: { operators: '+' } },
      { label: 'multiplying 1–12', change: { operators: '*' } },
    ],
  },
  {
    id: 'brackets',
    question: 'Brackets',
    // Stryker disable next-line StringLiteral: explanatory prose shown to the learner, not logic
    why: 'With brackets the same numbers and signs can mean different answers: the model must read the structure.',
    base: { operators: '+-', minNumbers: 3, nNumbers: 3 },
    arms: [
      { label: 'no brackets', change: { brackets: false } },
      { label: 'brackets', change: { brackets: true } },
    ],
  },
  {
    id: 'encoding',
    question: 'One-hot, integer or embedding?',
    // Stryker disable next-line StringLiteral: explanatory prose shown to the learner, not logic
    why: 'Does the ordinal relation of digits help, or is a symbol best read as a symbol?',
    base: {},
    arms: [
      { label: 'one-hot', change: { encoding: 'onehot' } },
      { label: 'integer', change: { encoding: 'integer' } },
      { label: 'embedding', change: { encoding: 'embedding' } },
    ],
  },
  {
    id: 'padding',
    question: 'Pad the whole sum or each term?',
    // Stryker disable next-line StringLiteral: explanatory prose shown to the learner, not logic
    why: 'Padding each term puts every digit in a fixed column, whatever the lengths of the numbers.',
    base: {},
    arms: [
      { label: 'whole string', change: { padding: 'whole' } },
      { label: 'each term', change: { padding: 'term' } },
    ],
  },
  {
    id: 'layers',
    question: 'More layers?',
    // Stryker disable next-line StringLiteral: explanatory prose shown to the learner, not logic
    why: 'Stacked recurrent layers can hold more, but are slower and harder to train.',
    base: {},
    arms: [
      { label: '1 + 1 layers', change: { encoderLayers: 1, decoderLayers: 1 } },
      { label: '2 + 2 layers', change: { encoderLayers: 2, decoderLayers: 2 } },
    ],
  },
  {
    id: 'cells',
    question: 'LSTM, GRU or simple RNN?',
    // Stryker disable next-line StringLiteral: explanatory prose shown to the learner, not logic
    why: 'The gated cells keep information across steps; the simple RNN has to squeeze it through one tanh.',
    base: {},
    arms: [
      { label: 'LSTM', change: { cell: 'lstm' } },
      { label: 'GRU', change: { cell: 'gru' } },
      { label: 'simple RNN', change: { cell: 'simpleRnn' } },
    ],
  },
  {
    id: 'attention',
    question: 'Does attention help?',
    // Stryker disable next-line StringLiteral: explanatory prose shown to the learner, not logic
    why: 'RepeatVector squeezes the whole sum into one vector; attention lets each answer position look back at every input symbol.',
    base: {},
    arms: [
      { label: 'RepeatVector', change: { decoder: 'repeat' } },
      { label: 'attention', change: { decoder: 'attention' } },
    ],
  },
  {
    id: 'two-digit-times',
    question: '2-digit × 2-digit',
    // Stryker disable next-line StringLiteral: explanatory prose shown to the learner, not logic
    why: 'Published LSTM encoder–decoders plateau on multiplication: every answer digit depends on every input digit.',
    hard: true,
    // Products have no carries: both arms draw sums as asked (nor answer-balanced later), so they differ only in the operator.
    base: { largest: 99, minNumbers: 2, nNumbers: 2, brackets: false, sampling: 'uniform', answersFrom: 0 },
    arms: [
      { label: '2-digit +', change: { operators: '+' } },
      { label: '2-digit ×', change: { operators: '*' } },
    ],
  },
];

/** Training time an arm may take, in seconds. */
export const ARM_SECONDS = { min: 5, max: 3600 };

/** Why a time per arm is not allowed, or undefined when it is. */
export function armSecondsError(seconds: number): string | undefined {
  return Number.isFinite(seconds) && seconds >= ARM_SECONDS.min && seconds <= ARM_SECONDS.max
    ? undefined
    : `seconds per arm must be from ${ARM_SECONDS.min} to ${ARM_SECONDS.max}`;
}

/** The experiment with this id, if any. */
export function experimentById(id: string): Experiment | undefined {
  return EXPERIMENTS.find((e) => e.id === id);
}

/**
 * The config of each arm: the learner's settings, the experiment's base, then
 * the arm's change (always the seq2seq model). Without the learner's test
 * largest: it only widens the inputs for a See-inside test the arms never run,
 * and an arm's own largest may be above it.
 */
export function armConfigs(e: Experiment, current: Config): { label: string; config: Config }[] {
  return e.arms.map((arm) => ({ label: arm.label, config: { ...current, testLargest: 0, ...e.base, ...arm.change, model: EXPERIMENT_KIND } }));
}

/** What one finished (or stopped) arm measured. */
export interface ArmResult {
  label: string;
  /** Examples seen when held-out exact-match first reached 90 % and 99 %, if it did. */
  examplesTo90: number | null;
  examplesTo99: number | null;
  /** Training seconds. */
  seconds: number;
  /** Held-out exact-match at the end, and the best seen. */
  exactMatch: number;
  best: number;
  examples: number;
  /** The arm ended early: stopped by the learner, or a failure. */
  stopped: boolean;
}

/** First examples-seen count at which exact-match reached `level`, from the arm's epochs. */
export function examplesToReach(epochs: readonly { examples: number; exactMatch: number }[], level: number): number | null {
  return epochs.find((e) => e.exactMatch >= level)?.examples ?? null;
}


/**
 * The answer in a sentence from the measured figures, e.g. "reversed answers
 * reached 99 % after 12 000 examples, plain answers after 30 000."
 */
export function answerSentence(results: readonly ArmResult[]): string {
  if (results.length === 0) return '';
  const reached = results.filter((r) => r.examplesTo99 !== null).sort((a, b) => a.examplesTo99! - b.examplesTo99!);
  const missed = results.filter((r) => r.examplesTo99 === null);
  const parts: string[] = [];
  reached.forEach((r, i) => parts.push(i === 0 ? `${r.label} reached 99 % after ${grouped(r.examplesTo99!)} examples` : `${r.label} after ${grouped(r.examplesTo99!)}`));
  for (const r of missed) {
    parts.push(`${r.label} ${r.stopped ? 'was stopped' : 'did not reach 99 %'} (best ${percent(r.best)} after ${grouped(r.examples)} examples)`);
  }
  let sentence = `${parts.join(', ')}.`;
  sentence = sentence[0].toUpperCase() + sentence.slice(1);
  if (reached.length >= 2) {
    const first = reached[0];
    const last = reached[reached.length - 1];
    const ratio = last.examplesTo99! / first.examplesTo99!;
    if (ratio >= 1.2) sentence += ` ${capital(first.label)} needed ${ratio.toFixed(1)}× fewer examples than ${last.label}.`;
    else sentence += ' The difference is small: try another seed before drawing a conclusion.';
  } else if (reached.length === 1 && missed.length > 0) {
    sentence += ` Only ${reached[0].label} got there.`;
  } else if (reached.length === 0 && results.length > 1) {
    const best = [...results].sort((a, b) => b.best - a.best)[0];
    sentence += ` None reached 99 %; ${best.label} came closest.`;
  }
  return sentence;
}

const capital = (s: string) => s[0].toUpperCase() + s.slice(1);
