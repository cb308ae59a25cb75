/**
 * BBQr reader (Coinkite "Better Bitcoin QR", public domain spec BBQr.md): Coldcard Q's animated
 * format, also read by Sparrow. Each QR is `B$` + encoding (1 char) + file type (1 char) + total
 * parts (2 base-36 digits) + part index (2 base-36 digits) + data. Encodings: `H` hex, `2` RFC 4648
 * base32 without padding, `Z` raw-deflate (zlib wbits=10, no header) then base32.
 *
 * All parts must share the first 6 header characters; parts may arrive in any order. There is no
 * checksum at this level (the QR's own Reed-Solomon is the integrity check, per the spec).
 *
 * Deliberately does NOT inflate by itself: no inflate implementation is installed, so `Z` needs an
 * injected `inflateRaw` (e.g. fflate's `inflateSync`); without one the result is
 * 'ur/unsupported-encoding'. Does not write BBQr (Airlock sends UR).
 */
import { base32nopad, hex } from '@scure/base';

export type BbqrEncoding = 'H' | '2' | 'Z';

export interface BbqrPart {
  encoding: BbqrEncoding;
  /** P psbt, T transaction, J json, C cbor, U utf-8 text, B binary, X experimental */
  fileType: string;
  total: number;
  index: number;
  /** decoded bytes of this part (still compressed for Z) */
  data: Uint8Array;
}

/** Does the text carry the BBQr header prefix? */
export function isBbqr(text: string): boolean {
  return text.startsWith('B$');
}

const B36 = /^[0-9A-Z]{2}$/;

/** Parse one BBQr QR text; undefined when it is not well-formed (a corrupt or foreign frame). */
export function parseBbqrPart(input: string): BbqrPart | undefined {
  const text = input.trim();
  if (!isBbqr(text) || text.length < 8) return undefined;
  const encoding = text[2];
  const fileType = text[3];
  const t = text.slice(4, 6);
  const i = text.slice(6, 8);
  if (encoding !== 'H' && encoding !== '2' && encoding !== 'Z') return undefined;
  if (!/^[A-Z]$/.test(fileType) || !B36.test(t) || !B36.test(i)) return undefined;
  const total = parseInt(t, 36);
  const index = parseInt(i, 36);
  if (total < 1 || index >= total) return undefined;
  const body = text.slice(8).toUpperCase();
  let data: Uint8Array;
  try {
    // BBQr: each part decodes to whole bytes (even hex digits; base32 with no padding).
    data = encoding === 'H' ? hex.decode(body.toLowerCase()) : base32nopad.decode(body);
  } catch {
    return undefined;
  }
  return { encoding, fileType, total, index, data };
}

/** Result of joining all parts. */
export type BbqrJoin =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; code: 'ur/unsupported-encoding'; encoding: string }
  | { ok: false; code: 'ur/corrupt' };

/** Join parts 0..total-1 in order and undo the encoding. */
export function joinBbqr(
  encoding: BbqrEncoding,
  parts: readonly Uint8Array[],
  inflateRaw?: (data: Uint8Array) => Uint8Array,
): BbqrJoin {
  const len = parts.reduce((n, p) => n + p.length, 0);
  const joined = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    joined.set(p, o);
    o += p.length;
  }
  if (encoding !== 'Z') return { ok: true, bytes: joined };
  if (!inflateRaw) return { ok: false, code: 'ur/unsupported-encoding', encoding: 'BBQr zlib (Z)' };
  try {
    return { ok: true, bytes: inflateRaw(joined) };
  } catch {
    return { ok: false, code: 'ur/corrupt' };
  }
}
