/**
 * Node globals that bc-ur (behind shared/ur/bcur-adapter.ts) and its CommonJS dependencies expect in
 * a browser bundle: `Buffer` and a minimal `process`. Imported once, first, by main.tsx (ARCHITECTURE 2.11).
 */
import { Buffer } from 'buffer';

const g = globalThis as unknown as { Buffer?: typeof Buffer; process?: unknown };
if (!g.Buffer) g.Buffer = Buffer;
if (!g.process) {
  g.process = { browser: true, version: '', env: {}, nextTick: (fn: (...a: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => fn(...args)) };
}
