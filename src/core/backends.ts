import * as v from 'valibot';
import { BACKENDS, type BackendChoice, type Config } from './config';
import { shapeOf } from './estimate';
import { grouped } from './format';

/**
 * Where tfjs runs, as the page talks about it: which backends there are,
 * how many wasm threads to ask for, and how `auto` picks one from measured
 * training speeds. The measuring itself needs tfjs, so it lives in `model/`.
 */

/** Backends a run can be on. */
export type BackendName = Exclude<BackendChoice, 'auto'>;

/**
 * What `auto` measures, in this order; cpu (plain JavaScript) is only a fallback.
 * WebGL last: a software renderer builds its shaders at their first draw, for a
 * second or more, and whatever asks the GPU process anything meanwhile waits
 * (WebGPU's adapter request waited 0.3–0.7 s behind them); WebGPU first, so one
 * that is not there is known at once and leaves the budget to the others.
 */
export const MEASURED_BACKENDS: readonly BackendName[] = ['webgpu', 'wasm', 'webgl'];

/** About how long measuring every backend may take at a first Train (ms), first steps (kernels compiling) included. */
export const MEASURE_BUDGET_MS = 1000;

/**
 * Threads to ask the threaded wasm build for: every logical core but one,
 * which stays with the page (charts, typing), and at least one.
 */
export function wasmThreadsFor(cores: number | undefined): number {
  if (cores === undefined || !Number.isFinite(cores)) return 1;
  return Math.max(1, Math.floor(cores) - 1);
}

/** One backend's training speed on one model shape, as measured on this device. */
export interface BackendSpeed {
  backend: BackendName;
  /** Training examples per second; null when the backend could not start here. */
  examplesPerSecond: number | null;
  /** Why it has no figure, or what was odd about it (e.g. a slow first step). */
  note?: string;
  /** Its first step was not done within its share of the budget (kernels still compiling): measured again at the next Train. */
  pending?: boolean;
}

/** The note of a backend whose first step outlasted its share of the budget. */
export const PENDING_NOTE = 'still compiling its kernels: measured again at the next Train';

/** Whether speeds kept from before can choose a backend: one has a figure, and none was left to measure later. */
export function speedsSettled(speeds: readonly BackendSpeed[] | undefined): boolean {
  return !!speeds?.some((s) => (s.examplesPerSecond ?? 0) > 0) && !speeds.some((s) => s.pending);
}

/** Bumped when a change to Carry makes a backend train faster or slower: speeds kept before are measured again. */
const SPEED_VERSION = 2;

/**
 * The key measured speeds are kept under: Carry's speed version, the wasm
 * threads asked for (`wasmThreadsFor` this device's cores), the model kind,
 * batch size and every size that sets the model's shape. Two configs with one
 * key train at the same speed on a device; the learning rate, seed or epochs
 * do not matter.
 */
export function speedKey(c: Config, threads: number): string {
  const s = shapeOf(c);
  return [`v${SPEED_VERSION}`, `t${threads}`, c.model, c.batchSize, s.inWidth, s.outWidth, s.symbols, s.encoderUnits, s.decoderUnits, s.encoderLayers, s.decoderLayers, s.cell, s.encoding, s.embeddingSize, s.decoder].join(':');
}

/** `wasm 1 900 ex/s · webgl 600 ex/s · webgpu not available`: the figures as the page shows them. */
export function describeSpeeds(speeds: readonly BackendSpeed[]): string {
  return speeds.map((s) => (s.examplesPerSecond === null ? `${s.backend} ${s.note ?? 'not available'}` : `${s.backend} ${grouped(s.examplesPerSecond)} ex/s`)).join(' · ');
}

/** One kept figure, as `readSpeeds` accepts it. */
const SpeedSchema = v.object({
  backend: v.picklist(BACKENDS.filter((b): b is BackendName => b !== 'auto')),
  examplesPerSecond: v.nullable(v.pipe(v.number(), v.finite())),
  note: v.optional(v.string()),
  pending: v.optional(v.boolean()),
});

/** Reads speeds kept as JSON (e.g. in localStorage): anything malformed is dropped, never trusted. */
export function readSpeeds(text: string | null): Record<string, BackendSpeed[]> {
  const out: Record<string, BackendSpeed[]> = Object.create(null) as Record<string, BackendSpeed[]>;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '{}');
  } catch {
    return out;
  }
  const all = v.safeParse(v.record(v.string(), v.unknown()), parsed);
  if (!all.success) return out;
  for (const [key, value] of Object.entries(all.output)) {
    const items = v.safeParse(v.array(v.unknown()), value);
    if (!items.success) continue;
    const speeds = items.output.flatMap((item) => {
      const one = v.safeParse(SpeedSchema, item);
      return one.success ? [one.output] : [];
    });
    if (speeds.length > 0) out[key] = speeds;
  }
  return out;
}
