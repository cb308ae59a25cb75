/**
 * QR decode worker: receives frames (transferred ImageBitmap or RGBA buffer), decodes the first
 * QR code it finds and posts the text back. Runs off the main thread so the UI stays responsive
 * while the camera streams 720p frames.
 *
 * Loaded by decoder-client.ts with Vite's `?worker&inline`, i.e. from a blob: URL, which the
 * station's CSP allows (`worker-src blob:`) and which keeps the station a single HTML file.
 * Knows nothing about UR: the assembler runs on the main thread.
 */
/// <reference lib="webworker" />
import { decodeQR } from 'qr/decode.js';
import jsQR from 'jsqr';
import type { DecoderName, FramePixels, FromWorker, ToWorker } from './worker-protocol';

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

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (msg.type === 'config') {
    decoder = msg.decoder;
    return;
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
  const out: FromWorker = { type: 'result', id: msg.id, text, ms: performance.now() - t0, width, height };
  self.postMessage(out);
};

self.postMessage({ type: 'ready' } satisfies FromWorker);
