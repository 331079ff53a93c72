import { MAX_STEP_BYTES } from './estimate';
import { KINDS, MODELS, type ModelKind } from './kinds';
import { LESSON_PROBLEM, PADDINGS, problemSpec, readOperators, type ProblemSettings } from './problem';
import { DECAYS, PLAIN_RECIPE, RECURRENT_INITS, SAMPLINGS, THREE_DIGIT_RECIPE, TUTORIAL_RECIPE, type RecipeSettings } from './schedule';

export { MODELS, type ModelKind } from './kinds';

/**
 * The learner's settings: the problem (which expressions, how they are
 * written), the model (kind, cell and layer sizes) and the training run.
 * Flat, so the config panel, the URL, the worker protocol and the
 * command-line trainer share one shape.
 */

/** How the seq2seq encoder reads each symbol: one-hot (the lesson), its code as one scaled number, or a learned embedding. */
export const ENCODINGS = ['onehot', 'integer', 'embedding'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Recurrent cells the seq2seq model can be built from. */
export const CELLS = ['lstm', 'gru', 'simpleRnn'] as const;
export type Cell = (typeof CELLS)[number];

export { RECURRENT_INITS, SAMPLINGS, type RecurrentInit, type Sampling } from './schedule';
/**
 * What the seq2seq decoder reads: the encoder's last state repeated at every
 * answer position (the lesson's RepeatVector), or that plus Luong attention
 * over every encoder output at each answer position.
 */
export const DECODERS = ['repeat', 'attention'] as const;
export type Decoder = (typeof DECODERS)[number];


/** Where the worker runs tfjs; `auto` measures what this device offers and picks the fastest. */
export const BACKENDS = ['auto', 'wasm', 'webgl', 'webgpu', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

/** Everything a run needs: the problem, the model, and the training recipe (`RecipeSettings`: learning rate and its schedule, batch size, clipping, curriculum, Adam). */
export interface Config extends ProblemSettings, RecipeSettings {
  /** Which model kind to train (`KINDS[model].modelFields` says which model settings apply). */
  model: ModelKind;
  encoderUnits: number;
  decoderUnits: number;
  /** Stacked recurrent layers on each side, 1–3. */
  encoderLayers: number;
  decoderLayers: number;
  cell: Cell;
  encoding: Encoding;
  /** RepeatVector (the lesson) or attention over the encoder's outputs. */
  decoder: Decoder;
  /** Width of the learned embedding (with `encoding: 'embedding'`). */
  embeddingSize: number;
  epochs: number;
  examplesPerEpoch: number;
  /** End the run once held-out exact-match reaches this many per cent (0: never; train every epoch). */
  stopAtExact: number;
  seed: number;
  backend: BackendChoice;
}

/** Numeric fields, with the lesson's name, range and whether they must be whole. */
export const NUMERIC_FIELDS = {
  minNumbers: { label: 'min_numbers', min: 2, max: 6, integer: true },
  nNumbers: { label: 'n_numbers', min: 2, max: 6, integer: true },
  largest: { label: 'largest', min: 1, max: 99_999, integer: true },
  testLargest: { label: 'test largest', min: 0, max: 99_999, integer: true },
  encoderUnits: { label: 'encoder units', min: 1, max: 512, integer: true },
  decoderUnits: { label: 'decoder units', min: 1, max: 512, integer: true },
  encoderLayers: { label: 'encoder layers', min: 1, max: 3, integer: true },
  decoderLayers: { label: 'decoder layers', min: 1, max: 3, integer: true },
  embeddingSize: { label: 'embedding size', min: 1, max: 64, integer: true },
  epochs: { label: 'epochs', min: 1, max: 10_000, integer: true },
  examplesPerEpoch: { label: 'examples per epoch', min: 1, max: 100_000, integer: true },
  batchSize: { label: 'batch size', min: 1, max: 1_000, integer: true },
  learningRate: { label: 'learning rate', min: 0.000_01, max: 1, integer: false },
  warmupExamples: { label: 'warm-up examples', min: 0, max: 10_000_000, integer: true },
  decayExamples: { label: 'decay examples', min: 0, max: 10_000_000, integer: true },
  annealAt: { label: 'anneal at exact-match %', min: 1, max: 100, integer: false },
  annealFactor: { label: 'cut factor', min: 0.01, max: 1, integer: false },
  plateauEpochs: { label: 'cut after flat epochs', min: 0, max: 1_000, integer: true },
  clipNorm: { label: 'clip gradient norm', min: 0, max: 1_000, integer: false },
  curriculumExamples: { label: 'curriculum examples', min: 0, max: 10_000_000, integer: true },
  batchRampExamples: { label: 'batch ramp examples', min: 0, max: 10_000_000, integer: true },
  adamBeta2: { label: 'Adam beta2', min: 0.5, max: 0.99999, integer: false },
  hardShare: { label: 'hard-example share', min: 0, max: 0.9, integer: false },
  lengthsFrom: { label: 'rare lengths from exact-match %', min: 0, max: 100, integer: false },
  hardFrom: { label: 'hard examples from exact-match %', min: 0, max: 100, integer: false },
  adamBeta1: { label: 'Adam beta1', min: 0, max: 0.999, integer: false },
  adamEpsilon: { label: 'Adam epsilon', min: 0, max: 1, integer: false },
  averageDecay: { label: 'weight average decay', min: 0, max: 0.9999, integer: false },
  annealAgainAt: { label: 'cut again at exact-match %', min: 0, max: 100, integer: false },
  boostFactor: { label: 'early rate factor', min: 0.1, max: 10, integer: false },
  boostUntil: { label: 'early rate until exact-match %', min: 1, max: 100, integer: false },
  labelSmoothing: { label: 'label smoothing', min: 0, max: 0.5, integer: false },
  unitsWeight: { label: 'units position loss weight', min: 0.1, max: 10, integer: false },
  unitsUntil: { label: 'units weight until exact-match %', min: 1, max: 100, integer: false },
  tensWeight: { label: 'tens position loss weight', min: 0.1, max: 10, integer: false },
  averageLateDecay: { label: 'weight average decay after the cut', min: 0, max: 0.9999, integer: false },
  answersFrom: { label: 'answer-balanced from exact-match %', min: 0, max: 100, integer: false },
  stopAtExact: { label: 'stop at exact-match %', min: 0, max: 100, integer: false },
  seed: { label: 'seed', min: 0, max: 2 ** 31 - 1, integer: true },
} as const;

export type NumericField = keyof typeof NUMERIC_FIELDS;

/** Every setting's name on screen, in the lesson's words. */
export const FIELD_LABELS: Record<keyof Config, string> = {
  ...(Object.fromEntries(Object.entries(NUMERIC_FIELDS).map(([k, v]) => [k, v.label])) as Record<NumericField, string>),
  model: 'model',
  operators: 'operators',
  brackets: 'brackets',
  padding: 'padding',
  reverseInput: 'reverse the input',
  reverseOutput: 'reverse the answer',
  cell: 'cell',
  encoding: 'encoding',
  decoder: 'decoder',
  anneal: 'anneal',
  decay: 'decay',
  sampling: 'sampling',
  recurrentInit: 'recurrent init',
  backend: 'backend',
};
export type ConfigField = keyof Config;
/** One message per invalid field; an empty object means the config is valid. */
export type ConfigErrors = Partial<Record<ConfigField, string>>;

/**
 * The longest input string the field ranges allow: 6 terms of 5 digits, 5
 * operators and a bracket pair. A unit test holds every allowed config to it.
 */
export const MAX_INPUT_WIDTH = 37;
/** The longest answer (symbols): answers stay exact whole numbers in JavaScript below 2^53. */
export const MAX_OUTPUT_WIDTH = 15;

/** Training settings a model kind starts from: epochs and the whole recipe. */
export type TrainingDefaults = Pick<Config, 'epochs' | 'examplesPerEpoch'> & RecipeSettings;

/**
 * The app's default: two numbers up to 100, so `50+11` is in range, with the
 * lesson's layer sizes and Carry's fast training recipe (`SEQ2SEQ_RECIPE`).
 */
export const DEFAULT_CONFIG: Config = {
  model: 'seq2seq',
  ...LESSON_PROBLEM,
  encoderUnits: 100,
  decoderUnits: 50,
  encoderLayers: 1,
  decoderLayers: 1,
  cell: 'lstm',
  encoding: 'onehot',
  decoder: 'repeat',
  embeddingSize: 16,
  ...KINDS.seq2seq.defaults,
  stopAtExact: 100,
  seed: 1,
  backend: 'auto',
};

/** Named starting points a learner can pick with one click. */
export const PRESETS = {
  'Carry default': DEFAULT_CONFIG,
  'Tutorial (Act 2)': {
    ...DEFAULT_CONFIG,
    largest: 10,
    epochs: 30,
    examplesPerEpoch: 1_000,
    batchSize: 10,
    learningRate: 0.001,
    ...PLAIN_RECIPE,
  },
  // Its own recipe (docs/recipe.md, fifth search): the default's took more examples on 100 sums.
  'Tutorial problem, fast': { ...DEFAULT_CONFIG, largest: 10, epochs: 60, ...TUTORIAL_RECIPE },
  'Act 1 · mapping LSTM (lesson: 100 epochs × 100, batch 1)': {
    ...DEFAULT_CONFIG,
    model: 'mappingLstm',
    epochs: 100,
    examplesPerEpoch: 100,
    batchSize: 1,
    learningRate: 0.001,
    ...PLAIN_RECIPE,
  },
  'Act 1 · mapping LSTM (fast)': { ...DEFAULT_CONFIG, model: 'mappingLstm', ...KINDS.mappingLstm.defaults },
  'Act 1 · MLP (fast)': { ...DEFAULT_CONFIG, model: 'mappingMlp', ...KINDS.mappingMlp.defaults },
  'Act 1 · MLP (lesson: 50 epochs, batch 2)': {
    ...DEFAULT_CONFIG,
    model: 'mappingMlp',
    epochs: 50,
    examplesPerEpoch: 100,
    batchSize: 2,
    learningRate: 0.001,
    ...PLAIN_RECIPE,
  },
  '3-digit sums': {
    ...DEFAULT_CONFIG,
    largest: 999,
    encoderUnits: 128,
    decoderUnits: 128,
    reverseInput: true,
    epochs: 200,
    // Carry-balanced sums, batch 32 at Adam 0.005, clipped, weights averaged; no units weight (docs/recipe.md, fourth search).
    ...THREE_DIGIT_RECIPE,
    examplesPerEpoch: 5_000,
  },
} satisfies Record<string, Config>;
export type PresetName = keyof typeof PRESETS;

/** Checks every field; each message names the field and its allowed range. */
export function validateConfig(c: Config): ConfigErrors {
  const errors: ConfigErrors = {};
  for (const key of Object.keys(NUMERIC_FIELDS) as NumericField[]) {
    const message = checkNumber(key, c[key]);
    if (message) errors[key] = message;
  }
  for (const key of Object.keys(CHOICE_FIELDS) as ChoiceField[]) {
    const choices: readonly string[] = CHOICE_FIELDS[key];
    if (!choices.includes(c[key])) errors[key] = `${key} must be one of ${choices.join(', ')}`;
  }
  for (const key of FLAG_FIELDS) if (typeof c[key] !== 'boolean') errors[key] = `${FIELD_LABELS[key]} must be on or off`;
  if (typeof c.operators !== 'string' || c.operators === '' || readOperators(c.operators) !== c.operators) {
    errors.operators = 'operators must be one or more of + - * (e.g. "+ -")';
  }
  if (!errors.minNumbers && !errors.nNumbers && c.minNumbers > c.nNumbers) {
    errors.minNumbers = `min_numbers must be at most n_numbers (${c.nNumbers})`;
  }
  if (!errors.annealAt && !errors.annealAgainAt && c.annealAgainAt > 0 && c.annealAgainAt <= c.annealAt) {
    errors.annealAgainAt = `cut again at exact-match % must be more than anneal at exact-match % (${c.annealAt}), or 0 (off)`;
  }
  if (c.brackets && !errors.nNumbers && c.nNumbers < 3) errors.brackets = 'brackets need n_numbers of 3 or more';
  if (!errors.batchSize && !errors.examplesPerEpoch && c.batchSize > c.examplesPerEpoch) {
    errors.batchSize = `batch size must be at most examples per epoch (${c.examplesPerEpoch})`;
  }
  if (errors.model) return errors;
  Object.assign(errors, { ...KINDS[c.model].refuses(c), ...errors });
  const problemOk = !errors.operators && !errors.minNumbers && !errors.nNumbers && !errors.largest && !errors.brackets && !errors.padding;
  if (problemOk) {
    const spec = problemSpec({ ...c, testLargest: 0 });
    if (spec.outWidth > MAX_OUTPUT_WIDTH) {
      errors.largest = `answers can reach ${spec.outWidth} symbols (from ${spec.answerRange[0]} to ${spec.answerRange[1]}); the limit is ${MAX_OUTPUT_WIDTH}: lower largest or n_numbers`;
    }
  }
  // Room for longer test numbers: only models that read digits have widths to widen.
  if (problemOk && !errors.largest && !errors.testLargest && c.testLargest !== 0 && KINDS[c.model].modelFields.includes('testLargest')) {
    const wide = problemSpec(c);
    if (c.testLargest <= c.largest) {
      errors.testLargest = `test largest must be more than largest (${c.largest}), or 0 (off)`;
    } else if (wide.outWidth > MAX_OUTPUT_WIDTH) {
      errors.testLargest = `with terms up to ${c.testLargest}, answers can reach ${wide.outWidth} symbols; the limit is ${MAX_OUTPUT_WIDTH}: lower test largest`;
    }
  }
  if (Object.keys(errors).length === 0) {
    const bytes = KINDS[c.model].stepBytes(c);
    if (bytes > MAX_STEP_BYTES) {
      const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
      errors.batchSize = `batch size ${c.batchSize} with these units and input width needs about ${mb(bytes)} per step; the limit is ${mb(MAX_STEP_BYTES)}: lower the batch size or the units`;
    }
  }
  return errors;
}

/** The message for one numeric field, or undefined when the value is allowed. */
export function checkNumber(key: NumericField, value: number): string | undefined {
  const { label, min, max, integer } = NUMERIC_FIELDS[key];
  const range = `from ${formatLimit(min)} to ${formatLimit(max)}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${label} must be a number ${range}`;
  }
  if (integer && !Number.isInteger(value)) return `${label} must be a whole number ${range}`;
  if (value < min || value > max) return `${label} must be ${range}`;
  return undefined;
}

function formatLimit(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

/** Settings picked from a list, with their choices. */
export const CHOICE_FIELDS = { model: MODELS, cell: CELLS, encoding: ENCODINGS, decoder: DECODERS, padding: PADDINGS, decay: DECAYS, sampling: SAMPLINGS, recurrentInit: RECURRENT_INITS, backend: BACKENDS } as const;
export type ChoiceField = keyof typeof CHOICE_FIELDS;
/** Settings that are on or off. */
export const FLAG_FIELDS = ['reverseInput', 'reverseOutput', 'brackets', 'anneal'] as const;
export type FlagField = (typeof FLAG_FIELDS)[number];

/** Settings that are not numbers, kept as they are in a form. */
const PLAIN_FIELDS = [...(Object.keys(CHOICE_FIELDS) as ChoiceField[]), ...FLAG_FIELDS];
type PlainField = ChoiceField | FlagField;

/** The config as typed into a form: numbers and operators still as text, so half-typed values survive. */
export type ConfigDraft = Record<NumericField | 'operators', string> & Pick<Config, PlainField>;

/** A config as form text. */
export function toDraft(c: Config): ConfigDraft {
  const draft = { operators: [...c.operators].join(' ') } as ConfigDraft;
  for (const key of PLAIN_FIELDS) (draft as Record<string, unknown>)[key] = c[key];
  for (const key of Object.keys(NUMERIC_FIELDS) as NumericField[]) draft[key] = String(c[key]);
  return draft;
}

/**
 * A number as typed: `2000`, `2 000`, `2,000` and `0.001` are read; separators
 * count only between whole groups of three digits, so a decimal comma
 * (`0,001`) is an error (NaN) rather than a silent 1. Empty text is NaN, never 0.
 */
export function readNumber(typed: string): number {
  const text = typed.trim();
  if (text === '') return Number.NaN;
  const grouped = /^[1-9]\d{0,2}(?:[ ,_\u2009]\d{3})+(?:\.\d+)?$/.test(text);
  return Number(grouped ? text.replace(/[ ,_\u2009]/g, '') : text);
}

/** Reads form text into a config and its errors (empty or unreadable text is an error, never 0). */
export function readDraft(draft: ConfigDraft): { config: Config; errors: ConfigErrors } {
  const config = { operators: readOperators(draft.operators) ?? draft.operators } as Config;
  for (const key of PLAIN_FIELDS) (config as unknown as Record<string, unknown>)[key] = draft[key];
  for (const key of Object.keys(NUMERIC_FIELDS) as NumericField[]) {
    config[key] = readNumber(draft[key]);
  }
  return { config, errors: validateConfig(config) };
}
