/**
 * Persistence of the companion's public state: watch-only accounts, settings and the last data fetched
 * per account (so an unreachable server still shows the cached balance). IndexedDB in the app; an
 * in-memory implementation for tests. Values are structured-cloned (bigint is fine). No secrets ever.
 */
import type { WatchAccountRecord } from './types';

export interface CompanionStore {
  listAccounts(): Promise<WatchAccountRecord[]>;
  putAccount(a: WatchAccountRecord): Promise<void>;
  deleteAccount(id: string): Promise<void>;
  getCache<T>(key: string): Promise<T | undefined>;
  putCache(key: string, value: unknown): Promise<void>;
}

const DB = 'airlock-companion';
const VERSION = 1;

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((ok, fail) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
}

/** IndexedDB store: object stores `accounts` (keyPath id) and `cache` (out-of-line keys). */
export async function openIdbStore(): Promise<CompanionStore> {
  const open = indexedDB.open(DB, VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains('accounts')) db.createObjectStore('accounts', { keyPath: 'id' });
    if (!db.objectStoreNames.contains('cache')) db.createObjectStore('cache');
  };
  const db = await req(open);
  const tx = (name: string, mode: IDBTransactionMode) => db.transaction(name, mode).objectStore(name);
  return {
    listAccounts: async () => (await req(tx('accounts', 'readonly').getAll())) as WatchAccountRecord[],
    putAccount: async (a) => void (await req(tx('accounts', 'readwrite').put(a))),
    deleteAccount: async (id) => {
      await req(tx('accounts', 'readwrite').delete(id));
      await req(tx('cache', 'readwrite').delete(`snapshot:${id}`));
    },
    getCache: async <T,>(key: string) => (await req(tx('cache', 'readonly').get(key))) as T | undefined,
    putCache: async (key, value) => void (await req(tx('cache', 'readwrite').put(value, key))),
  };
}

export function memoryStore(): CompanionStore {
  const accounts = new Map<string, WatchAccountRecord>();
  const cache = new Map<string, unknown>();
  return {
    listAccounts: async () => [...accounts.values()].map((a) => structuredClone(a)),
    putAccount: async (a) => void accounts.set(a.id, structuredClone(a)),
    deleteAccount: async (id) => {
      accounts.delete(id);
      cache.delete(`snapshot:${id}`);
    },
    getCache: async <T,>(key: string) => (cache.has(key) ? (structuredClone(cache.get(key)) as T) : undefined),
    putCache: async (key, value) => void cache.set(key, structuredClone(value)),
  };
}
