import { CELLS, DECODERS, DEFAULT_CONFIG, ENCODINGS, type Decoder, MODELS, SAMPLINGS, type Sampling, type Encoding, validateConfig, type Cell, type Config, type ConfigField, type ModelKind, type NumericField } from '../src/core/config';
import { KINDS } from '../src/core/kinds';
import { PADDINGS, readOperators, type Padding } from '../src/core/problem';

/** `--model` spellings, kebab-case: `seq2seq`, `mapping-lstm`, `mapping-mlp`. */
const MODEL_FLAGS: Record<string, ModelKind> = Object.fromEntries(MODELS.map((m) => [m.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), m]));

/** Flag spellings: the lesson's names (`--n_numbers`, `--largest`) and kebab-case for the rest. */
const FLAG_TO_FIELD: Record<string, NumericField> = {
  n_numbers: 'nNumbers',
  'min-numbers': 'minNumbers',
  largest: 'largest',
  'test-largest': 'testLargest',
  'encoder-units': 'encoderUnits',
  'decoder-units': 'decoderUnits',
  'encoder-layers': 'encoderLayers',
  'decoder-layers': 'decoderLayers',
  'embedding-size': 'embeddingSize',
  epochs: 'epochs',
  'examples-per-epoch': 'examplesPerEpoch',
  'batch-size': 'batchSize',
  'learning-rate': 'learningRate',
  'stop-at-exact': 'stopAtExact',
  seed: 'seed',
};

/** Switches (no value) and the setting each turns on or off. */
const SWITCHES: Record<string, [ConfigField, boolean]> = {
  reverse: ['reverseInput', true],
  'reverse-input': ['reverseInput', true],
  'reverse-output': ['reverseOutput', true],
  brackets: ['brackets', true],
  'no-anneal': ['anneal', false],
};

/** Which flag sets each config field, so an error can name the flag. */
const FIELD_FLAGS: Partial<Record<ConfigField, string>> = {
  ...Object.fromEntries(Object.entries(FLAG_TO_FIELD).map(([flag, field]) => [field, flag])),
  ...Object.fromEntries(Object.entries(SWITCHES).map(([flag, [field]]) => [field, flag])),
  operators: 'operators',
  padding: 'padding',
  encoding: 'encoding',
  decoder: 'decoder',
  sampling: 'sampling',
  cell: 'cell',
  model: 'model',
};

/** Options of the command-line tools beyond the config. */
export interface CliOptions {
  config: Config;
  targetExact?: number;
  maxSeconds?: number;
  rest: Record<string, string>;
}

/**
 * Parses `--flag value` pairs into a validated config; exits with one line
 * naming the flag on a bad flag or combination. `--n_numbers` alone fixes the
 * term count (min_numbers follows it unless `--min-numbers` is given).
 */
export function parseArgs(argv: string[], extra: readonly string[] = []): CliOptions {
  const config: Config = { ...DEFAULT_CONFIG, backend: 'wasm' };
  const modelAt = argv.indexOf('--model');
  if (modelAt >= 0) {
    const model = MODEL_FLAGS[argv[modelAt + 1]];
    if (!model) fail(`--model must be one of ${Object.keys(MODEL_FLAGS).join(', ')}`);
    config.model = model;
    Object.assign(config, KINDS[model].defaults);
    argv = argv.filter((_, i) => i !== modelAt && i !== modelAt + 1);
  }
  const rest: Record<string, string> = {};
  let targetExact: number | undefined;
  let maxSeconds: number | undefined;
  let minGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag.startsWith('--')) fail(`Unexpected argument '${flag}'`);
    const name = flag.slice(2);
    if (name in SWITCHES) {
      const [field, on] = SWITCHES[name];
      (config as unknown as Record<string, unknown>)[field] = on;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) fail(`${flag} needs a value`);
    if (name in FLAG_TO_FIELD) {
      config[FLAG_TO_FIELD[name]] = Number(value);
      if (name === 'min-numbers') minGiven = true;
    } else if (name === 'cell') {
      if (!CELLS.includes(value as Cell)) fail(`--cell must be one of ${CELLS.join(', ')}`);
      config.cell = value as Cell;
    } else if (name === 'operators') {
      const ops = readOperators(value);
      if (!ops) fail(`--operators must be one or more of + - * separated by commas, e.g. --operators +,-`);
      config.operators = ops;
    } else if (name === 'encoding') {
      if (!ENCODINGS.includes(value as Encoding)) fail(`--encoding must be one of ${ENCODINGS.join(', ')}`);
      config.encoding = value as Encoding;
    } else if (name === 'decoder') {
      if (!DECODERS.includes(value as Decoder)) fail(`--decoder must be one of ${DECODERS.join(', ')}`);
      config.decoder = value as Decoder;
    } else if (name === 'sampling') {
      if (!SAMPLINGS.includes(value as Sampling)) fail(`--sampling must be one of ${SAMPLINGS.join(', ')}`);
      config.sampling = value as Sampling;
    } else if (name === 'padding') {
      if (!PADDINGS.includes(value as Padding)) fail(`--padding must be one of ${PADDINGS.join(', ')}`);
      config.padding = value as Padding;
    } else if (name === 'target-exact') targetExact = Number(value);
    else if (name === 'max-seconds') maxSeconds = Number(value);
    else if (extra.includes(name)) rest[name] = value;
    else fail(`Unknown flag ${flag}. Known: ${['model', ...Object.keys(FLAG_TO_FIELD), 'operators', 'padding', 'encoding', 'decoder', 'sampling', 'cell', ...Object.keys(SWITCHES), 'target-exact', 'max-seconds', ...extra].map((f) => `--${f}`).join(' ')}`);
  }
  if (!minGiven) config.minNumbers = config.nNumbers;
  const errors = Object.entries(validateConfig(config)) as [ConfigField, string][];
  if (errors.length) fail(errors.map(([field, message]) => `--${FIELD_FLAGS[field] ?? field}: ${message}`).join('\n'));
  return { config, targetExact, maxSeconds, rest };
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
