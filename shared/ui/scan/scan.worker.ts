/**
 * Scan worker: receives frames (transferred ImageBitmap or RGBA buffer), decodes the first QR code
 * it finds and — once the main thread started a session — feeds the text to the scan session
 * (UR/BBQr assembler + fountain decoder) right here, posting only the resulting ScanUpdate. QR
 * decoding and fountain assembly both stay off the main thread, which only renders the status.
 *
 * Loaded by decoder-client.ts with Vite's `?worker&inline`, i.e. from a blob: URL, which the
 * station's CSP allows (`worker-src blob:`) and which keeps the station a single HTML file.
 */
/// <reference lib="webworker" />
import './worker-polyfills';
import { decodeQR } from 'qr/decode.js';
import jsQR from 'jsqr';
import { createScanSession, payloadDigest, type AcceptPolicy, type ScanSession } from './scan-session';
import type { DecoderName, FramePixels, FromWorker, ScanUpdate, ToWorker } from './worker-protocol';

declare const self: DedicatedWorkerGlobalScope;

let decoder: DecoderName = 'qr';
let canvas: OffscreenCanvas | undefined;
let ctx: OffscreenCanvasRenderingContext2D | null = null;

/** RGBA pixels of a frame; bitmaps are drawn into a reused OffscreenCanvas here, off the main thread. */
function rgbaOf(p: FramePixels): { data: Uint8ClampedArray; width: number; height: number } {
  if (p.kind === 'rgba') return { data: new Uint8ClampedArray(p.data), width: p.width, height: p.height };
  const { width, height } = p.bitmap;
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    ctx = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!ctx) throw new Error('no 2d context');
  ctx.drawImage(p.bitmap, 0, 0);
  p.bitmap.close();
  return { data: ctx.getImageData(0, 0, width, height).data, width, height };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const latin1 = (b: ArrayLike<number>): string => String.fromCharCode(...Array.from(b));
/**
 * Byte-mode segments: UTF-8 text as before, but bytes that are not valid UTF-8 (binary payloads
 * such as CompactSeedQR entropy) pass through as Latin-1, one character per byte, instead of
 * being mangled into U+FFFD (station/src/flows/backup-seedqr/scanned-text.ts reverses this).
 */
const bytesToText = (b: Uint8Array): string => {
  try {
    return UTF8.decode(b);
  } catch {
    return latin1(b);
  }
};

function decode(img: { data: Uint8ClampedArray; width: number; height: number }): string | undefined {
  if (decoder === 'jsqr') {
    const r = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' });
    return r?.data || (r?.binaryData.length ? latin1(r.binaryData) : undefined);
  }
  try {
    return decodeQR(img, { textDecoder: bytesToText }) || undefined;
  } catch {
    return undefined; // no QR code in this frame: the normal case between codes
  }
}

let session: ScanSession | undefined;
let sessionAccept: AcceptPolicy | undefined;
let doneSha: string | undefined;

/** Push texts into the session (stops at done/failed) and describe the result. */
function assemble(texts: readonly string[]): ScanUpdate {
  const t0 = performance.now();
  const s = session!;
  for (const t of texts) {
    const v = s.push(t);
    if (v.phase === 'done' || v.phase === 'failed') break;
  }
  const view = s.view;
  if (view.phase === 'done' && doneSha === undefined) doneSha = payloadDigest(view, sessionAccept!);
  return { view, counters: { ...s.counters }, sha256: view.phase === 'done' ? doneSha : undefined, assembleMs: performance.now() - t0 };
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  switch (msg.type) {
    case 'config':
      decoder = msg.decoder;
      return;
    case 'session':
      session = createScanSession(msg.accept, msg.maxBytes);
      sessionAccept = msg.accept;
      doneSha = undefined;
      return;
    case 'restart':
    case 'texts': {
      if (!session) return;
      if (msg.type === 'restart') {
        session.restart();
        doneSha = undefined;
      }
      const scan = assemble(msg.type === 'texts' ? msg.texts : []);
      self.postMessage({ type: 'scan', id: msg.id, scan } satisfies FromWorker);
      return;
    }
    case 'frame':
      break;
  }
  const t0 = performance.now();
  let text: string | undefined;
  let width = 0;
  let height = 0;
  try {
    const img = rgbaOf(msg.pixels);
    width = img.width;
    height = img.height;
    text = decode(img);
  } catch {
    text = undefined;
  }
  const ms = performance.now() - t0;
  const out: FromWorker =
    session && text !== undefined
      ? { type: 'result', id: msg.id, scan: assemble([text]), ms, width, height }
      : { type: 'result', id: msg.id, text: session ? undefined : text, ms, width, height };
  self.postMessage(out);
};

self.postMessage({ type: 'ready' } satisfies FromWorker);
