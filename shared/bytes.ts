/**
 * Byte helpers: hex/base64/utf8 through @scure/base and @noble/hashes, constant-time-ish equality,
 * and best-effort wiping. No secrets are ever converted to hex/base64 strings (ARCHITECTURE 2.6).
 */
import { base64, hex } from '@scure/base';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { AppError } from './errors';

export { utf8ToBytes };

/** Lower-case hex of bytes. */
export function toHex(b: Uint8Array): string {
  return hex.encode(b);
}

/** Bytes from hex (optional 0x prefix, any case). Throws AppError('input/bad-encoding'). */
export function fromHex(s: string): Uint8Array {
  const t = s.trim().replace(/^0x/i, '').toLowerCase();
  if (t.length % 2 !== 0 || !/^[0-9a-f]*$/.test(t)) throw new AppError('input/bad-encoding', { expected: 'hex' });
  return hex.decode(t);
}

/** Standard base64 (RFC 4648, padded) of the bytes. */
export function toBase64(b: Uint8Array): string {
  return base64.encode(b);
}

/** Bytes from base64 (whitespace ignored). Throws AppError('input/bad-encoding'). */
export function fromBase64(s: string): Uint8Array {
  try {
    return base64.decode(s.replace(/\s+/g, ''));
  } catch (e) {
    throw new AppError('input/bad-encoding', { expected: 'base64' }, { cause: e });
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });
/** UTF-8 decode; returns undefined when the bytes are not valid UTF-8. */
export function tryUtf8(b: Uint8Array): string | undefined {
  try {
    return decoder.decode(b);
  } catch {
    return undefined;
  }
}

/** Equality of two byte arrays (length-independent timing is not guaranteed). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

/** A new array holding the parts one after another. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Overwrite with zeros (best effort: JS gives no guarantee copies don't exist elsewhere). */
export function wipe(...arrays: (Uint8Array | undefined)[]): void {
  for (const a of arrays) a?.fill(0);
}
