/**
 * Payload I/O for CLI commands that take a PSBT (or another byte payload) in whatever form the user
 * has it — base64, hex, raw binary, or UR parts (one per line, any order, crypto-psbt/psbt/bytes or
 * any registry type) — and answer in the SAME form (CLI.md "Invocation": answers mirror the input).
 *
 * For UR, `bytes` is the inner payload (the PSBT for crypto-psbt/psbt, the data for bytes, the CBOR
 * for other types) and writing re-wraps it in the same UR type. Pure: bytes in, bytes out.
 * Deliberately does NOT parse the PSBT itself.
 */
import { base64, hex } from '@scure/base';
import { AppError } from '../errors';
import { createAssembler } from './assembler';
import { encodeUrParts } from './animator';
import { encodeBytesCbor, encodePsbtCbor, innerBytes, lookupUrType } from './registry';

export type PayloadEncoding = 'base64' | 'hex' | 'binary' | 'ur';

export interface Payload {
  encoding: PayloadEncoding;
  /** for 'ur': the type read (e.g. crypto-psbt) */
  urType?: string;
  bytes: Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Enc = new TextEncoder();

function asText(input: Uint8Array): string | undefined {
  try {
    return utf8.decode(input);
  } catch {
    return undefined;
  }
}

/** Detect the encoding of `input` and decode it. Throws 'input/empty', 'input/bad-encoding', UR codes ('ur/incomplete', 'ur/mixed-messages', 'ur/corrupt', 'ur/not-ur'). */
export function readPayload(input: Uint8Array): Payload {
  if (input.length === 0) throw new AppError('input/empty');
  const text = asText(input);
  const trimmed = text?.trim();
  if (trimmed === undefined || trimmed.length === 0 || /[\x00-\x08\x0e-\x1f]/.test(trimmed)) {
    // Raw binary (a binary PSBT starts with "psbt\xff", not UTF-8). Whitespace-only text is empty.
    if (trimmed === '') throw new AppError('input/empty');
    return { encoding: 'binary', bytes: new Uint8Array(input) };
  }
  if (/^ur:/i.test(trimmed)) return readUrLines(trimmed);
  const compact = trimmed.replace(/\s+/g, '');
  if (/^(0x)?[0-9a-fA-F]+$/.test(compact) && compact.replace(/^0x/, '').length % 2 === 0) {
    return { encoding: 'hex', bytes: hex.decode(compact.replace(/^0x/, '').toLowerCase()) };
  }
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    try {
      return { encoding: 'base64', bytes: base64.decode(compact) };
    } catch {
      // fall through
    }
  }
  // Printable text that is none of the above: treat as raw bytes only if it is clearly not meant as text.
  throw new AppError('input/bad-encoding', { expected: 'base64, hex, binary or UR parts' });
}

function readUrLines(text: string): Payload {
  const a = createAssembler({ accept: 'any', acceptText: false });
  let lineNo = 0;
  for (const raw of text.split(/\r?\n/)) {
    lineNo++;
    const line = raw.trim();
    if (!line) continue;
    if (!/^ur:/i.test(line)) throw new AppError('ur/not-ur', { line: lineNo });
    const s = a.push(line);
    if (s.kind === 'ignored' && s.reason === 'corrupt') throw new AppError('ur/corrupt', { line: lineNo });
    if (s.kind === 'failed') throw new AppError(s.code, { ...s.detail, line: lineNo });
    if (s.kind === 'complete') {
      if (s.payload.kind === 'text' || s.payload.kind === 'bbqr') throw new AppError('ur/not-ur');
      return { encoding: 'ur', urType: s.payload.urType, bytes: innerBytes(s.payload) };
    }
  }
  throw new AppError('ur/incomplete');
}

/** CBOR message for `bytes` under `urType` (re-wrapping byte-carrying types). */
export function cborForUrType(urType: string, bytes: Uint8Array): Uint8Array {
  const kind = lookupUrType(urType)?.kind;
  if (kind === 'psbt') return encodePsbtCbor(bytes);
  if (kind === 'bytes') return encodeBytesCbor(bytes);
  return bytes;
}

/**
 * Encode `bytes` like `like` (the Payload that was read): base64/hex text with a newline, raw binary,
 * or UR parts (one per line; single part unless `maxFragment` is given).
 */
export function writePayload(bytes: Uint8Array, like: Pick<Payload, 'encoding' | 'urType'>, opts: { maxFragment?: number } = {}): Uint8Array {
  switch (like.encoding) {
    case 'binary':
      return bytes;
    case 'hex':
      return utf8Enc.encode(hex.encode(bytes) + '\n');
    case 'base64':
      return utf8Enc.encode(base64.encode(bytes) + '\n');
    case 'ur': {
      const urType = like.urType ?? 'crypto-psbt';
      const parts = encodeUrParts(urType, cborForUrType(urType, bytes), opts.maxFragment ? { maxFragment: opts.maxFragment } : {});
      return utf8Enc.encode(parts.join('\n') + '\n');
    }
  }
}
