/**
 * Pumps frames from a FrameSource through the decode worker into a callback, one frame in flight,
 * and records main-thread and worker time per frame. The stats are exposed as
 * `window.__airlockScanStats` (timings and counts only — nothing scanned) for the e2e tests and
 * the scan-UI benchmark.
 */
import type { DecoderClient } from './decoder-client';
import type { FrameSource } from './frame-source';

export interface ScanStats {
  frames: number;
  framesWithCode: number;
  /** Synchronous main-thread work per frame (grab + post + result handling), ms. Last 600 frames. */
  mainMs: number[];
  /** Worker decode time per frame, ms. Last 600 frames. */
  workerMs: number[];
  width: number;
  height: number;
}

const KEEP = 600;

export function newScanStats(): ScanStats {
  return { frames: 0, framesWithCode: 0, mainMs: [], workerMs: [], width: 0, height: 0 };
}

function pushCapped(a: number[], v: number): void {
  a.push(v);
  if (a.length > KEEP) a.shift();
}

/** Publish stats for tests and benchmarks (not secret: timings and counts only). */
export function exposeScanStats(stats: ScanStats): void {
  (globalThis as unknown as { __airlockScanStats?: ScanStats }).__airlockScanStats = stats;
}

export interface ScanLoop {
  stop(): void;
  readonly done: Promise<void>;
}

/**
 * Run until `stop()`, until `onText` returns true (scan finished), or until the source is exhausted.
 * `onText` runs on the main thread; its time is counted in `mainMs`.
 */
export function startScanLoop(
  source: FrameSource,
  decoder: DecoderClient,
  onText: (text: string) => boolean,
  stats: ScanStats,
): ScanLoop {
  let running = true;
  const done = (async () => {
    while (running) {
      const pixels = await source.next();
      if (!pixels || !running) break;
      let t = performance.now();
      const pending = decoder.decode(pixels);
      let main = performance.now() - t;
      const r = await pending;
      if (!running) break;
      t = performance.now();
      stats.frames++;
      pushCapped(stats.workerMs, r.ms);
      stats.width = r.width;
      stats.height = r.height;
      let finished = false;
      if (r.text !== undefined) {
        stats.framesWithCode++;
        finished = onText(r.text);
      }
      main += performance.now() - t;
      pushCapped(stats.mainMs, main);
      performance.mark?.('airlock-scan-frame', { detail: { mainMs: main } });
      if (finished) break;
    }
    running = false;
  })();
  return {
    stop() {
      running = false;
      source.stop();
    },
    done,
  };
}
