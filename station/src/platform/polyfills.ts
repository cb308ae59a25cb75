/**
 * Node globals some browser-bundled libraries expect. Only `Buffer`, and only because
 * @ngraveio/bc-ur (behind shared/ur/bcur-adapter.ts) uses it (ARCHITECTURE 2.11).
 * Imported once, first, by main.tsx.
 */
import { Buffer } from 'buffer';

const g = globalThis as unknown as { Buffer?: typeof Buffer };
if (!g.Buffer) g.Buffer = Buffer;

// bc-ur's CommonJS dependencies (readable-stream via sha.js/cipher-base) read `process.browser`,
// `process.version` and call `process.nextTick` when they load; without this the station is a blank page.
const p = globalThis as unknown as { process?: unknown };
if (!p.process) {
  p.process = { browser: true, version: '', env: {}, nextTick: (fn: (...a: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => fn(...args)) };
}
