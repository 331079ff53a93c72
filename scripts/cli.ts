import { ACT_DEFAULTS, CELLS, DEFAULT_CONFIG, validateConfig, type Cell, type Config, type ModelKind, type NumericField } from '../src/core/config';

/** `--model` spellings, as in the issue tracker: kebab-case. */
const MODEL_FLAGS: Record<string, ModelKind> = { seq2seq: 'seq2seq', 'mapping-lstm': 'mappingLstm', 'mapping-mlp': 'mappingMlp' };


/** Flag spellings: the lesson's names (`--n_numbers`, `--largest`) and kebab-case for the rest. */
const FLAG_TO_FIELD: Record<string, NumericField> = {
  n_numbers: 'nNumbers',
  largest: 'largest',
  'encoder-units': 'encoderUnits',
  'decoder-units': 'decoderUnits',
  epochs: 'epochs',
  'examples-per-epoch': 'examplesPerEpoch',
  'batch-size': 'batchSize',
  'learning-rate': 'learningRate',
  seed: 'seed',
};

/** Options of the command-line tools beyond the config. */
export interface CliOptions {
  config: Config;
  targetExact?: number;
  maxSeconds?: number;
  rest: Record<string, string>;
}

/** Parses `--flag value` pairs into a validated config; exits with a message on a bad flag. */
export function parseArgs(argv: string[], extra: readonly string[] = []): CliOptions {
  const config: Config = { ...DEFAULT_CONFIG, backend: 'wasm' };
  const modelAt = argv.indexOf('--model');
  if (modelAt >= 0) {
    const model = MODEL_FLAGS[argv[modelAt + 1]];
    if (!model) fail(`--model must be one of ${Object.keys(MODEL_FLAGS).join(', ')}`);
    config.model = model;
    Object.assign(config, ACT_DEFAULTS[model]);
    argv = argv.filter((_, i) => i !== modelAt && i !== modelAt + 1);
  }
  const rest: Record<string, string> = {};
  let targetExact: number | undefined;
  let maxSeconds: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag.startsWith('--')) fail(`Unexpected argument '${flag}'`);
    const name = flag.slice(2);
    if (name === 'reverse' || name === 'no-anneal') {
      if (name === 'reverse') config.reverseInput = true;
      else config.anneal = false;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) fail(`${flag} needs a value`);
    if (name in FLAG_TO_FIELD) config[FLAG_TO_FIELD[name]] = Number(value);
    else if (name === 'cell') {
      if (!CELLS.includes(value as Cell)) fail(`--cell must be one of ${CELLS.join(', ')}`);
      config.cell = value as Cell;
    } else if (name === 'target-exact') targetExact = Number(value);
    else if (name === 'max-seconds') maxSeconds = Number(value);
    else if (extra.includes(name)) rest[name] = value;
    else fail(`Unknown flag ${flag}. Known: ${[...Object.keys(FLAG_TO_FIELD), 'model', 'cell', 'reverse', 'no-anneal', 'target-exact', 'max-seconds', ...extra].map((f) => `--${f}`).join(' ')}`);
  }
  const errors = Object.values(validateConfig(config));
  if (errors.length) fail(errors.join('\n'));
  return { config, targetExact, maxSeconds, rest };
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
