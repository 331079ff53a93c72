import {
  CHOICE_FIELDS,
  DEFAULT_CONFIG,
  FIELD_LABELS,
  FLAG_FIELDS,
  NUMERIC_FIELDS,
  readNumber,
  validateConfig,
  type ChoiceField,
  type Config,
  type ConfigField,
  type FlagField,
  type NumericField,
} from './config';
import { experimentById } from './experiments';
import { readOperators } from './problem';

/**
 * A link that reproduces what is on screen: every setting that differs from
 * the defaults (the seed included, so a run trains the same again), the act
 * or the Act 3 question shown, and classroom mode. Read and written from the
 * config's own field tables, so a new setting needs no second list here.
 */
export interface LinkState {
  config: Config;
  /** The Act 3 tab instead of the act of `config.model`. */
  experiments: boolean;
  /** The Act 3 question open, by id. */
  experiment: string | undefined;
  classroom: boolean;
}

export const DEFAULT_LINK: LinkState = { config: DEFAULT_CONFIG, experiments: false, experiment: undefined, classroom: false };

/**
 * The version written into every link that carries a setting. A link lists
 * only what differs from the defaults, so when a default changes, a link made
 * before would quietly mean something else: bump the version then, and put
 * the defaults it replaces in PAST_DEFAULTS under the old version's number.
 */
export const LINK_VERSION = 4;

/** Defaults that have changed since, keyed by the last version that had them. */
const PAST_DEFAULTS: Record<number, Partial<Config>> = {
  // Training sums were drawn as asked until carry-balanced sampling won the recipe search (docs/recipe.md).
  1: { sampling: 'uniform' },
  // No units weight and no weight averaging until the third recipe search (docs/recipe.md).
  2: { unitsWeight: 1, unitsUntil: 100, averageDecay: 0 },
  // Training sums stayed carry-balanced to the end until the fourth recipe search (answer-balanced from 20 %, docs/recipe.md).
  3: { answersFrom: 0 },
};

/** What a link of `version` meant by leaving a setting out: today's defaults with every later change undone. */
export function linkDefaults(version: number): Config {
  const base: Config = { ...DEFAULT_CONFIG };
  // From the newest change back, so a setting changed twice ends at the value `version` had.
  for (let v = LINK_VERSION - 1; v >= version; v--) Object.assign(base, PAST_DEFAULTS[v]);
  return base;
}

/** Link keys beyond the settings (which use their config names). */
const VERSION_KEY = 'v';
const VIEW_KEY = 'view';
const EXPERIMENT_KEY = 'experiment';
const CLASSROOM_KEY = 'class';
const ACT3 = 'act3';

/** How one kind of field is written into a link and read back: a value, or why the text is not one. */
interface FieldCodec<T> {
  write: (value: T) => string;
  read: (text: string) => T | { error: string };
}

const numeric = (key: NumericField): FieldCodec<number> => ({
  write: String,
  read: (text) => {
    const n = readNumber(text);
    return Number.isNaN(n) ? { error: `${NUMERIC_FIELDS[key].label} must be a number` } : n;
  },
});

const choice = (key: ChoiceField): FieldCodec<string> => ({
  write: String,
  read: (text) => {
    const choices: readonly string[] = CHOICE_FIELDS[key];
    return choices.includes(text) ? text : { error: `${FIELD_LABELS[key]} must be one of ${choices.join(', ')}` };
  },
});

const FLAG_TEXT = new Map([['1', true], ['true', true], ['on', true], ['0', false], ['false', false], ['off', false]]);
const readFlag = (text: string) => FLAG_TEXT.get(text.toLowerCase());
const flag = (key: FlagField): FieldCodec<boolean> => ({
  write: (on) => (on ? '1' : '0'),
  read: (text) => readFlag(text) ?? { error: `${FIELD_LABELS[key]} must be 1 (on) or 0 (off)` },
});

const operators: FieldCodec<string> = {
  write: String,
  read: (text) => readOperators(text) || { error: 'operators must be one or more of + - *' },
};

/** Every setting's codec, keyed by its config name: derived from the field tables. */
const CODECS = {
  ...Object.fromEntries((Object.keys(NUMERIC_FIELDS) as NumericField[]).map((k) => [k, numeric(k)])),
  ...Object.fromEntries((Object.keys(CHOICE_FIELDS) as ChoiceField[]).map((k) => [k, choice(k)])),
  ...Object.fromEntries(FLAG_FIELDS.map((k) => [k, flag(k)])),
  operators,
} as Record<ConfigField, FieldCodec<unknown>>;

/** The config's fields in the defaults' order, so links always list them the same way. */
const FIELDS = Object.keys(DEFAULT_CONFIG) as ConfigField[];

/** The query string (without `?`) for a state: only what differs from the defaults, after the link's version. */
export function writeLink(state: LinkState): string {
  const settings = FIELDS.filter((key) => state.config[key] !== DEFAULT_CONFIG[key]).map((key) => [key, CODECS[key].write(state.config[key])]);
  const params = [
    ...(settings.length > 0 ? [[VERSION_KEY, String(LINK_VERSION)], ...settings] : []),
    ...(state.experiments ? [[VIEW_KEY, ACT3]] : []),
    ...(state.experiment ? [[EXPERIMENT_KEY, state.experiment]] : []),
    ...(state.classroom ? [[CLASSROOM_KEY, '1']] : []),
  ];
  return params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

/**
 * Reads a query string (with or without `?`) into a valid state. A setting
 * left out takes the default of the link's version (a link with settings and
 * no version is from before versions: 1). Unknown keys are ignored; a bad
 * value, or one the other settings rule out, falls back to its default with a
 * notice that names the field and why. Never throws, whatever the text.
 */
export function readLink(search: string): { state: LinkState; notices: string[] } {
  const params = readQuery(search);
  const notices: string[] = [];
  const version = linkVersion(params.get(VERSION_KEY), FIELDS.some((key) => params.get(key) !== null), notices);
  const defaults = linkDefaults(version);
  const config: Record<string, unknown> = { ...defaults };
  const given = new Map<ConfigField, string>();
  for (const key of FIELDS) {
    const text = params.get(key);
    if (text === null) continue;
    const value = CODECS[key].read(text.trim());
    if (isError(value)) notices.push(notice(key, text, value.error, defaults));
    else {
      config[key] = value;
      given.set(key, text);
    }
  }
  // Settings that break a range or rule one another out go back to their defaults, round by round.
  for (;;) {
    const errors = Object.entries(validateConfig(config as unknown as Config)) as [ConfigField, string][];
    const reset = errors.filter(([key]) => config[key] !== defaults[key]);
    if (errors.length === 0) break;
    if (reset.length === 0) {
      // Only defaults are named, so the conflict lies in the fields they depend on: drop them all.
      notices.push(`The link's settings do not fit together (${errors.map(([, why]) => why).join('; ')}). Using the defaults.`);
      Object.assign(config, defaults);
      break;
    }
    for (const [key, why] of reset) {
      notices.push(notice(key, given.get(key) ?? CODECS[key].write(config[key]), why, defaults));
      config[key] = defaults[key];
    }
  }
  const id = params.get(EXPERIMENT_KEY) ?? undefined;
  const experiment = id && experimentById(id) ? id : undefined;
  if (id && !experiment) notices.push(`The link's experiment '${id}' is not one of Carry's questions; none is open.`);
  const view = params.get(VIEW_KEY);
  return {
    state: {
      config: config as unknown as Config,
      experiments: view === ACT3 || (view === null && experiment !== undefined),
      experiment,
      classroom: readFlag(params.get(CLASSROOM_KEY) ?? '') === true,
    },
    notices,
  };
}

/**
 * The key–value pairs of a query string; the first of a repeated key wins. A
 * `+` is kept as a plus (links carry operators), and text that cannot be
 * decoded is kept as typed.
 */
function readQuery(search: string): { get: (key: string) => string | null } {
  const pairs = new Map<string, string>();
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    const [key, value] = at < 0 ? [part, ''] : [part.slice(0, at), part.slice(at + 1)];
    const k = decode(key);
    if (!pairs.has(k)) pairs.set(k, decode(value));
  }
  return { get: (key) => pairs.get(key) ?? null };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isError(value: unknown): value is { error: string } {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/**
 * The version a link was written in: its `v`, or, without one, 1 when it
 * has settings (written before versions) and today's when it has none (the
 * app's own address). One this Carry cannot read is read as today's, with a notice.
 */
function linkVersion(text: string | null, hasSettings: boolean, notices: string[]): number {
  if (text === null) return hasSettings ? 1 : LINK_VERSION;
  const v = Number(text);
  if (Number.isInteger(v) && v >= 1 && v <= LINK_VERSION) return v;
  notices.push(`v=${text} in the link: this Carry reads link versions 1 to ${LINK_VERSION}. Settings left out of the link take today's defaults.`);
  return LINK_VERSION;
}

function notice(key: ConfigField, text: string, why: string, defaults: Config): string {
  const fallback = defaults[key];
  const shown = typeof fallback === 'boolean' ? (fallback ? 'on' : 'off') : String(fallback);
  return `${FIELD_LABELS[key]}=${text} in the link: ${why}. Using the default, ${shown}.`;
}

/** What a config changes from the defaults, in the lesson's words (e.g. `largest 10 · epochs 2`), or `defaults`. */
export function differences(config: Config, base: Config = DEFAULT_CONFIG): string {
  const changed = FIELDS.filter((key) => config[key] !== base[key]).map((key) => {
    const value = config[key];
    return typeof value === 'boolean' ? `${FIELD_LABELS[key]} ${value ? 'on' : 'off'}` : `${FIELD_LABELS[key]} ${value}`;
  });
  return changed.length ? changed.join(' · ') : 'defaults';
}
