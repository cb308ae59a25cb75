/**
 * In-memory VaultStore (tests, CLI). `batch` stages all ops and commits them in one step, so it is
 * atomic. Values are copied in and out so callers cannot mutate stored bytes by accident.
 * Deliberately does NOT persist anything.
 */
import type { StoreOp, VaultStore } from './store';

/** VaultStore held in a Map (see the module comment). */
export class MemoryStore implements VaultStore {
  readonly data = new Map<string, Uint8Array>();

  async get(key: string): Promise<Uint8Array | undefined> {
    const v = this.data.get(key);
    return v ? v.slice() : undefined;
  }

  async list(prefix = ''): Promise<string[]> {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  async batch(ops: StoreOp[]): Promise<void> {
    const staged = new Map(this.data);
    for (const op of ops) {
      this.beforeOp(op);
      if (op.kind === 'put') staged.set(op.key, op.value.slice());
      else staged.delete(op.key);
    }
    this.data.clear();
    for (const [k, v] of staged) this.data.set(k, v);
  }

  /** Hook run before each staged op (tests override it to simulate a crash midway). */
  protected beforeOp(_op: StoreOp): void {}
}
