import type { Config, ConfigErrors, ConfigField, TrainingDefaults } from './config';
import { CELL_NAMES } from './format';
import { mappingLstmParameters, mappingStepBytes, mlpParameters, seq2seqParameters, seq2seqSecondsPerEpoch, seq2seqStepBytes } from './estimate';
import { problemSpec } from './problem';
import { PLAIN_RECIPE, SEQ2SEQ_RECIPE } from './schedule';

/**
 * The model kinds, one descriptor each: everything the app, the trainer and
 * the views ask about a kind is looked up here, never told apart by name. A
 * kind added to `MODELS` without a descriptor (here, and a factory in
 * `src/model/kinds.ts`) does not compile.
 */
export const MODELS = ['mappingLstm', 'mappingMlp', 'seq2seq'] as const;
export type ModelKind = (typeof MODELS)[number];

/** What one model kind is and can do. */
export interface KindInfo {
  /** The tab's name, e.g. `Act 2 · Seq2seq`. */
  label: string;
  /** One or two sentences of the lesson's story for this kind. */
  story: string;
  /** Its architecture in words, for the settings panel. */
  architecture: (c: Config) => string;
  /** Training settings the kind starts from. */
  defaults: TrainingDefaults;
  /** The model settings that apply to it (problem and training settings apply to every kind). */
  modelFields: readonly ConfigField[];
  /** What the model writes: symbols (an answer string, per-position probabilities) or one number (regression). */
  output: 'symbols' | 'number';
  /** Whether reading a sum's characters in another order should change its answers (the shuffle test's point). */
  readsCharacters: boolean;
  /** What in a problem this kind cannot learn, per field; empty when it can. */
  refuses: (c: Config) => ConfigErrors;
  /** Trainable parameters of the model `c` describes. */
  parameters: (c: Config) => number;
  /** Rough memory of one training step, bytes. */
  stepBytes: (c: Config) => number;
  /** Rough time per epoch on a 2-core laptop, seconds. */
  secondsPerEpoch: (c: Config) => number;
}

/** Act 1's models read a fixed number of terms as numbers and regress their sum. */
function mappingRefuses(c: Config): ConfigErrors {
  const errors: ConfigErrors = {};
  const why = 'Act 1’s mapping models only add a fixed number of terms';
  if (c.operators !== '+') errors.operators = `${why}: set operators to +`;
  if (c.minNumbers !== c.nNumbers) errors.minNumbers = `${why}: set min_numbers to n_numbers (${c.nNumbers})`;
  if (c.brackets) errors.brackets = `${why}: turn brackets off`;
  return errors;
}

const mappingBatchSeconds = (c: Config) => Math.ceil(c.examplesPerEpoch / c.batchSize) * 0.001;

/** Every kind's descriptor. */
export const KINDS: Record<ModelKind, KindInfo> = {
  mappingLstm: {
    label: 'Act 1 · Mapping LSTM',
    // Stryker disable next-line StringLiteral: the lesson's story, prose shown to the learner
    story: 'The beginner’s framing: divide the numbers by largest × n_numbers, feed them to an LSTM one per time step, and regress their (scaled) sum. It looks like it learns to add…',
    architecture: () => 'LSTM(10) → Dense(1), reading the terms as n_numbers time steps of one number each, divided by largest × n_numbers.',
    defaults: { epochs: 60, examplesPerEpoch: 1_000, batchSize: 10, learningRate: 0.003, ...PLAIN_RECIPE },
    modelFields: [],
    output: 'number',
    readsCharacters: false,
    refuses: mappingRefuses,
    parameters: mappingLstmParameters,
    stepBytes: mappingStepBytes,
    secondsPerEpoch: mappingBatchSeconds,
  },
  mappingMlp: {
    label: 'Act 1 · MLP',
    // Stryker disable next-line StringLiteral: the lesson's story, prose shown to the learner
    story: '…but a plain three-layer perceptron does the same mapping better, and faster. The order of the numbers never mattered: this is not a sequence problem. Try the shuffle test.',
    architecture: () => 'Dense(4) → Dense(2) → Dense(1), linear, reading all terms at once, divided by largest × n_numbers.',
    defaults: { epochs: 30, examplesPerEpoch: 1_000, batchSize: 10, learningRate: 0.003, ...PLAIN_RECIPE },
    modelFields: [],
    output: 'number',
    readsCharacters: false,
    refuses: mappingRefuses,
    parameters: (c) => mlpParameters(c.nNumbers),
    stepBytes: mappingStepBytes,
    secondsPerEpoch: mappingBatchSeconds,
  },
  seq2seq: {
    label: 'Act 2 · Seq2seq',
    // Stryker disable next-line StringLiteral: the lesson's story, prose shown to the learner
    story: 'Characters in, characters out: read "50+11" symbol by symbol, write "61" symbol by symbol. Now order matters: shuffle the characters and the answers fall apart.',
    architecture: (c) => {
      const spec = problemSpec(c);
      const cell = CELL_NAMES[c.cell];
      const stack = (units: number, layers: number) => Array.from({ length: layers }, () => `${cell}(${units})`).join(' → ');
      const reader = { onehot: '', integer: 'each code as one number → ', embedding: `Embedding(${spec.alphabet.length}, ${c.embeddingSize}) → ` }[c.encoding];
      const attend = c.decoder === 'attention' ? ` → Attention(Luong general, over the ${spec.inWidth} encoder outputs)` : '';
      return `${reader}${stack(c.encoderUnits, c.encoderLayers)} → RepeatVector(${spec.outWidth}) → ${stack(c.decoderUnits, c.decoderLayers)}${attend} → Dense(${spec.alphabet.length}, softmax)`;
    },
    defaults: { epochs: 300, examplesPerEpoch: 1_000, ...SEQ2SEQ_RECIPE },
    modelFields: ['cell', 'encoderUnits', 'decoderUnits', 'encoderLayers', 'decoderLayers', 'encoding', 'embeddingSize', 'decoder', 'reverseInput', 'reverseOutput', 'padding', 'testLargest'],
    output: 'symbols',
    readsCharacters: true,
    refuses: () => ({}),
    parameters: seq2seqParameters,
    stepBytes: seq2seqStepBytes,
    secondsPerEpoch: seq2seqSecondsPerEpoch,
  },
};

/** True when a model of this kind writes symbols (and so has per-symbol accuracy and probabilities). */
export const writesSymbols = (kind: ModelKind): boolean => KINDS[kind].output === 'symbols';
