/**
 * Draws a QR module matrix into a <canvas>: always dark modules on white with a full 4-module
 * quiet zone (ISO/IEC 18004 §6.3.8), whatever the page theme, at an integer number of device
 * pixels per module so the code stays crisp (no smoothing, no fractional scaling blur).
 */
import type { QrMatrix } from '../qr/render';

/** ISO/IEC 18004: the quiet zone is 4 modules wide on every side. */
export const QUIET_MODULES = 4;

/** Device pixels per module so the whole symbol (with quiet zone) fits in `maxDevicePx`. At least 1. */
export function moduleScale(size: number, maxDevicePx: number): number {
  return Math.max(1, Math.floor(maxDevicePx / (size + 2 * QUIET_MODULES)));
}

/**
 * Draw `matrix` into `canvas`, sized to fit `maxCssPx` CSS pixels. The canvas backing store is an
 * exact multiple of the module count; its CSS size is that divided by devicePixelRatio.
 */
export function drawQr(canvas: HTMLCanvasElement, matrix: QrMatrix, maxCssPx: number): void {
  const dpr = typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
  const scale = moduleScale(matrix.size, Math.floor(maxCssPx * dpr));
  const px = (matrix.size + 2 * QUIET_MODULES) * scale;
  if (canvas.width !== px) canvas.width = px;
  if (canvas.height !== px) canvas.height = px;
  canvas.style.width = `${px / dpr}px`;
  canvas.style.height = `${px / dpr}px`;
  const ctx = canvas.getContext('2d', { alpha: false });
  if (!ctx) return;
  ctx.imageSmoothingEnabled = false;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, px, px);
  ctx.fillStyle = '#000000';
  const n = matrix.size;
  for (let y = 0; y < n; y++) {
    // Merge horizontal runs of dark modules into one rectangle: ~5x fewer fillRect calls.
    let x = 0;
    while (x < n) {
      if (!isDark(matrix, x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && isDark(matrix, x, y)) x++;
      ctx.fillRect((start + QUIET_MODULES) * scale, (y + QUIET_MODULES) * scale, (x - start) * scale, scale);
    }
  }
}

function isDark(m: QrMatrix, x: number, y: number): boolean {
  return !!m.modules[y * m.size + x];
}
