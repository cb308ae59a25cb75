/**
 * IndexedDB implementation of the vault store interface (shared/vault/store.ts). One object store
 * of key → bytes; `batch` runs in ONE readwrite transaction, which IndexedDB commits atomically
 * (all or nothing, also when the tab dies midway) — the vault's passphrase change relies on it.
 * Values are already encrypted envelopes; this file never sees plaintext.
 */
import { AppError } from '../../../shared/errors';
import type { StoreOp, VaultStore } from '../../../shared/vault/store';

const DB_VERSION = 1;
const STORE = 'records';

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((ok, fail) => {
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((ok, fail) => {
    tx.oncomplete = () => ok();
    tx.onerror = () => fail(tx.error ?? new Error('transaction error'));
    tx.onabort = () => fail(tx.error ?? new Error('transaction aborted'));
  });
}

export class IdbStore implements VaultStore {
  private constructor(private readonly db: IDBDatabase) {}

  /** Open (or create) the station's database. Throws AppError('internal') when IndexedDB is unusable. */
  static async open(name = 'airlock-station'): Promise<IdbStore> {
    try {
      const r = indexedDB.open(name, DB_VERSION);
      r.onupgradeneeded = () => {
        if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE);
      };
      return new IdbStore(await req(r));
    } catch (e) {
      throw new AppError('internal', undefined, { cause: e });
    }
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const tx = this.db.transaction(STORE, 'readonly');
    const v = (await req(tx.objectStore(STORE).get(key))) as unknown;
    if (v === undefined) return undefined;
    if (!(v instanceof Uint8Array)) throw new AppError('vault/corrupt');
    return v;
  }

  async list(prefix = ''): Promise<string[]> {
    const tx = this.db.transaction(STORE, 'readonly');
    const range = prefix === '' ? undefined : IDBKeyRange.bound(prefix, prefix + '\uffff');
    const keys = (await req(tx.objectStore(STORE).getAllKeys(range))) as IDBValidKey[];
    return keys.filter((k): k is string => typeof k === 'string' && k.startsWith(prefix)).sort();
  }

  async batch(ops: StoreOp[]): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite', { durability: 'strict' });
    const finished = done(tx);
    const s = tx.objectStore(STORE);
    try {
      for (const op of ops) {
        if (op.kind === 'put') s.put(op.value.slice(), op.key);
        else s.delete(op.key);
      }
    } catch (e) {
      tx.abort(); // nothing of this batch becomes visible
      await finished.catch(() => undefined);
      throw e;
    }
    await finished;
  }

  close(): void {
    this.db.close();
  }
}
