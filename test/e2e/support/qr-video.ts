/**
 * Fake-webcam videos for the e2e tests: QR texts (UR parts from our own animator) drawn dark on
 * white, centred in grey frames, written as a Y4M (yuv420p) file that Chromium plays through
 * `--use-file-for-fake-video-capture`. Deterministic (no randomness) and small: grey-only frames
 * (U = V = 128), 640×480 by default, each QR held for `repeat` video frames so the capture
 * pipeline never shows a half-replaced code. Chromium loops the file, so one cycle of the pure
 * fragments is enough; a part missed on the first loop comes round again.
 */
import { openSync, writeSync, closeSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderQrMatrix, type QrMatrix } from '../../../shared/qr/render';
import { createAnimator } from '../../../shared/ur/animator';

export interface VideoOptions {
  width?: number;
  height?: number;
  fps?: number;
  /** video frames per QR code (≥ 2) */
  repeat?: number;
}

/** Luma plane of one frame: the QR (4-module quiet zone, integer scale) centred on mid grey. */
export function lumaFrame(m: QrMatrix, width: number, height: number): Uint8Array {
  const y = new Uint8Array(width * height).fill(128);
  const side = m.size + 8;
  const scale = Math.max(1, Math.floor((Math.min(width, height) * 0.92) / side));
  const px = side * scale;
  const x0 = Math.floor((width - px) / 2);
  const y0 = Math.floor((height - px) / 2);
  for (let r = 0; r < px; r++) {
    const my = Math.floor(r / scale) - 4;
    const row = (y0 + r) * width + x0;
    for (let c = 0; c < px; c++) {
      const mx = Math.floor(c / scale) - 4;
      const dark = my >= 0 && mx >= 0 && my < m.size && mx < m.size && m.modules[my * m.size + mx] === 1;
      y[row + c] = dark ? 16 : 235; // video-range black/white
    }
  }
  return y;
}

/** Write QR `texts` as a Y4M video at `path`; returns the path. */
export function writeQrVideo(path: string, texts: readonly string[], opts: VideoOptions = {}): string {
  const width = opts.width ?? 640;
  const height = opts.height ?? 480;
  const fps = opts.fps ?? 10;
  const repeat = Math.max(2, opts.repeat ?? 2);
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
    const chroma = new Uint8Array((width / 2) * (height / 2) * 2).fill(128);
    for (const t of texts) {
      const luma = lumaFrame(renderQrMatrix(t), width, height);
      for (let i = 0; i < repeat; i++) {
        writeSync(fd, 'FRAME\n');
        writeSync(fd, luma);
        writeSync(fd, chroma);
      }
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

/** The first `count` animated frames (upper-case UR parts) for a message; count defaults to one cycle. */
export function urFrames(urType: string, cbor: Uint8Array, fragmentBytes: number, count?: number): string[] {
  const a = createAnimator(urType, cbor, { maxFragmentLength: fragmentBytes });
  return Array.from({ length: count ?? a.partCount }, () => a.nextFrame());
}
