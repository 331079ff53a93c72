import type { StateCreator } from 'zustand';
import type { ModelKind } from '../core/config';
import { pretrainedFor } from '../core/pretrained';
import { readSavedModel, sizeError, writeSavedModel, type CurvePoint, type SavedModel } from '../core/savedModel';
import type { WorkerEvent } from '../worker/protocol';
import { isRunning } from './busy';
import { client } from './client';
import { configOf } from './configSlice';
import { storage, type StoredModel } from './storage';
import type { CarryState } from './store';
import { emptyRun } from './trainingSlice';
import type { EpochReport } from './types';

/** Where a model that was not trained on this page came from. */
export interface ModelSource {
  name: string;
  pretrained: boolean;
}

/** A saved model as the list shows it. */
export type SavedEntry = Omit<StoredModel, 'text'>;

/** Save, load, export and import models; the shipped pre-trained ones. */
export interface ModelsSlice {
  /** Each shipped file asked for, so it is fetched once. */
  pretrained: Record<string, 'loading' | 'ready' | 'failed'>;
  /** Each shipped file's text, fetched once per page (read only when used). */
  shippedTexts: Record<string, Promise<string>>;
  /** Models saved in this browser. */
  saved: SavedEntry[];
  /** The result of the last save, load, import or export. */
  modelNotice: { ok: boolean; text: string } | undefined;
  /** Puts a model in its act, as if just trained there: settings, curve and weights. False when a run of that act is going. */
  loadModel: (model: SavedModel, source: ModelSource) => boolean;
  /** With no model in the act on screen, fetches the shipped one for its questions. True when one answers (or will). */
  ensurePretrained: () => boolean;
  importModel: (text: string) => void;
  /** Refuses a file by its size before it is read, if it is too large; true when refused. */
  refuseLargeFile: (bytes: number) => boolean;
  /** The act's model as file text, named after `name`. */
  exportModel: (name?: string) => Promise<{ name: string; text: string } | undefined>;
  saveModel: (name: string) => Promise<void>;
  refreshSaved: () => Promise<void>;
  loadSaved: (name: string) => Promise<void>;
  renameSaved: (from: string, to: string) => Promise<void>;
  deleteSaved: (name: string) => Promise<void>;
  receiveModels: (event: Extract<WorkerEvent, { type: 'loaded' | 'snapshot' }>) => void;
  /** The worker was lost: snapshots asked of it will never come. */
  failSnapshots: (message: string) => void;
}

export const initialModelsState = () => ({ pretrained: {}, shippedTexts: {}, saved: [] as SavedEntry[], modelNotice: undefined });

/** Held-out scores per epoch, as a file keeps them. */
export const toCurve = (epochs: readonly EpochReport[]): CurvePoint[] =>
  epochs.map(({ epoch, examples, seconds, loss, exactMatch, perSymbolAccuracy, rmse }) => ({ epoch, examples, seconds, loss, exactMatch, perSymbolAccuracy, rmse }));

const fromCurve = (curve: readonly CurvePoint[]): EpochReport[] =>
  curve.map((p) => ({ ...p, examplesPerSecond: 0, heldOut: 0, table: [] }));

export const createModelsSlice: StateCreator<CarryState, [], [], ModelsSlice> = (set, get) => {
  let requestId = 0;
  const snapshots = new Map<number, (event: Extract<WorkerEvent, { type: 'snapshot' }>) => void>();
  const notice = (ok: boolean, text: string) => set({ modelNotice: { ok, text } });
  const patchRun = (kind: ModelKind, change: Partial<CarryState['runs'][ModelKind]>) =>
    set((s) => ({ runs: { ...s.runs, [kind]: { ...s.runs[kind], ...change } } }));

  /** The act's finished model, ready to be written out, or why not. */
  const snapshot = async (): Promise<SavedModel | string> => {
    const kind = get().draft.model;
    const run = get().runs[kind];
    if (!run.trainedConfig || run.status !== 'done') return isRunning(run.status) ? 'Wait for the run to end (or stop it), then save.' : 'Train or load a model first.';
    const id = ++requestId;
    const answer = await new Promise<Extract<WorkerEvent, { type: 'snapshot' }>>((resolve) => {
      snapshots.set(id, resolve);
      client().send({ type: 'snapshot', runId: run.runId, requestId: id, model: kind });
    });
    if (answer.error) return answer.error;
    return { name: run.source?.name ?? '', savedAt: new Date().toISOString(), pretrained: false, config: run.trainedConfig, curve: toCurve(run.epochs), weights: answer.weights, shapes: answer.shapes };
  };

  return {
    ...initialModelsState(),
    loadModel: (model, source) => {
      const kind = model.config.model;
      if (isRunning(get().runs[kind].status)) {
        notice(false, 'A run of this model is going: stop it first.');
        return false;
      }
      const runId = get().lastRunId + 1;
      const last = model.curve.at(-1);
      set({ lastRunId: runId });
      patchRun(kind, {
        ...emptyRun(),
        runId,
        status: 'done',
        trainedConfig: model.config,
        epochs: fromCurve(model.curve),
        source,
        summary: last && { reason: 'completed', seconds: last.seconds, examples: last.examples, epochs: last.epoch, exactMatch: last.exactMatch, perSymbolAccuracy: last.perSymbolAccuracy, rmse: last.rmse, loss: last.loss },
      });
      get().clearLab(kind);
      client().send({ type: 'load', runId, requestId: ++requestId, model });
      if (kind === get().draft.model) get().refreshAnswer();
      return true;
    },
    ensurePretrained: () => {
      const { config, errors } = configOf(get().draft);
      const run = get().runs[config.model];
      if (run.status !== 'idle' || Object.keys(errors).length > 0) return false;
      const shipped = pretrainedFor(config);
      if (!shipped) return false;
      const status = get().pretrained[shipped.file];
      if (status === 'failed') return false;
      if (status === 'loading') return true;
      const mark = (to: 'loading' | 'ready' | 'failed') => set((s) => ({ pretrained: { ...s.pretrained, [shipped.file]: to } }));
      mark('loading');
      // Fetched once per page; read (tens of ms) only when it is about to be used.
      const text = get().shippedTexts[shipped.file] ?? storage.shipped(shipped.file);
      set((s) => ({ shippedTexts: { ...s.shippedTexts, [shipped.file]: text } }));
      text
        .then((body) => {
          mark('ready');
          // Only into an act still without a model of its own (a run may have started meanwhile), for the questions still asked.
          if (get().runs[shipped.config.model].status !== 'idle') return;
          if (pretrainedFor(configOf(get().draft).config)?.file !== shipped.file) return;
          const read = readSavedModel(body);
          if (!read.ok) throw new Error(read.error);
          get().loadModel(read.model, { name: read.model.name, pretrained: true });
        })
        .catch(() => {
          set((s) => ({ shippedTexts: Object.fromEntries(Object.entries(s.shippedTexts).filter(([file]) => file !== shipped.file)) }));
          mark('failed');
          get().refreshAnswer();
        });
      return true;
    },
    refuseLargeFile: (bytes) => {
      const why = sizeError(bytes);
      if (why) notice(false, why);
      return why !== undefined;
    },
    importModel: (text) => {
      const read = readSavedModel(text);
      if (!read.ok) {
        notice(false, read.error);
        return;
      }
      // A file's own "pretrained" flag is not trusted: only the shipped files are marked so.
      if (!get().loadModel(read.model, { name: read.model.name, pretrained: false })) return;
      if (read.model.config.model !== get().draft.model) get().setAct(read.model.config.model);
      notice(true, `Loaded “${read.model.name}”.`);
    },
    exportModel: async (name) => {
      const model = await snapshot();
      if (typeof model === 'string') {
        notice(false, model);
        return undefined;
      }
      const named = { ...model, name: name || model.name || 'carry-model' };
      notice(true, `Exported “${named.name}”.`);
      return { name: named.name, text: writeSavedModel(named) };
    },
    saveModel: async (name) => {
      const trimmed = name.trim();
      if (!trimmed) {
        notice(false, 'Give the model a name first.');
        return;
      }
      const model = await snapshot();
      if (typeof model === 'string') {
        notice(false, model);
        return;
      }
      const named = { ...model, name: trimmed };
      try {
        await storage.write({ name: trimmed, savedAt: named.savedAt, config: named.config, exactMatch: named.curve.at(-1)?.exactMatch, text: writeSavedModel(named) });
        notice(true, `Saved “${trimmed}” in this browser.`);
      } catch (err) {
        notice(false, `Could not save in this browser: ${err instanceof Error ? err.message : String(err)}`);
      }
      await get().refreshSaved();
    },
    refreshSaved: async () => {
      try {
        const list = await storage.list();
        set({ saved: list.map(({ text: _text, ...entry }) => entry) });
      } catch {
        set({ saved: [] });
      }
    },
    loadSaved: async (name) => {
      const stored = await storage.read(name).catch(() => undefined);
      if (!stored) {
        notice(false, `“${name}” is no longer saved in this browser.`);
        return get().refreshSaved();
      }
      get().importModel(stored.text);
    },
    renameSaved: async (from, to) => {
      const name = to.trim();
      const stored = await storage.read(from).catch(() => undefined);
      if (!name || !stored || name === from) return;
      if (await storage.read(name).catch(() => undefined)) {
        notice(false, `A model named “${name}” is already saved.`);
        return;
      }
      const read = readSavedModel(stored.text);
      const text = read.ok ? writeSavedModel({ ...read.model, name }) : stored.text;
      await storage.write({ ...stored, name, text });
      await storage.remove(from);
      notice(true, `Renamed “${from}” to “${name}”.`);
      await get().refreshSaved();
    },
    deleteSaved: async (name) => {
      await storage.remove(name).catch(() => undefined);
      notice(true, `Deleted “${name}”.`);
      await get().refreshSaved();
    },
    failSnapshots: (message) => {
      for (const [id, settle] of snapshots) settle({ type: 'snapshot', runId: 0, requestId: id, model: get().draft.model, weights: [], shapes: [], error: message });
      snapshots.clear();
    },
    receiveModels: (event) => {
      if (event.type === 'snapshot') {
        snapshots.get(event.requestId)?.(event);
        snapshots.delete(event.requestId);
        return;
      }
      const run = get().runs[event.model];
      if (run.runId !== event.runId) return;
      if (event.error) patchRun(event.model, { status: 'error', trainedConfig: undefined, message: `The model could not be loaded: ${event.error}` });
      else patchRun(event.model, { parameters: event.parameters, table: event.table ?? [] });
      if (event.model === get().draft.model) get().refreshAnswer();
    },
  };
};
