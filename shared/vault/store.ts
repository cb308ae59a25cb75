/**
 * Storage interface of the vault: an async key → bytes map with ATOMIC batches. The vault relies on
 * `batch` being all-or-nothing (passphrase change rewrites every record in one batch, so a crash
 * midway must leave the previous state). Implementations: IndexedDB (one readwrite transaction per
 * batch) in station/src/platform/, MemoryStore (memory-store.ts) for tests and the CLI.
 * Deliberately does NOT encrypt: values handed to the store are already vault envelopes.
 */

export type StoreOp = { kind: 'put'; key: string; value: Uint8Array } | { kind: 'delete'; key: string };

export interface VaultStore {
  /** Value of `key`, or undefined when absent. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** All keys starting with `prefix` (all keys when omitted), sorted. */
  list(prefix?: string): Promise<string[]>;
  /** Apply all ops atomically: either every op is visible afterwards or none is (also on throw). */
  batch(ops: StoreOp[]): Promise<void>;
}
