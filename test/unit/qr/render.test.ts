/**
 * QR rendering: the matrix from `qrcode` decodes back with an independent decoder (jsQR), UR text
 * uses alphanumeric mode, the EC rule (strongest level in the version L needs), dark-on-white with a
 * 4-module quiet zone; and the Y4M test-video writer produces frames jsQR can read.
 */
import { describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { create } from 'qrcode';
import { renderQrMatrix, renderToRgba, fitScale } from '../../../shared/qr/render';
import { createAnimator } from '../../../shared/ur/animator';
import { encodePsbtCbor } from '../../../shared/ur/registry';
import { encodeY4m, readY4mFrame } from '../../support/y4m';

const psbt = new Uint8Array([0x70, 0x73, 0x62, 0x74, 0xff, ...Array.from({ length: 2000 }, (_, i) => (i * 37) & 0xff)]);

describe('renderQrMatrix / renderToRgba', () => {
  it('an animated UR frame renders, decodes back with jsQR, and is alphanumeric-mode', () => {
    const an = createAnimator('crypto-psbt', encodePsbtCbor(psbt), { maxFragmentLength: 250 });
    for (let i = 0; i < 3; i++) {
      const text = an.nextFrame();
      const m = renderQrMatrix(text);
      expect(m.modules.length).toBe(m.size * m.size);
      expect(m.size).toBe(17 + 4 * m.version);
      const img = renderToRgba(m, 4);
      const got = jsQR(img.data, img.width, img.height);
      expect(got?.data, `frame ${i}`).toBe(text);
      const segs = create(text, { errorCorrectionLevel: m.ecc, version: m.version }).segments;
      expect(segs.every((s) => s.mode.id === 'Alphanumeric'), `frame ${i}`).toBe(true);
    }
  });
  it('EC rule: never a bigger version than level L needs; spare capacity goes to a stronger level', () => {
    const cases = ['BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ', 'UR:BYTES/' + 'AB'.repeat(400), 'x'.repeat(120)];
    for (const t of cases) {
      const m = renderQrMatrix(t);
      const l = create(t, { errorCorrectionLevel: 'L' });
      expect(m.version, t.slice(0, 12)).toBe(l.version);
      const stronger = { L: 'M', M: 'Q', Q: 'H', H: undefined }[m.ecc] as 'M' | 'Q' | 'H' | undefined;
      if (stronger) expect(() => create(t, { errorCorrectionLevel: stronger, version: m.version }), t.slice(0, 12)).toThrow();
    }
    expect(renderQrMatrix('HELLO').ecc).toBe('H');
    expect(renderQrMatrix('A', { ecc: 'L' }).ecc).toBe('L');
  });
  it('dark on white with a full 4-module quiet zone', () => {
    const m = renderQrMatrix('HELLO');
    const img = renderToRgba(m, 3);
    expect(img.width).toBe((m.size + 8) * 3);
    for (let x = 0; x < img.width; x++) for (const y of [0, 11, img.height - 1]) expect(img.data[(y * img.width + x) * 4]).toBe(255);
    // the top-left finder pattern's corner module is dark
    expect(img.data[(12 * img.width + 12) * 4]).toBe(0);
    expect(fitScale(m.size, 720)).toBe(Math.floor(720 / (m.size + 8)));
  });
  it('too much data for any QR version throws input/too-large', () => {
    expect(() => renderQrMatrix('A'.repeat(5000))).toThrow(/too-large/);
  });
});

describe('test/support/y4m.ts', () => {
  it('writes a C420 Y4M whose frames jsQR decodes (each QR frame repeated)', () => {
    const an = createAnimator('crypto-psbt', encodePsbtCbor(psbt), { maxFragmentLength: 250 });
    const texts = [an.nextFrame(), an.nextFrame()];
    const buf = encodeY4m(texts.map((t) => renderQrMatrix(t)), { width: 640, height: 480, fps: 30, repeat: 2 });
    expect(new TextDecoder().decode(buf.subarray(0, 40))).toMatch(/^YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420\n/);
    expect(buf.length).toBe('YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420\n'.length + 4 * (6 + 640 * 480 * 1.5));
    for (const [i, want] of [[0, texts[0]], [1, texts[0]], [2, texts[1]]] as const) {
      const f = readY4mFrame(buf, i);
      const rgba = new Uint8ClampedArray(f.width * f.height * 4);
      for (let p = 0; p < f.luma.length; p++) rgba.fill(f.luma[p], p * 4, p * 4 + 3), (rgba[p * 4 + 3] = 255);
      expect(jsQR(rgba, f.width, f.height)?.data, `video frame ${i}`).toBe(want);
    }
  });
});
