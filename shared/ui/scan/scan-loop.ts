/**
 * Pumps frames from a FrameSource through the decode worker into a callback, one frame in flight,
 * and records main-thread and worker time per frame. The stats are exposed as
 * `window.__airlockScanStats` (timings and counts only — nothing scanned) for the e2e tests and
 * the scan-UI benchmark.
 */
import type { DecodeResult, DecoderClient } from './decoder-client';
import type { FrameSource } from './frame-source';

export interface ScanStats {
  frames: number;
  framesWithCode: number;
  /**
   * Main-thread work per frame, ms (last 600 frames): posting the frame, handling the worker's
   * answer and the UI render it triggers (Preact renders in a microtask, awaited before the clock stops).
   */
  mainMs: number[];
  /** Worker time in the scan session (assembler + fountain decoder) per frame with a code, ms. */
  assembleMs: number[];
  /** Worker decode time per frame, ms. Last 600 frames. */
  workerMs: number[];
  width: number;
  height: number;
}

const KEEP = 600;

/** Empty scan statistics (counters zero, no timings). */
export function newScanStats(): ScanStats {
  return { frames: 0, framesWithCode: 0, mainMs: [], workerMs: [], assembleMs: [], width: 0, height: 0 };
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
 * Run until `stop()`, until `onResult` returns true (scan finished), or until the source is exhausted.
 * `onResult` gets every answer that carries a decoded text or a session update, on the main thread;
 * its time (and the render it schedules) is counted in `mainMs`.
 */
export function startScanLoop(
  source: FrameSource,
  decoder: DecoderClient,
  onResult: (r: DecodeResult) => boolean,
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
      if (r.text !== undefined || r.scan) {
        stats.framesWithCode++;
        if (r.scan) pushCapped(stats.assembleMs, r.scan.assembleMs);
        finished = onResult(r);
        // Preact renders queued state in a microtask queued before this one: let it run, then stop the clock.
        await Promise.resolve();
        main += performance.now() - t;
      } else {
        main += performance.now() - t;
      }
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
