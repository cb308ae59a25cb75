/**
 * QR rendering core (ISO/IEC 18004 via the `qrcode` package's `create()`), DOM-free:
 * text → module matrix, and matrix → RGBA pixels (dark on white with a full 4-module quiet zone,
 * whatever the UI theme), for the UI canvas, the e2e test video (test/support/y4m.ts) and benches.
 *
 * Error-correction rule: use the STRONGEST level (H > Q > M > L) that still fits in the smallest
 * version level L needs. The code never gets denser for error correction (density is what makes a
 * webcam miss frames), but any spare capacity of that version buys robustness for free. Dense
 * animated UR frames therefore end up at L or M; short texts (addresses, single-part URs) at Q/H.
 * Upper-case UR text is pure alphanumeric, so `qrcode` encodes it in alphanumeric mode.
 *
 * Deliberately does NOT touch canvas/SVG/DOM or time frames.
 */
import { create } from 'qrcode';
import { AppError } from '../errors';

export type EccLevel = 'L' | 'M' | 'Q' | 'H';

export interface QrMatrix {
  /** modules per side (21 for version 1 … 177 for version 40) */
  size: number;
  version: number;
  ecc: EccLevel;
  /** size*size, row-major, 1 = dark module */
  modules: Uint8Array;
}

export interface RgbaImage {
  width: number;
  height: number;
  /** width*height*4 bytes, RGBA */
  data: Uint8ClampedArray;
}

const STRONGER_FIRST: readonly EccLevel[] = ['H', 'Q', 'M'];
/** (mode, length) → (version, ecc): every frame of an animation has nearly the same length. */
const choiceCache = new Map<string, { version: number; ecc: EccLevel }>();

function build(text: string, version: number | undefined, ecc: EccLevel) {
  return create(text, version === undefined ? { errorCorrectionLevel: ecc } : { version, errorCorrectionLevel: ecc });
}

/** QR module matrix for `text`, EC level per the rule above (or forced). Throws 'input/too-large'. */
export function renderQrMatrix(text: string, opts: { ecc?: EccLevel } = {}): QrMatrix {
  let qr: ReturnType<typeof create>;
  let ecc: EccLevel;
  try {
    if (opts.ecc) {
      ecc = opts.ecc;
      qr = build(text, undefined, ecc);
    } else {
      const key = `${/^[0-9A-Z $%*+\-./:]*$/.test(text) ? 'a' : 'b'}:${text.length}`;
      const cached = choiceCache.get(key);
      if (cached) {
        ecc = cached.ecc;
        qr = build(text, cached.version, ecc);
      } else {
        const base = build(text, undefined, 'L');
        qr = base;
        ecc = 'L';
        for (const level of STRONGER_FIRST) {
          try {
            qr = build(text, base.version, level);
            ecc = level;
            break;
          } catch {
            // does not fit in this version at this level: try a weaker one
          }
        }
        if (choiceCache.size > 512) choiceCache.clear();
        choiceCache.set(key, { version: base.version, ecc });
      }
    }
  } catch (e) {
    throw new AppError('input/too-large', undefined, { cause: e });
  }
  const m = qr.modules;
  return { size: m.size, version: qr.version, ecc, modules: Uint8Array.from(m.data, (v) => (v ? 1 : 0)) };
}

/** RGBA image of a matrix: `scale` px per module, `quiet` modules of white border (≥ 4 per spec). */
export function renderToRgba(matrix: Pick<QrMatrix, 'size' | 'modules'>, scale: number, quiet = 4): RgbaImage {
  const s = Math.max(1, Math.floor(scale));
  const side = (matrix.size + 2 * quiet) * s;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < matrix.size; y++) {
    for (let x = 0; x < matrix.size; x++) {
      if (!matrix.modules[y * matrix.size + x]) continue;
      const px0 = (x + quiet) * s;
      const py0 = (y + quiet) * s;
      for (let dy = 0; dy < s; dy++) {
        let o = ((py0 + dy) * side + px0) * 4;
        for (let dx = 0; dx < s; dx++, o += 4) {
          data[o] = data[o + 1] = data[o + 2] = 0;
        }
      }
    }
  }
  return { width: side, height: side, data };
}

/** Largest integer module scale so the code plus quiet zone fits in `px` pixels (at least 1). */
export function fitScale(matrixSize: number, px: number, quiet = 4): number {
  return Math.max(1, Math.floor(px / (matrixSize + 2 * quiet)));
}
