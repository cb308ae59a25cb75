/**
 * Messages between the main thread and the scan worker (scan.worker.ts).
 *
 * The worker only ever receives camera/file frames and scanned/pasted texts — never secrets
 * (ARCHITECTURE 2.6). Pixel buffers are *transferred*, not copied: an ImageBitmap (camera, video
 * file, photo) or a raw RGBA buffer (tests, canvas fallbacks).
 *
 * Two modes: without a session the worker just answers each frame with the decoded text; once the
 * main thread sent `session`, the worker also runs the scan session (UR/BBQr assembler, fountain
 * decoder) and answers with a `ScanUpdate` (view + counters, the payload and its SHA-256 when done),
 * so the main thread only renders.
 */
import type { AcceptPolicy, ScanCounters, ScanView } from './scan-session';

/** Which decoder the worker runs. `qr` (paulmillr) is the default; `jsqr` is the reference. */
export type DecoderName = 'qr' | 'jsqr';

export type FramePixels =
  | { kind: 'bitmap'; bitmap: ImageBitmap }
  | { kind: 'rgba'; data: ArrayBuffer; width: number; height: number };

/** The scan session's state after a frame or text, as the worker reports it. */
export interface ScanUpdate {
  view: ScanView;
  counters: ScanCounters;
  /** SHA-256 (hex) of the payload bytes once `view.phase === 'done'`. */
  sha256?: string;
  /** Worker time spent in the session (assembler + fountain decoder) for this message, ms. */
  assembleMs: number;
}

export type ToWorker =
  | { type: 'config'; decoder: DecoderName }
  /** Start (or replace) the scan session: decoded texts are assembled in the worker from now on. */
  | { type: 'session'; accept: AcceptPolicy; maxBytes: number }
  | { type: 'restart'; id: number }
  /** Texts typed/pasted by the user (one UR part per entry), assembled like scanned ones. */
  | { type: 'texts'; id: number; texts: string[] }
  | { type: 'frame'; id: number; pixels: FramePixels };

export type FromWorker =
  | { type: 'ready' }
  /**
   * Answer to `frame`: `text` is the decoded QR text when no session runs (absent when no code was
   * found); `scan` is the session update when one runs and a code was found. `ms` is the decode time.
   */
  | { type: 'result'; id: number; text?: string; scan?: ScanUpdate; ms: number; width: number; height: number }
  /** Answer to `texts` / `restart`. */
  | { type: 'scan'; id: number; scan: ScanUpdate };

/** The objects to list as transferables when posting `msg`. */
export function transferablesOf(msg: ToWorker): Transferable[] {
  if (msg.type !== 'frame') return [];
  return msg.pixels.kind === 'bitmap' ? [msg.pixels.bitmap] : [msg.pixels.data];
}
