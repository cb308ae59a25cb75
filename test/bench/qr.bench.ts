/**
 * QR decoder benchmark: jsQR (the design's baseline) vs paulmillr's `qr` (qr/decode.js) on rendered
 * animated-UR frames as a webcam would see a laptop screen: code filling ~60 % of the frame height at a
 * non-integer scale, 3×3 box blur and Gaussian noise (σ 5 grey levels), at 640×480 and 1280×720, for each
 * density preset. Prints median/p95 decode time and success rate per decoder.
 */
import jsQR from 'jsqr';
import { decodeQR } from 'qr/decode.js';
import { performance } from 'node:perf_hooks';
import { fmtMs, printTable, summarize } from './util';
import { renderQrMatrix, type QrMatrix } from '../../shared/qr/render';
import { createAnimator, DENSITY_PRESETS } from '../../shared/ur/animator';
import { encodePsbtCbor } from '../../shared/ur/registry';

function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
}
/** A camera-like RGBA frame of the matrix: fractional scale, slight offset, blur, noise. */
export function cameraFrame(m: QrMatrix, width: number, height: number, r: () => number, fill = 0.6, sigma = 5): Uint8ClampedArray {
  const side = height * fill;
  const px = side / (m.size + 8); // pixels per module incl. quiet zone
  const x0 = (width - side) / 2 + (r() - 0.5) * 20;
  const y0 = (height - side) / 2 + (r() - 0.5) * 20;
  const luma = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const mx = Math.floor((x - x0) / px) - 4;
      const my = Math.floor((y - y0) / px) - 4;
      const inside = mx >= 0 && my >= 0 && mx < m.size && my < m.size;
      const onScreen = x >= x0 - 20 && y >= y0 - 20 && x < x0 + side + 20 && y < y0 + side + 20;
      luma[y * width + x] = inside && m.modules[my * m.size + mx] ? 40 : onScreen ? 215 : 120;
    }
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let s = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && xx >= 0 && yy < height && xx < width) (s += luma[yy * width + xx]), n++;
        }
      // Box–Muller noise, σ = 10 grey levels
      const g = Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r()) * sigma;
      const v = s / n + g;
      const o = (y * width + x) * 4;
      out[o] = out[o + 1] = out[o + 2] = v;
      out[o + 3] = 255;
    }
  return out;
}

export async function run(): Promise<void> {
  const FRAMES = 6;
  const rows: (string | number)[][] = [['resolution', 'density (B/frag)', 'QR version', 'decoder', 'median ms', 'p95 ms', 'success']];
  const wins: Record<string, number> = { jsqr: 0, qr: 0 };
  const payload = encodePsbtCbor(Uint8Array.from({ length: 10_000 }, (_, i) => (i * 131 + 7) & 0xff));
  for (const [w, h] of [
    [640, 480],
    [1280, 720],
  ]) {
    for (const [name, frag] of Object.entries(DENSITY_PRESETS)) {
      const an = createAnimator('crypto-psbt', payload, { maxFragmentLength: frag });
      const r = rng(frag * 7 + w);
      const frames = Array.from({ length: FRAMES }, () => {
        const text = an.nextFrame();
        const m = renderQrMatrix(text);
        return { text, m, rgba: cameraFrame(m, w, h, r) };
      });
      for (const dec of ['jsqr', 'qr'] as const) {
        const times: number[] = [];
        let ok = 0;
        for (const f of frames) {
          const t0 = performance.now();
          let got: string | undefined;
          try {
            got = dec === 'jsqr' ? jsQR(f.rgba, w, h)?.data : decodeQR({ width: w, height: h, data: f.rgba });
          } catch {
            got = undefined;
          }
          times.push(performance.now() - t0);
          if (got === f.text) ok++;
        }
        const s = summarize(times);
        rows.push([`${w}×${h}`, `${name} (${frag})`, `${frames[0].m.version}-${frames[0].m.ecc}`, dec, fmtMs(s.medianMs), fmtMs(s.p95Ms), `${ok}/${FRAMES}`]);
        wins[dec] += ok;
      }
    }
  }
  printTable('QR decode per frame (rendered UR frames, blur + noise)', rows);
  console.log(`\nframes decoded in total: jsqr ${wins.jsqr}, qr ${wins.qr}`);

  // Display side: what <AnimatedQr> prepares per frame (next fountain part + QR matrix). In the app this
  // runs in idle time, AHEAD of the tick (ring buffer); the tick itself only draws the matrix.
  const disp: (string | number)[][] = [['payload', 'density (B/frag)', 'parts', 'QR version', 'nextFrame median', 'p95', 'QR matrix median', 'p95', 'prepare total p95']];
  for (const kb of [10, 100]) {
    const big = encodePsbtCbor(Uint8Array.from({ length: kb * 1000 }, (_, i) => (i * 131 + 7) & 0xff));
    for (const [name, frag] of Object.entries(DENSITY_PRESETS)) {
      const an = createAnimator('crypto-psbt', big, { maxFragmentLength: frag });
      // skip into the fountain-mixed region (what a long display mostly shows)
      for (let i = 0; i < an.partCount; i++) an.nextFrame();
      const tn: number[] = [];
      const tm: number[] = [];
      const tt: number[] = [];
      let version = '';
      for (let i = 0; i < 30; i++) {
        const t0 = performance.now();
        const text = an.nextFrame();
        const t1 = performance.now();
        const m = renderQrMatrix(text);
        const t2 = performance.now();
        tn.push(t1 - t0);
        tm.push(t2 - t1);
        tt.push(t2 - t0);
        version = `${m.version}-${m.ecc}`;
      }
      const a = summarize(tn);
      const b = summarize(tm);
      disp.push([`${kb} KB`, `${name} (${frag})`, an.partCount, version, fmtMs(a.medianMs), fmtMs(a.p95Ms), fmtMs(b.medianMs), fmtMs(b.p95Ms), fmtMs(summarize(tt).p95Ms)]);
    }
  }
  printTable('Display: cost to prepare one animated frame (ms, Node; the app does this in idle time, 6 frames ahead)', disp);
}
