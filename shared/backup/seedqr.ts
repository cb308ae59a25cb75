/**
 * SeedQR and CompactSeedQR (SeedSigner `docs/seed_qr/README.md`): a BIP-39 mnemonic as a QR code.
 *
 * - Standard SeedQR: each word's 0-based BIP-39 index as 4 zero-padded digits, concatenated
 *   (48 digits for 12 words, 96 for 24), meant for QR numeric mode.
 * - CompactSeedQR: the raw entropy bytes (16 for 12 words, 32 for 24; the checksum bits are
 *   dropped), meant for QR byte mode. The bytes may contain 0x00, \n and \r: never treat them as text.
 *
 * Only 12- and 24-word mnemonics, as SeedSigner. Decoding re-checks the BIP-39 checksum. Errors are
 * 'seedqr/bad-format' {reason} and never carry a word or digit. Deliberately does NOT render or scan
 * QR images (the UI does) or decide how a scanner's payload was encoded beyond `decodeSeedQrPayload`.
 */
import { AppError } from '../errors';
import { SecretBytes } from '../secret';
import { entropyToWords, validateMnemonic, WORDLIST } from '../keys/mnemonic';

const INDEX = new Map<string, number>(WORDLIST.map((w, i) => [w, i]));
const STANDARD_LENGTHS: Record<number, number> = { 48: 12, 96: 24 };

function checkEntropyLength(n: number): void {
  if (n !== 16 && n !== 32) throw new AppError('seedqr/bad-format', { reason: 'length' });
}

/** Standard SeedQR digit string for 16 or 32 bytes of entropy. Throws 'seedqr/bad-format' {reason:'length'}. */
export function encodeSeedQr(entropy: SecretBytes): string {
  checkEntropyLength(entropy.length);
  const words = entropyToWords(entropy);
  const digits = words.map((w) => String(INDEX.get(w)!).padStart(4, '0')).join('');
  words.fill('');
  return digits;
}

/** CompactSeedQR bytes (a copy of the entropy, 16 or 32 bytes). Throws 'seedqr/bad-format' {reason:'length'}. */
export function encodeCompactSeedQr(entropy: SecretBytes): Uint8Array {
  checkEntropyLength(entropy.length);
  return entropy.use((e) => e.slice());
}

function entropyFromWords(words: string[]): SecretBytes {
  const r = validateMnemonic(words.join(' '));
  words.fill('');
  if (!r.ok) throw new AppError('seedqr/bad-format', { reason: r.code === 'mnemonic/bad-checksum' ? 'checksum' : 'words' });
  return r.entropy;
}

/** Entropy from a Standard SeedQR digit string (48 or 96 digits; surrounding whitespace ignored). */
export function decodeSeedQr(digits: string): SecretBytes {
  const d = digits.trim();
  if (!/^[0-9]+$/.test(d)) throw new AppError('seedqr/bad-format', { reason: 'not-digits' });
  if (STANDARD_LENGTHS[d.length] === undefined) throw new AppError('seedqr/bad-format', { reason: 'length' });
  const words: string[] = [];
  for (let i = 0; i < d.length; i += 4) {
    const n = Number(d.slice(i, i + 4));
    if (n >= WORDLIST.length) throw new AppError('seedqr/bad-format', { reason: 'word-index', position: i / 4 + 1 });
    words.push(WORDLIST[n]);
  }
  return entropyFromWords(words);
}

/** Entropy from CompactSeedQR bytes (exactly 16 or 32 bytes; every byte value is legal). */
export function decodeCompactSeedQr(bytes: Uint8Array): SecretBytes {
  checkEntropyLength(bytes.length);
  return new SecretBytes(bytes.slice());
}

/**
 * Entropy from a scanned QR payload: ASCII digits of SeedQR length → Standard; otherwise exactly
 * 16 or 32 bytes → Compact. Throws 'seedqr/bad-format'.
 */
export function decodeSeedQrPayload(payload: Uint8Array): SecretBytes {
  if (STANDARD_LENGTHS[payload.length] !== undefined && payload.every((b) => b >= 0x30 && b <= 0x39)) {
    return decodeSeedQr(String.fromCharCode(...payload));
  }
  return decodeCompactSeedQr(payload);
}
