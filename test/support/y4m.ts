/**
 * Y4M (YUV4MPEG2, 4:2:0 "C420") writer for Chromium's `--use-file-for-fake-video-capture`: each QR
 * frame (a module matrix or an RGBA image) is centred on a white canvas, scaled to the largest integer
 * module size that fits with a 4-module quiet zone, and repeated `repeat` video frames. Grayscale in Y,
 * U/V = 128. Deterministic and small enough for CI.
 */
import { writeFileSync } from 'node:fs';
import { fitScale, type QrMatrix, type RgbaImage } from '../../shared/qr/render';

export type Y4mFrame = Pick<QrMatrix, 'size' | 'modules'> | RgbaImage;
export interface Y4mOptions {
  width?: number;
  height?: number;
  fps?: number;
  /** video frames per QR frame (fps / repeat = QR frames per second) */
  repeat?: number;
  /** loops over the whole frame list */
  loops?: number;
}

/** Luma plane (width*height) of one QR frame. */
export function frameToLuma(f: Y4mFrame, width: number, height: number): Uint8Array {
  const y = new Uint8Array(width * height).fill(235);
  if ('modules' in f) {
    const scale = fitScale(f.size, Math.min(width, height));
    const side = f.size * scale;
    const x0 = Math.floor((width - side) / 2);
    const y0 = Math.floor((height - side) / 2);
    for (let r = 0; r < f.size; r++)
      for (let c = 0; c < f.size; c++) {
        if (!f.modules[r * f.size + c]) continue;
        for (let dy = 0; dy < scale; dy++) y.fill(16, (y0 + r * scale + dy) * width + x0 + c * scale, (y0 + r * scale + dy) * width + x0 + (c + 1) * scale);
      }
  } else {
    const x0 = Math.floor((width - f.width) / 2);
    const y0 = Math.floor((height - f.height) / 2);
    for (let r = 0; r < f.height; r++)
      for (let c = 0; c < f.width; c++) {
        const yy = y0 + r;
        const xx = x0 + c;
        if (yy < 0 || xx < 0 || yy >= height || xx >= width) continue;
        const o = (r * f.width + c) * 4;
        // BT.601 studio range
        y[yy * width + xx] = Math.round(16 + (219 * (0.299 * f.data[o] + 0.587 * f.data[o + 1] + 0.114 * f.data[o + 2])) / 255);
      }
  }
  return y;
}

/** Build the Y4M bytes. */
export function encodeY4m(frames: readonly Y4mFrame[], opts: Y4mOptions = {}): Uint8Array {
  const width = opts.width ?? 1280;
  const height = opts.height ?? 720;
  const fps = opts.fps ?? 30;
  const repeat = opts.repeat ?? 3;
  const loops = opts.loops ?? 1;
  const header = new TextEncoder().encode(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420\n`);
  const frameHeader = new TextEncoder().encode('FRAME\n');
  const chroma = new Uint8Array(2 * Math.ceil(width / 2) * Math.ceil(height / 2)).fill(128);
  const lumas = frames.map((f) => frameToLuma(f, width, height));
  const per = frameHeader.length + width * height + chroma.length;
  const out = new Uint8Array(header.length + per * lumas.length * repeat * loops);
  out.set(header, 0);
  let o = header.length;
  for (let l = 0; l < loops; l++)
    for (const y of lumas)
      for (let k = 0; k < repeat; k++) {
        out.set(frameHeader, o);
        out.set(y, o + frameHeader.length);
        out.set(chroma, o + frameHeader.length + y.length);
        o += per;
      }
  return out;
}

/** Write a Y4M file (see encodeY4m). */
export function writeY4m(path: string, frames: readonly Y4mFrame[], opts: Y4mOptions = {}): void {
  writeFileSync(path, encodeY4m(frames, opts));
}

/** Read frame `index` of a Y4M buffer back as {width, height, luma} (for tests). */
export function readY4mFrame(buf: Uint8Array, index: number): { width: number; height: number; luma: Uint8Array } {
  const nl = buf.indexOf(10);
  const header = new TextDecoder().decode(buf.subarray(0, nl));
  const width = Number(/ W(\d+)/.exec(header)![1]);
  const height = Number(/ H(\d+)/.exec(header)![1]);
  const per = 6 + width * height + 2 * Math.ceil(width / 2) * Math.ceil(height / 2);
  const start = nl + 1 + index * per + 6;
  return { width, height, luma: buf.slice(start, start + width * height) };
}
