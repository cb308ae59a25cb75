/** SeedQR / CompactSeedQR against SeedSigner's "Test SeedQRs" (test/vectors/seedqr.json). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import {
  decodeCompactSeedQr,
  decodeSeedQr,
  decodeSeedQrPayload,
  encodeCompactSeedQr,
  encodeSeedQr,
} from '../../../shared/backup/seedqr';
import { entropyToWords, parseMnemonic } from '../../../shared/keys/mnemonic';
import { AppError } from '../../../shared/errors';
import { SecretBytes } from '../../../shared/secret';

const FILE = 'seedqr.json';
const data = JSON.parse(readFileSync(new URL(`../../vectors/${FILE}`, import.meta.url), 'utf8')) as {
  spec_example: { standard_seedqr_digits: string; mnemonic_joined: string };
  vectors: { vector: number; mnemonic: string; standard_seedqr_digits: string; compact_seedqr_bitstream: string; compact_seedqr_bytes_hex_derived: string }[];
};
const words = (e: SecretBytes) => entropyToWords(e).join(' ');
function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return `${e.code}:${e.detail?.reason}`;
    throw e;
  }
  return 'no error';
}

describe('SeedQR vectors', () => {
  it('has all 9 vectors', () => expect(data.vectors.length).toBe(9));

  data.vectors.forEach((v, i) => {
    const label = `${FILE}#${i}: vector ${v.vector}`;
    it(label, () => {
      const entropy = parseMnemonic(v.mnemonic);
      expect(encodeSeedQr(entropy), label).toBe(v.standard_seedqr_digits);
      const compact = encodeCompactSeedQr(entropy);
      expect(bytesToHex(compact), label).toBe(v.compact_seedqr_bytes_hex_derived);
      const bits = [...compact].map((b) => b.toString(2).padStart(8, '0')).join('');
      expect(bits, label).toBe(v.compact_seedqr_bitstream);
      expect(words(decodeSeedQr(v.standard_seedqr_digits)), label).toBe(v.mnemonic);
      const raw = hexToBytes(v.compact_seedqr_bytes_hex_derived);
      expect(words(decodeCompactSeedQr(raw)), label).toBe(v.mnemonic);
      // Scanner payload auto-detection: digits as ASCII bytes vs raw entropy (incl. 0x00, \n, \r).
      expect(words(decodeSeedQrPayload(new TextEncoder().encode(v.standard_seedqr_digits))), label).toBe(v.mnemonic);
      expect(words(decodeSeedQrPayload(raw)), label).toBe(v.mnemonic);
    });
  });

  it('vectors 7–9 really contain \\n / \\r bytes and still round-trip byte for byte', () => {
    const [v7, v8, v9] = data.vectors.slice(6).map((v) => hexToBytes(v.compact_seedqr_bytes_hex_derived));
    expect(v7.includes(0x0a) || v8.includes(0x0a) || v9.includes(0x0a)).toBe(true);
    expect(v7.includes(0x0d) || v8.includes(0x0d) || v9.includes(0x0d)).toBe(true);
    for (const b of [v7, v8, v9]) expect(bytesToHex(encodeCompactSeedQr(decodeCompactSeedQr(b)))).toBe(bytesToHex(b));
  });

  it('spec worked example (12 words)', () => {
    expect(words(decodeSeedQr(data.spec_example.standard_seedqr_digits))).toBe(data.spec_example.mnemonic_joined);
  });

  it('rejects malformed payloads with seedqr/bad-format', () => {
    const d = data.vectors[3].standard_seedqr_digits;
    expect(code(() => decodeSeedQr(d.slice(0, 44)))).toBe('seedqr/bad-format:length');
    expect(code(() => decodeSeedQr(d.slice(0, 47) + 'x'))).toBe('seedqr/bad-format:not-digits');
    expect(code(() => decodeSeedQr('2048' + d.slice(4)))).toBe('seedqr/bad-format:word-index');
    // Swap two words: all indices valid, checksum (almost surely) broken.
    expect(code(() => decodeSeedQr(d.slice(4, 8) + d.slice(0, 4) + d.slice(8)))).toBe('seedqr/bad-format:checksum');
    expect(code(() => decodeCompactSeedQr(new Uint8Array(20)))).toBe('seedqr/bad-format:length');
    expect(code(() => encodeSeedQr(new SecretBytes(new Uint8Array(20))))).toBe('seedqr/bad-format:length');
  });
});
