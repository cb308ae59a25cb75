/**
 * SeedQR payload bytes from the text the station's QR decoder hands over (shared/ui/scan). Pure.
 *
 * Standard SeedQR is a numeric-mode QR: its text is 48 or 96 ASCII digits. CompactSeedQR is a
 * byte-mode QR of raw entropy, which is rarely valid UTF-8: the decode worker passes byte segments
 * through as UTF-8 when they are valid and otherwise as Latin-1 (one character per byte), so:
 * - text of 16 or 32 characters all below U+0100 → those characters ARE the bytes (Latin-1);
 * - otherwise → the UTF-8 encoding of the text (a 16/32-byte entropy that happened to be UTF-8).
 * The one ambiguous case (16 characters U+0080–U+00FF that were really 32 bytes of two-byte UTF-8)
 * has probability ~2^-176 for random entropy. Whitespace is never trimmed from binary payloads:
 * 0x20, 0x0a and 0x0d are legal entropy bytes.
 */
const SEEDQR_DIGITS = new Set([48, 96]);
const COMPACT_LENGTHS = new Set([16, 32]);

/** Bytes to hand to decodeSeedQrPayload (shared/backup/seedqr.ts). */
export function seedQrBytesFromText(text: string): Uint8Array {
  const t = text.trim();
  if (/^[0-9]+$/.test(t) && SEEDQR_DIGITS.has(t.length)) return Uint8Array.from(t, (c) => c.charCodeAt(0));
  const chars = [...text];
  if (COMPACT_LENGTHS.has(chars.length) && chars.every((c) => c.charCodeAt(0) < 0x100)) {
    return Uint8Array.from(chars, (c) => c.charCodeAt(0));
  }
  return new TextEncoder().encode(text);
}
