import * as tf from '@tensorflow/tfjs';
import { MODELS, type BackendChoice, type Config, type ModelKind } from '../core/config';
import { writesSymbols } from '../core/kinds';
import { describeQuestions, problemSpec, sameQuestions, type ProblemSettings } from '../core/problem';
import { longerRefusal } from '../core/longer';
import { afterMap, freshMapBudget, liveMapDue, LIVE_MAP_SIDE, MAP_SIDE, type MapBudget } from '../core/errorMap';
import { createRng } from '../core/random';
import { MEASURE_BUDGET_MS, MEASURED_BACKENDS, describeSpeeds, speedKey, speedsSettled, type BackendName, type BackendSpeed } from '../core/backends';
import { measureBackends, requestWasmThreads, timeTraining, useBackend, wasmThreads } from '../model/backend';
import { ExperimentRun } from '../model/experiment';
import { Trainer, type BatchPoint, type Checkpoint, type EpochReport, type RunSummary } from '../model/train';
import {
  COMPARE_SIZE,
  HEARTBEAT_MS,
  MAP_INTERVAL_MS,
  PROGRESS_INTERVAL_MS,
  type ArmPoint,
  type ComparisonRow,
  type PredictionResult,
  type WorkerEvent,
  type WorkerRequest,
} from './protocol';

/** What the worker entry supplies: how to post, and what this environment knows about its backends. */
export interface HandlerOptions {
  post: (event: WorkerEvent) => void;
  /** Called with the wasm threads asked for, before wasm first starts (the browser entry lifts tfjs's cap there). */
  onThreads?: (threads: number) => void;
  /** Measures how fast a config trains on each backend this device offers; default: `measureBackends` on the real ones. */
  measure?: (config: Config) => Promise<BackendSpeed[]>;
  /** Error maps and held-out analysis ("see inside"); default on. The benchmark turns them off to measure their cost. */
  seeInside?: boolean;
  /** The share of a run's time its maps may take while training; default `MAP_BUDGET`. */
  mapBudget?: number;
}

/** Where a run goes when its backend fails mid-training. */
const FALLBACK: Record<BackendName, BackendName | undefined> = { webgpu: 'wasm', webgl: 'wasm', wasm: 'cpu', cpu: undefined };

/** What each explicit choice tries, in order. */
const ORDER: Record<BackendName, BackendName[]> = {
  wasm: ['wasm', 'cpu'],
  webgl: ['webgl', 'wasm', 'cpu'],
  webgpu: ['webgpu', 'wasm', 'cpu'],
  cpu: ['cpu'],
};

/** Times a config's training on every backend this device offers (those tfjs has registered), within MEASURE_BUDGET_MS or so. */
export function measureHere(config: Config): Promise<BackendSpeed[]> {
  const offered = MEASURED_BACKENDS.filter((name) => tf.findBackendFactory(name) !== null);
  return measureBackends(
    offered.map((name) => ({ name, start: () => useBackend(name), time: (budgetMs: number) => timeTraining(config, budgetMs) })),
    MEASURE_BUDGET_MS,
  );
}

/** The backend a run got, and how it was chosen. */
export interface BackendChoiceMade {
  active: BackendName;
  notes: string[];
  /** `auto`: the speeds it chose by, measured now or earlier on this device. */
  speeds?: BackendSpeed[];
  /** True when the speeds were measured for this request (not known from before). */
  measured?: boolean;
}

/**
 * Picks and starts a backend. An explicit choice is tried first, then what
 * follows it. `auto` with a config to train picks the fastest backend for
 * that model: from `known` speeds measured earlier on this device, or by
 * measuring now; without one (a model being loaded) it keeps the backend
 * that runs, else wasm. Returns the active backend and a note for each one
 * skipped.
 */
export async function chooseBackend(
  requested: BackendChoice,
  { config, known, measure = measureHere }: { config?: Config; known?: readonly BackendSpeed[]; measure?: (config: Config) => Promise<BackendSpeed[]> } = {},
): Promise<BackendChoiceMade> {
  const notes: string[] = [];
  let order: BackendName[];
  let speeds: BackendSpeed[] | undefined;
  let measured = false;
  if (requested !== 'auto') order = ORDER[requested];
  else if (!config) {
    const current = tf.getBackend() as BackendName | null;
    order = current ? [current, ...ORDER.wasm] : ORDER.wasm;
  } else {
    // Speeds from before count only if one backend had a figure and none was left to measure later; else measure (a device can change).
    measured = !speedsSettled(known);
    const t0 = performance.now();
    speeds = measured ? await measure(config) : [...known!];
    const ranked = speeds.filter((s) => s.examplesPerSecond !== null).sort((a, b) => b.examplesPerSecond! - a.examplesPerSecond!);
    order = [...ranked.map((s) => s.backend), ...ORDER.wasm];
    notes.push(measured ? `auto measured in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${describeSpeeds(speeds)}` : `auto measured earlier on this device: ${describeSpeeds(speeds)}`);
  }
  const tried = new Set<BackendName>();
  for (const name of order) {
    if (tried.has(name)) continue;
    tried.add(name);
    if (tf.getBackend() === name || (await useBackend(name))) return { active: name, notes, ...(speeds ? { speeds, measured } : {}) };
    notes.push(`${name} could not start on this device`);
  }
  throw new Error('No tfjs backend could start');
}

/** A trained (or training) model and the run it came from. */
interface Slot {
  trainer: Trainer;
  runId: number;
  epochs: number;
  examples: number;
  /** Its error maps so far (what they cost, when the last ended), and whether one is under way. */
  maps: MapBudget;
  mapping: boolean;
  /** The map under way, if any. */
  mapRun?: Promise<void>;
}

/** Requests that steer a run: answered at once, even while a load is pending. */
const STEERING = new Set<WorkerRequest['type']>(['init', 'load', 'stop', 'pause', 'resume', 'step']);

/** The share of a run's time its error maps may take (maps made while training are a quarter of a full one's cells). */
const MAP_BUDGET = 0.05;

/**
 * The worker's message handler: keeps the last model of each kind and
 * answers each request. Runs unchanged in Node, which is how it is tested.
 */
export function createHandler({ post: postOut, onThreads, measure, seeInside = true, mapBudget = MAP_BUDGET }: HandlerOptions): (request: WorkerRequest) => Promise<void> {
  /** The backend event of a run: what was chosen, how, and (on wasm) with how many threads. */
  const backendEvent = (runId: number, requested: BackendChoice, made: BackendChoiceMade, config?: Config, resumedFrom?: { epoch: number; examples: number }): WorkerEvent => ({
    type: 'backend',
    runId,
    requested,
    ...made,
    ...(made.speeds && config ? { speedKey: speedKey(config, threadsAsked) } : {}),
    ...(made.active === 'wasm' ? { threads: wasmThreads() ?? 1 } : {}),
    ...(resumedFrom ? { resumedFrom } : {}),
  });
  /** Heartbeats of the runs and experiments in flight, from their request until they end. */
  const beats = new Map<number, ReturnType<typeof setInterval>>();
  const beat = (runId: number) => {
    unbeat(runId);
    beats.set(runId, setInterval(() => postOut({ type: 'heartbeat', runId }), HEARTBEAT_MS));
  };
  const unbeat = (runId: number) => {
    clearInterval(beats.get(runId));
    beats.delete(runId);
  };
  /** Posts an event; one that ends a run also ends its heartbeat (a map may still follow `done`). */
  const post = (event: WorkerEvent) => {
    if (event.type === 'done' || event.type === 'experimentDone' || event.type === 'error') unbeat(event.runId);
    postOut(event);
  };
  const slots = new Map<ModelKind, Slot>();
  /** The wasm threads the page asked for (`init`), part of the key its measured speeds are kept under. */
  let threadsAsked = 1;
  /** Stops that arrived while their run was still starting (choosing a backend). */
  const pendingStops = new Set<number>();
  /** Settles once the last `load` has put its model in place. */
  let loading: Promise<void> = Promise.resolve();
  let loadsPending = 0;
  /** The experiment in flight, if any. */
  let experiment: { runId: number; run: ExperimentRun } | undefined;
  let points: BatchPoint[] = [];
  let epochs: EpochReport[] = [];
  let progressRunId = -1;
  let lastPost = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (points.length === 0 && epochs.length === 0) return;
    // Only the newest epoch keeps its table and digit confusion: older ones are superseded.
    const sent = epochs.map((e, i) => (i < epochs.length - 1 ? { ...e, table: [], ...(e.analysis ? { analysis: { ...e.analysis, confusion: [] } } : {}) } : e));
    post({ type: 'progress', runId: progressRunId, points, epochs: sent });
    points = [];
    epochs = [];
    lastPost = performance.now();
  };
  const schedule = () => {
    const wait = PROGRESS_INTERVAL_MS - (performance.now() - lastPost);
    if (wait <= 0) flush();
    else timer ??= setTimeout(flush, wait);
  };
  const byRun = (runId: number) => [...slots.values()].find((s) => s.runId === runId);
  const free = (kind: ModelKind) => {
    slots.get(kind)?.trainer.dispose();
    slots.delete(kind);
  };

  const predict = async (kind: ModelKind, text: string): Promise<PredictionResult> => {
    const slot = slots.get(kind);
    if (!slot) return { ok: false, error: 'Train a model first, then ask it a sum.' };
    const parsed = slot.trainer.spec.parse(text);
    if (!parsed.ok) return parsed;
    const [answer] = await slot.trainer.predict([parsed.expression]);
    const symbols = writesSymbols(kind);
    return {
      ok: true,
      model: kind,
      input: symbols ? parsed.input : parsed.expression.terms.join('+'),
      expected: symbols ? parsed.expected : String(parsed.expression.value),
      outsideRange: parsed.outsideRange,
      ...answer,
    };
  };

  /** Runs a test on the kind's model and sends its report, or why there is none (no model yet, or the test refused). */
  const labTest = async <R>(kind: ModelKind, test: (trainer: Trainer) => Promise<R>, send: (report: R | undefined, error?: string) => void) => {
    const slot = slots.get(kind);
    if (!slot) return send(undefined, 'Train this model first.');
    let report: R;
    try {
      report = await test(slot.trainer);
    } catch (err) {
      return send(undefined, message(err));
    }
    send(report);
  };

  const compare = async (problem: ProblemSettings) => {
    const expressions = problemSpec(problem).generate(createRng('compare'), COMPARE_SIZE);
    const rows: ComparisonRow[] = [];
    const skipped: { model: ModelKind; reason: string }[] = [];
    for (const model of MODELS) {
      const slot = slots.get(model);
      if (!slot) {
        skipped.push({ model, reason: 'not trained yet' });
        continue;
      }
      const c = slot.trainer.config;
      if (!sameQuestions(c, problem)) {
        skipped.push({ model, reason: `trained on other questions (${describeQuestions(c)})` });
        continue;
      }
      const scores = await slot.trainer.scoreOn(expressions);
      rows.push({ model, parameters: slot.trainer.task.parameters, epochs: slot.epochs, examples: slot.examples, ...scores });
    }
    return { rows, skipped };
  };

  /**
   * Trains on the best backend; if the backend fails mid-run (a lost WebGL
   * context, a wasm trap), says so and continues on the next backend from the
   * last checkpoint, keeping the curves.
   */
  const start = async (runId: number, request: Extract<WorkerRequest, { type: 'start' }>) => {
    flush();
    const kind = request.config.model;
    free(kind);
    const made = await chooseBackend(request.config.backend, { config: request.config, known: request.speeds, measure });
    post(backendEvent(runId, request.config.backend, made, request.config));
    let { active, notes } = made;
    let resume: Checkpoint | undefined = request.resume;
    for (;;) {
      const slot = makeSlot(runId, request.config, resume, (c) => (resume = c));
      slots.set(kind, slot);
      if (pendingStops.delete(runId)) slot.trainer.stop();
      post({ type: 'started', runId, parameters: slot.trainer.task.parameters });
      let summary: RunSummary;
      try {
        summary = await slot.trainer.run();
      } catch (err) {
        // Disposed or replaced while it failed: the run is over all the same.
        if (slots.get(kind) !== slot) return post({ type: 'error', runId, message: message(err) });
        free(kind);
        const next = FALLBACK[active];
        if (!next || !(await useBackend(next))) throw err;
        const why = err instanceof Error ? err.message : String(err);
        notes = [...notes, `${active} failed during training (${why}); continued on ${next} from ${resume ? `epoch ${resume.epoch}` : 'the start'}`];
        active = next;
        flush();
        const resumedFrom = { epoch: resume?.epoch ?? 0, examples: resume?.examples ?? 0 };
        post(backendEvent(runId, request.config.backend, { active, notes }, request.config, resumedFrom));
        continue;
      }
      // Replaced or disposed while finishing: its end is still told (the page drops it if it has moved on).
      if (slots.get(kind) !== slot) return post({ type: 'done', runId, summary });
      flush();
      post({ type: 'done', runId, summary });
      // The finished model's map, after any map still under way.
      await slot.mapRun;
      if (seeInside) await postMap(slot, summary.epochs);
      // A model trained with room for longer numbers is scored on them once, at the end (request 0).
      if (seeInside && !longerRefusal(slot.trainer.config) && slots.get(kind) === slot) {
        await labTest(kind, (t) => t.longerTest(), (report, error) => post({ type: 'longerScored', runId, requestId: 0, model: kind, report, ...(error ? { error } : {}) }));
      }
      return;
    }
  };

  /** Act 3: the arms one after the other, on the backend the first arm asks for; curves streamed a few times a second. */
  const runExperiment = async ({ runId, arms, maxSeconds, speeds }: Extract<WorkerRequest, { type: 'experiment' }>) => {
    flush();
    const requested = arms[0]?.config.backend ?? 'auto';
    post(backendEvent(runId, requested, await chooseBackend(requested, { config: arms[0]?.config, known: speeds, measure }), arms[0]?.config));
    let pending: { arm: number; points: ArmPoint[] } | undefined;
    let last = 0;
    const send = () => {
      if (pending?.points.length) post({ type: 'armProgress', runId, ...pending });
      pending = undefined;
      last = performance.now();
    };
    const run = new ExperimentRun(arms, {
      maxSeconds,
      onEpoch: (arm, e) => {
        if (pending && pending.arm !== arm) send();
        pending ??= { arm, points: [] };
        pending.points.push({ epoch: e.epoch, examples: e.examples, exactMatch: e.exactMatch, seconds: e.seconds });
        if (performance.now() - last >= PROGRESS_INTERVAL_MS) send();
      },
      onArmDone: (arm, result) => {
        send();
        post({ type: 'armDone', runId, arm, result });
      },
    });
    experiment = { runId, run };
    if (pendingStops.delete(runId)) run.stop();
    try {
      const results = await run.run();
      send();
      post({ type: 'experimentDone', runId, results, stopped: results.length < arms.length || results.some((r) => r.stopped) });
    } finally {
      if (experiment?.run === run) experiment = undefined;
    }
  };

  /**
   * A live map (made while training, a quarter of the cells) is due at most
   * once a second, and only while all the maps so far, with this one (at the
   * last map's cost a cell, or an estimate), stay within `mapBudget` of the
   * run's time: the default problem's live map of 2 500 sums costs about
   * 0.15 s here, so one comes every 3 s or so.
   */
  const mapDue = (slot: Slot) => {
    if (!seeInside || slot.mapping) return false;
    const { trainer } = slot;
    return liveMapDue(slot.maps, performance.now(), { cells: trainer.mapCells(LIVE_MAP_SIDE), estimateMs: trainer.mapEstimateMs(LIVE_MAP_SIDE), share: mapBudget, intervalMs: MAP_INTERVAL_MS });
  };

  /**
   * Computes and posts the slot's error map (two-term symbol problems only): a
   * live one while training, every cell once it ends; a map of a replaced model is dropped.
   */
  const postMap = (slot: Slot, epoch: number, live = false) => (slot.mapRun = computeMap(slot, epoch, live));
  const computeMap = async (slot: Slot, epoch: number, live: boolean) => {
    const start = performance.now();
    slot.mapping = true;
    try {
      const map = await slot.trainer.errorMap(epoch, { live });
      if (map && [...slots.values()].includes(slot)) post({ type: 'errorMap', runId: slot.runId, map });
    } catch {
      // The model was disposed while the map was computed: nothing to show.
    } finally {
      slot.mapping = false;
      slot.maps = afterMap(slot.maps, start, performance.now(), slot.trainer.mapCells(live ? LIVE_MAP_SIDE : MAP_SIDE));
    }
  };

  /** Puts a saved model in its kind's place (starting a backend first if none runs yet). */
  const load = async ({ runId, requestId, model: saved }: Extract<WorkerRequest, { type: 'load' }>) => {
    const kind = saved.config.model;
    try {
      // Saved weights load on any backend: never switch it under a run or an experiment.
      const busy = experiment !== undefined || [...slots.values()].some((s) => s.trainer.isRunning);
      if (!busy) await chooseBackend(saved.config.backend);
      const last = saved.curve.at(-1);
      const resume = { epoch: last?.epoch ?? 0, examples: last?.examples ?? 0, step: 0, seconds: last?.seconds ?? 0, weights: saved.weights };
      const trainer = new Trainer(saved.config, { resume });
      // Its answers to the held-out sums, so the table a run fills shows what this model does (a few tens of ms).
      const { table } = await trainer.evaluate().catch((err: unknown) => {
        trainer.dispose();
        throw err;
      });
      free(kind);
      const slot: Slot = { trainer, runId, epochs: resume.epoch, examples: resume.examples, maps: freshMapBudget(performance.now()), mapping: false };
      slots.set(kind, slot);
      post({ type: 'loaded', runId, requestId, model: kind, parameters: trainer.task.parameters, table });
      // Not awaited: requests after the load (a Train, a question) need not wait for its map.
      void postMap(slot, resume.epoch);
    } catch (err) {
      post({ type: 'loaded', runId, requestId, model: kind, parameters: 0, error: message(err) });
    }
  };

  const makeSlot = (runId: number, config: Config, resume: Checkpoint | undefined, keep: (c: Checkpoint) => void): Slot => {
    const slot: Slot = { runId, epochs: 0, examples: 0, maps: freshMapBudget(performance.now()), mapping: false, trainer: undefined as unknown as Trainer };
    slot.trainer = new Trainer(config, {
      onBatch: (p) => {
        progressRunId = runId;
        points.push(...p);
        schedule();
      },
      onEpoch: (e) => {
        progressRunId = runId;
        slot.epochs = e.epoch;
        slot.examples = e.examples;
        epochs.push(e);
        schedule();
        if (mapDue(slot)) void postMap(slot, e.epoch, true);
      },
      onCheckpoint: (checkpoint) => {
        keep(checkpoint);
        post({ type: 'checkpoint', runId, checkpoint });
      },
      resume,
      analyse: seeInside,
      // Paused only once the loop holds: everything before it is sent first.
      onPaused: () => {
        flush();
        post({ type: 'paused', runId });
      },
    });
    return slot;
  };

  return async (request) => {
    const { runId } = request;
    // A run beats from the moment it is asked for, while it waits for a load too.
    if (request.type === 'start' || request.type === 'experiment') beat(runId);
    // Requests wait for the loads before them, except those that steer a run (a stop must be answered at once).
    if (loadsPending > 0 && !STEERING.has(request.type)) await loading;
    try {
      switch (request.type) {
        case 'init':
          // Read by tfjs once, when wasm first starts: the client sends this first.
          onThreads?.(request.wasmThreads);
          requestWasmThreads(request.wasmThreads);
          threadsAsked = request.wasmThreads;
          return;
        case 'start':
          await start(runId, request);
          return;
        case 'pause':
          byRun(runId)?.trainer.pause();
          return;
        case 'resume': {
          const slot = byRun(runId);
          if (slot) {
            slot.trainer.resume();
            post({ type: 'resumed', runId });
          }
          return;
        }
        case 'step':
          byRun(runId)?.trainer.step(request.epoch);
          return;
        case 'experiment':
          await runExperiment(request);
          return;
        case 'stop': {
          const slot = byRun(runId);
          if (experiment?.runId === runId) experiment.run.stop();
          else if (slot) slot.trainer.stop();
          else pendingStops.add(runId); // still choosing a backend: stop as soon as it exists
          post({ type: 'stopping', runId });
          return;
        }
        case 'predict': {
          const result = await predict(request.model, request.text).catch((err: unknown): PredictionResult => ({ ok: false, error: message(err) }));
          post({ type: 'prediction', runId, requestId: request.requestId, result });
          return;
        }
        case 'shuffle': {
          const { requestId, model } = request;
          await labTest(model, (t) => t.shuffleTest(), (report, error) => post({ type: 'shuffled', runId, requestId, model, report, ...(error ? { error } : {}) }));
          return;
        }
        case 'stress': {
          const { requestId, model } = request;
          await labTest(model, (t) => t.stressTest(), (report, error) => post({ type: 'stressed', runId, requestId, model, report, ...(error ? { error } : {}) }));
          return;
        }
        case 'longer': {
          const { requestId, model } = request;
          await labTest(model, (t) => t.longerTest(), (report, error) => post({ type: 'longerScored', runId, requestId, model, report, ...(error ? { error } : {}) }));
          return;
        }
        case 'compare': {
          const { requestId, problem } = request;
          try {
            post({ type: 'comparison', runId, requestId, problem, heldOut: COMPARE_SIZE, ...(await compare(problem)) });
          } catch (err) {
            post({ type: 'comparison', runId, requestId, problem, heldOut: 0, rows: [], skipped: [], error: message(err) });
          }
          return;
        }
        case 'load': {
          // One load at a time, in order; every later request waits for the loads before it.
          loadsPending++;
          const work = loading.then(() => load(request)).finally(() => loadsPending--);
          loading = work;
          await work;
          return;
        }
        case 'snapshot': {
          const { requestId, model } = request;
          const slot = slots.get(model);
          const failed = (error: string) => post({ type: 'snapshot', runId, requestId, model, weights: [], shapes: [], error });
          if (!slot) failed('Train this model first.');
          else await slot.trainer.weights().then((w) => post({ type: 'snapshot', runId, requestId, model, ...w }), (err: unknown) => failed(message(err)));
          return;
        }
        case 'dispose':
          flush();
          for (const kind of request.model ? [request.model] : MODELS) free(kind);
          return;
        default: {
          const unknown: never = request;
          throw new Error(`Unknown request ${JSON.stringify(unknown)}`);
        }
      }
    } catch (err) {
      post({ type: 'error', runId, message: message(err) });
    } finally {
      if (request.type === 'start' || request.type === 'experiment') unbeat(runId);
    }
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
