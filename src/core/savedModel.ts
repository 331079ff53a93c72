import * as v from 'valibot';
import { DEFAULT_CONFIG, FIELD_LABELS, validateConfig, type Config } from './config';
import { KINDS } from './kinds';
import { PLAIN_RECIPE } from './schedule';

/**
 * A trained model as one file: its settings, where training got to, its
 * held-out curve and its weights. The same format serves export and import,
 * the browser's saved models and the pre-trained models in `public/`.
 * Weights are little-endian float32, base64, one entry per trainable
 * variable in the model's own order.
 */
export const SAVED_MODEL_FORMAT = 'carry-model';
export const SAVED_MODEL_VERSION = 1;
/** Larger files are refused before they are read: the largest model the settings allow is far smaller. */
export const MAX_SAVED_MODEL_CHARS = 20 * 2 ** 20;

/** One held-out score per epoch, enough to redraw the curves. */
export interface CurvePoint {
  epoch: number;
  examples: number;
  seconds: number;
  loss: number;
  exactMatch: number;
  perSymbolAccuracy: number | null;
  rmse: number;
}

/** What a saved model says about itself (everything but the weights). */
export interface SavedModelInfo {
  name: string;
  savedAt: string;
  /** Shipped with Carry (`npm run make-pretrained`), rather than trained by the learner. */
  pretrained: boolean;
  config: Config;
  curve: CurvePoint[];
}

/** A saved model, its weights read. */
export interface SavedModel extends SavedModelInfo {
  /** One array per trainable variable, in the model's variable order. */
  weights: Float32Array[];
  /** Each variable's shape. */
  shapes: number[][];
}

const count = v.pipe(v.number(), v.finite(), v.minValue(0));
// Curves may hold NaN losses (a diverged epoch); JSON writes them as null.
const score = v.nullable(v.number());

const FileSchema = v.object({
  format: v.literal(SAVED_MODEL_FORMAT),
  version: v.number(),
  name: v.pipe(v.string(), v.maxLength(200)),
  savedAt: v.string(),
  pretrained: v.optional(v.boolean(), false),
  config: v.record(v.string(), v.unknown()),
  curve: v.pipe(
    v.array(v.object({ epoch: count, examples: count, seconds: count, loss: score, exactMatch: score, perSymbolAccuracy: score, rmse: score })),
    v.maxLength(100_000),
  ),
  weights: v.pipe(
    v.array(v.object({ shape: v.array(v.pipe(v.number(), v.integer(), v.minValue(1))), data: v.string() })),
    v.maxLength(64),
  ),
});

/** Why a file of this many characters (a model file is ASCII: bytes) is refused unread, if it is. */
export function sizeError(chars: number): string | undefined {
  if (chars <= MAX_SAVED_MODEL_CHARS) return undefined;
  return `This file is ${Math.round(chars / 2 ** 20)} MB; a Carry model file is at most ${MAX_SAVED_MODEL_CHARS / 2 ** 20} MB.`;
}

/** The model as file text. */
export function writeSavedModel(model: SavedModel): string {
  const { weights, shapes, curve, ...info } = model;
  return JSON.stringify({
    format: SAVED_MODEL_FORMAT,
    version: SAVED_MODEL_VERSION,
    ...info,
    curve,
    weights: weights.map((w, i) => ({ shape: shapes[i], data: toBase64(w) })),
  });
}

/**
 * Reads file text (or a stored record's text) back into a model, checking
 * everything before anything is used: format, version, settings, that the
 * weights are whole float32 arrays of the sizes their shapes say, that there
 * are exactly as many as the settings' model has, and that none is NaN or
 * infinite. A wrong, truncated or hostile file gets a message, never a throw.
 */
export function readSavedModel(text: string): { ok: true; model: SavedModel } | { ok: false; error: string } {
  const tooLarge = sizeError(text.length);
  if (tooLarge) return { ok: false, error: tooLarge };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This is not a Carry model file: it is not JSON (or it was cut short).' };
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== SAVED_MODEL_FORMAT) {
    return { ok: false, error: 'This is not a Carry model file (it has no "format": "carry-model").' };
  }
  const version = (json as { version?: unknown }).version;
  if (version !== SAVED_MODEL_VERSION) {
    return { ok: false, error: `This model file is version ${String(version)}; this Carry reads version ${SAVED_MODEL_VERSION}.` };
  }
  const parsed = v.safeParse(FileSchema, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = v.getDotPath(issue) ?? 'the file';
    return { ok: false, error: `This model file is damaged: ${where}: ${issue.message}.` };
  }
  const file = parsed.output;
  // Settings added after the file was written take their defaults; unknown ones are dropped. A recipe
  // setting missing from the file was not there when it trained: it takes its "off" value, which is how it trained.
  const missing = (k: string) => (k in PLAIN_RECIPE ? PLAIN_RECIPE[k as keyof typeof PLAIN_RECIPE] : DEFAULT_CONFIG[k as keyof Config]);
  const config = Object.fromEntries(Object.keys(DEFAULT_CONFIG).map((k) => [k, k in file.config ? file.config[k] : missing(k)])) as unknown as Config;
  const errors = Object.entries(validateConfig(config));
  if (errors.length > 0) {
    const [field, why] = errors[0];
    return { ok: false, error: `This model file's settings are not valid (${FIELD_LABELS[field as keyof Config]}): ${why}.` };
  }
  const weights: Float32Array[] = [];
  for (const [i, w] of file.weights.entries()) {
    const size = w.shape.reduce((a, b) => a * b, 1);
    const values = fromBase64(w.data);
    if (!values || values.length !== size) {
      return { ok: false, error: `This model file is damaged: weights ${i + 1} should hold ${size} numbers (shape ${w.shape.join('×')}).` };
    }
    if (!values.every(Number.isFinite)) return { ok: false, error: `This model file's weights ${i + 1} hold NaN or infinite numbers.` };
    weights.push(values);
  }
  const expected = KINDS[config.model].parameters(config);
  const total = weights.reduce((n, w) => n + w.length, 0);
  if (total !== expected) {
    return { ok: false, error: `This model file's weights (${total} numbers) do not fit its settings, whose model has ${expected}.` };
  }
  const curve = file.curve.map((p) => ({ ...p, loss: p.loss ?? Number.NaN, exactMatch: p.exactMatch ?? 0, rmse: p.rmse ?? Number.NaN }));
  return { ok: true, model: { name: file.name, savedAt: file.savedAt, pretrained: file.pretrained, config, curve, weights, shapes: file.weights.map((w) => w.shape) } };
}

// Base64 of float32 data. `atob`/`btoa` exist in browsers, workers and Node (this layer has no DOM types).
declare const atob: (data: string) => string;
declare const btoa: (data: string) => string;

function toBase64(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function fromBase64(data: string): Float32Array | undefined {
  let text: string;
  try {
    text = atob(data);
  } catch {
    return undefined;
  }
  if (text.length % 4 !== 0) return undefined;
  const values = new Float32Array(text.length / 4);
  const bytes = new Uint8Array(values.buffer);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return values;
}
