import { CHOICE_FIELDS, DEFAULT_CONFIG, FLAG_FIELDS, MODELS, NUMERIC_FIELDS, validateConfig, type ChoiceField, type Config, type ConfigField, type FlagField, type ModelKind, type NumericField } from '../src/core/config';
import { KINDS } from '../src/core/kinds';
import { readOperators } from '../src/core/problem';

/** camelCase to kebab-case: `batchRampExamples` → `batch-ramp-examples`. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `--model` spellings, kebab-case: `seq2seq`, `mapping-lstm`, `mapping-mlp`. */
const MODEL_FLAGS: Record<string, ModelKind> = Object.fromEntries(MODELS.map((m) => [kebab(m), m]));

/**
 * Flag spellings, from the config's field tables: the lesson's names
 * (`--n_numbers`, `--largest`) and kebab-case for the rest, so a new setting
 * gets its flag with no second list.
 */
const FLAG_TO_FIELD: Record<string, NumericField> = {
  n_numbers: 'nNumbers',
  ...Object.fromEntries((Object.keys(NUMERIC_FIELDS) as NumericField[]).filter((k) => k !== 'nNumbers').map((k) => [kebab(k), k])),
};

/** Settings picked from a list, by flag (`--model` and `--backend` are the tools' own business). */
const CHOICE_FLAGS: Record<string, Exclude<ChoiceField, 'model' | 'backend'>> = Object.fromEntries(
  (Object.keys(CHOICE_FIELDS) as ChoiceField[]).filter((k) => k !== 'model' && k !== 'backend').map((k) => [kebab(k), k]),
);

/** Switches (no value) and the setting each turns on or off: `--brackets`, `--no-brackets`, … */
const SWITCHES: Record<string, [FlagField, boolean]> = {
  reverse: ['reverseInput', true],
  ...Object.fromEntries(FLAG_FIELDS.flatMap((k) => [[kebab(k), [k, true]], [`no-${kebab(k)}`, [k, false]]])),
};

/** Which flag sets each config field, so an error can name the flag. */
const FIELD_FLAGS: Partial<Record<ConfigField, string>> = {
  ...Object.fromEntries(Object.entries(FLAG_TO_FIELD).map(([flag, field]) => [field, flag])),
  ...Object.fromEntries(FLAG_FIELDS.map((k) => [k, kebab(k)])),
  ...Object.fromEntries(Object.entries(CHOICE_FLAGS).map(([flag, field]) => [field, flag])),
  operators: 'operators',
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
    } else if (name in CHOICE_FLAGS) {
      const field = CHOICE_FLAGS[name];
      const choices: readonly string[] = CHOICE_FIELDS[field];
      if (!choices.includes(value)) fail(`--${name} must be one of ${choices.join(', ')}`);
      (config as unknown as Record<string, unknown>)[field] = value;
    } else if (name === 'operators') {
      const ops = readOperators(value);
      if (!ops) fail(`--operators must be one or more of + - * separated by commas, e.g. --operators +,-`);
      config.operators = ops;
    } else if (name === 'target-exact') targetExact = Number(value);
    else if (name === 'max-seconds') maxSeconds = Number(value);
    else if (extra.includes(name)) rest[name] = value;
    else fail(`Unknown flag ${flag}. Known: ${['model', ...Object.keys(FLAG_TO_FIELD), 'operators', ...Object.keys(CHOICE_FLAGS), ...Object.keys(SWITCHES), 'target-exact', 'max-seconds', ...extra].map((f) => `--${f}`).join(' ')}`);
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
