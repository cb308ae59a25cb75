/**
 * Node globals bc-ur's CommonJS dependencies expect, for the scan worker (the pages install the same
 * in station/src/platform/polyfills.ts and companion/src/polyfills.ts, which a worker does not run).
 * Imported FIRST by scan.worker.ts, before anything that reaches @ngraveio/bc-ur.
 */
import { Buffer } from 'buffer';

const g = globalThis as unknown as { Buffer?: typeof Buffer; process?: unknown };
if (!g.Buffer) g.Buffer = Buffer;
if (!g.process) {
  g.process = { browser: true, version: '', env: {}, nextTick: (fn: (...a: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => fn(...args)) };
}
