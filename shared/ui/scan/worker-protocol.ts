/**
 * Messages between the main thread and the QR decode worker (scan.worker.ts).
 *
 * The worker only ever receives camera/file frames — never secrets (ARCHITECTURE 2.6) — and
 * answers with the decoded text (or nothing). Pixel buffers are *transferred*, not copied:
 * an ImageBitmap (camera, video file, photo) or a raw RGBA buffer (tests, canvas fallbacks).
 */

/** Which decoder the worker runs. `qr` (paulmillr) is the default; `jsqr` is the reference. */
export type DecoderName = 'qr' | 'jsqr';

export type FramePixels =
  | { kind: 'bitmap'; bitmap: ImageBitmap }
  | { kind: 'rgba'; data: ArrayBuffer; width: number; height: number };

export type ToWorker =
  | { type: 'config'; decoder: DecoderName }
  | { type: 'frame'; id: number; pixels: FramePixels };

export type FromWorker =
  | { type: 'ready' }
  /** `text` is absent when no QR code was found in the frame. `ms` is the worker-side decode time. */
  | { type: 'result'; id: number; text?: string; ms: number; width: number; height: number };

/** The objects to list as transferables when posting `msg`. */
export function transferablesOf(msg: ToWorker): Transferable[] {
  if (msg.type !== 'frame') return [];
  return msg.pixels.kind === 'bitmap' ? [msg.pixels.bitmap] : [msg.pixels.data];
}
