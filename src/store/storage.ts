import { createStore, del, get, set, values, type UseStore } from 'idb-keyval';
import { readSpeeds, type BackendSpeed } from '../core/backends';
import type { Config } from '../core/config';

/** A model saved in this browser: what the list shows, and the same text an exported file holds. */
export interface StoredModel {
  name: string;
  savedAt: string;
  config: Config;
  /** Held-out exact-match at its last epoch, if it has one. */
  exactMatch: number | undefined;
  /** The saved-model file text, validated like an imported file when loaded. */
  text: string;
}

let db: UseStore | undefined;
const store = () => (db ??= createStore('carry', 'models'));

/** Saved models in IndexedDB (through idb-keyval), keyed by name; and the models shipped with the app. */
export const storage = {
  list: async (): Promise<StoredModel[]> => (await values<StoredModel>(store())).sort((a, b) => a.name.localeCompare(b.name)),
  read: (name: string): Promise<StoredModel | undefined> => get<StoredModel>(name, store()),
  write: (model: StoredModel): Promise<void> => set(model.name, model, store()),
  remove: (name: string): Promise<void> => del(name, store()),
  /** A pre-trained model's file text, from this origin (`public/pretrained/`). */
  shipped: async (file: string): Promise<string> => {
    const response = await fetch(`pretrained/${file}`);
    if (!response.ok) throw new Error(`pretrained/${file}: HTTP ${response.status}`);
    return response.text();
  },
};

/** Where measured backend speeds are kept in this browser (per device, by model shape). */
const SPEEDS_KEY = 'carry:backend-speeds';

/** Backend speeds `auto` measured on this device, by model shape; localStorage, so they are there before the first Train. */
export const speedStorage = {
  read: (): Record<string, BackendSpeed[]> => {
    try {
      return readSpeeds(globalThis.localStorage?.getItem(SPEEDS_KEY) ?? null);
    } catch {
      return {};
    }
  },
  write: (all: Record<string, BackendSpeed[]>): void => {
    try {
      globalThis.localStorage?.setItem(SPEEDS_KEY, JSON.stringify(all));
    } catch {
      // Storage full or refused: the speeds are measured again next time.
    }
  },
};
