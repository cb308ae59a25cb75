/**
 * Scan assembler: turns the stream of texts a QR scanner reads (UR single/multipart per BCR-2020-005
 * and BCR-2024-001, BBQr, or plain text) into one typed payload. Pure and synchronous; runs on the
 * main thread after the worker decoded the QR (ARCHITECTURE 2.7).
 *
 * `push(text)` never throws: junk is `ignored` (and counted), terminal problems are `failed` with an
 * ErrorCode the UI renders (`ur/mixed-messages` → offer restart; `ur/unsupported-type` with
 * {got, expected}; `ur/too-large` with {limit}; `ur/corrupt`; `ur/unsupported-encoding`).
 * A part from another message is never mixed in: message identity is (type, length, CRC-32).
 * The same message re-fragmented (sender changed density) is NOT mixing: each fragmentation gets its
 * own fountain decoder and the first to finish wins.
 *
 * Deliberately does NOT interpret payloads beyond the registry's CBOR checks (no PSBT parsing here).
 */
import type { ErrorCode } from '../errors';
import { createFountainSink, parseUr, type FountainEngine, type FountainSink, type ParsedUr } from './bcur-adapter';
import { isBbqr, joinBbqr, parseBbqrPart, type BbqrEncoding } from './bbqr';
import { decodeUrPayload, KNOWN_UR_TYPES, lookupUrType, type UrPayload, type UrType } from './registry';
import { AppError } from '../errors';

export type ScanPayload =
  | UrPayload
  /** a non-UR QR: address, BIP-21 URI, base64/hex PSBT, plain text… (the screen decides) */
  | { kind: 'text'; text: string }
  | { kind: 'bbqr'; fileType: string; encoding: BbqrEncoding; bytes: Uint8Array };

export type IgnoreReason = 'duplicate' | 'corrupt' | 'not-ur' | 'empty' | 'done';

export type ScanStatus =
  | { kind: 'ignored'; reason: IgnoreReason; corruptCount: number }
  | {
      kind: 'progress';
      format: 'ur' | 'bbqr';
      /** UR type, or `bbqr-<fileType>` */
      urType: string;
      /** independent fountain parts received, i.e. decoder rank (UR; complete at `expected`) / parts received (BBQr) */
      received: number;
      expected: number;
      /** 0..99 until complete */
      percent: number;
      corruptCount: number;
    }
  | { kind: 'complete'; payload: ScanPayload }
  | { kind: 'failed'; code: ErrorCode; detail?: Readonly<Record<string, string | number>> };

export interface AssemblerOptions {
  /** UR types this screen accepts ('any' = every well-formed UR, for the CLI). Default: all known types. */
  accept?: readonly UrType[] | 'any';
  /** Accept a non-UR, non-BBQr QR as `{kind:'text'}`. Default true. */
  acceptText?: boolean;
  /**
   * Transport only: complete every UR as `{kind:'other-ur', urType, cbor}` without decoding its CBOR
   * by type (the CLI's `ur decode` prints TYPE + CBOR for any well-formed message). Default false.
   */
  raw?: boolean;
  /** Largest message accepted, in bytes (UR CBOR / BBQr data / text). Default 4 MiB. */
  maxBytes?: number;
  /** Raw-deflate inflater for BBQr `Z`; without it Z fails with 'ur/unsupported-encoding'. */
  inflateRaw?: (data: Uint8Array) => Uint8Array;
  /** Fountain decoder: 'elimination' (default, fountain-decoder.ts) or bc-ur's reference 'bc-ur' (benchmarks). */
  fountain?: FountainEngine;
}

export interface Assembler {
  /** Feed one scanned text. Never throws. */
  push(text: string): ScanStatus;
  /** Forget everything (after 'failed' or to scan another code). */
  reset(): void;
  /** Counters since the last reset. */
  stats(): { frames: number; corrupt: number; duplicates: number };
}

export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
/** Fragmentations of one message tracked at once (sender switched density); bounds memory. */
const MAX_SINKS = 4;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
/** CRC-32 (ISO-HDLC), the message checksum of BCR-2024-001. */
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

type UrPart = Extract<ParsedUr, { kind: 'part' }>;
type Session =
  | { format: 'none' }
  | { format: 'ur'; urType: string; messageLen: number; checksum: number; sinks: Map<number, FountainSink> }
  | { format: 'bbqr'; header: string; encoding: BbqrEncoding; fileType: string; parts: (Uint8Array | undefined)[]; count: number };

/** Create a scan assembler. */
export function createAssembler(opts: AssemblerOptions = {}): Assembler {
  const accept = opts.accept ?? KNOWN_UR_TYPES;
  const acceptText = opts.acceptText ?? true;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let session: Session = { format: 'none' };
  let final: ScanStatus | undefined;
  let seen = new Set<string>();
  let corrupt = 0;
  let duplicates = 0;
  let frames = 0;
  /** identity of the completed UR message, to flag later parts of another message */
  let done: { urType: string; messageLen: number; checksum: number } | undefined;

  const expectedList = () => (accept === 'any' ? 'any UR' : accept.join(', '));
  const accepts = (urType: string) => accept === 'any' || (accept as readonly string[]).includes(urType);
  const fail = (code: ErrorCode, detail?: Record<string, string | number>): ScanStatus => (final = { kind: 'failed', code, detail });
  const ignore = (reason: IgnoreReason): ScanStatus => {
    if (reason === 'corrupt') corrupt++;
    if (reason === 'duplicate') duplicates++;
    return { kind: 'ignored', reason, corruptCount: corrupt };
  };
  const complete = (payload: ScanPayload): ScanStatus => (final = { kind: 'complete', payload });

  function finishUr(urType: string, cbor: Uint8Array): ScanStatus {
    done = { urType, messageLen: cbor.length, checksum: crc32(cbor) };
    if (opts.raw) return complete({ kind: 'other-ur', urType, cbor });
    try {
      return complete(decodeUrPayload(urType, cbor));
    } catch (e) {
      return fail(e instanceof AppError ? e.code : 'ur/corrupt');
    }
  }

  function bbqrAcceptType(fileType: string): string {
    // BBQr P carries a PSBT: accepted where a PSBT UR is; other file types count as `bytes`.
    if (fileType === 'P') return accepts('crypto-psbt') || accepts('psbt') ? '' : 'crypto-psbt';
    return accepts('bytes') ? '' : 'bytes';
  }

  function pushBbqr(text: string): ScanStatus {
    const part = parseBbqrPart(text);
    if (!part) return ignore('corrupt');
    const header = text.trim().slice(0, 6);
    if (session.format === 'ur') return fail('ur/mixed-messages', { got: `bbqr-${part.fileType}`, expected: session.urType });
    if (session.format === 'none') {
      const missing = bbqrAcceptType(part.fileType);
      if (missing) return fail('ur/unsupported-type', { got: `bbqr-${part.fileType}`, expected: expectedList() });
      // Every part but the last has the same size, so total × size bounds the message (BBQr spec).
      if (part.total * part.data.length > maxBytes) return fail('ur/too-large', { limit: maxBytes });
      session = { format: 'bbqr', header, encoding: part.encoding, fileType: part.fileType, parts: new Array(part.total), count: 0 };
    }
    const s = session as Extract<Session, { format: 'bbqr' }>;
    if (s.header !== header) return fail('ur/mixed-messages', { got: `bbqr-${part.fileType}`, expected: `bbqr-${s.fileType}` });
    const prev = s.parts[part.index];
    if (prev) {
      // Same index, different bytes: two messages share a header. Never mix them.
      if (prev.length !== part.data.length || prev.some((v, i) => v !== part.data[i])) return fail('ur/mixed-messages', { got: `bbqr-${part.fileType}`, expected: `bbqr-${s.fileType}` });
      return ignore('duplicate');
    }
    s.parts[part.index] = part.data;
    s.count++;
    if (s.count < s.parts.length) {
      return { kind: 'progress', format: 'bbqr', urType: `bbqr-${s.fileType}`, received: s.count, expected: s.parts.length, percent: Math.min(99, Math.floor((100 * s.count) / s.parts.length)), corruptCount: corrupt };
    }
    const joined = joinBbqr(s.encoding, s.parts as Uint8Array[], opts.inflateRaw);
    if (!joined.ok) return joined.code === 'ur/unsupported-encoding' ? fail(joined.code, { encoding: joined.encoding }) : fail(joined.code);
    if (joined.bytes.length > maxBytes) return fail('ur/too-large', { limit: maxBytes });
    return complete({ kind: 'bbqr', fileType: s.fileType, encoding: s.encoding, bytes: joined.bytes });
  }

  function pushUrPart(p: UrPart): ScanStatus {
    if (session.format === 'bbqr') return fail('ur/mixed-messages', { got: p.urType, expected: `bbqr-${session.fileType}` });
    // Header sanity: n fragments of equal length must cover the message (BCR-2024-001 partition).
    const covers = p.seqLen * p.fragmentLen >= p.messageLen && (p.seqLen - 1) * p.fragmentLen < p.messageLen;
    if (!covers) return ignore('corrupt');
    if (session.format === 'none') {
      if (!accepts(p.urType)) return fail('ur/unsupported-type', { got: p.urType, expected: expectedList() });
      if (p.messageLen > maxBytes) return fail('ur/too-large', { limit: maxBytes });
      session = { format: 'ur', urType: p.urType, messageLen: p.messageLen, checksum: p.checksum, sinks: new Map() };
    }
    const s = session as Extract<Session, { format: 'ur' }>;
    if (p.urType !== s.urType || p.messageLen !== s.messageLen || p.checksum !== s.checksum) {
      return fail('ur/mixed-messages', { got: p.urType, expected: s.urType });
    }
    let sink = s.sinks.get(p.seqLen);
    if (!sink) {
      if (s.sinks.size >= MAX_SINKS) return ignore('corrupt');
      sink = createFountainSink(opts.fountain);
      s.sinks.set(p.seqLen, sink);
    }
    if (!sink.receive(p)) return ignore('corrupt');
    const st = sink.state();
    if (st === 'failed') return fail('ur/corrupt');
    if (st === 'done') return finishUr(s.urType, sink.result()!);
    let best = { received: 0, expected: p.seqLen };
    for (const [n, k] of s.sinks) if (k.rank() / n >= best.received / best.expected) best = { received: k.rank(), expected: n };
    const percent = Math.min(99, Math.floor((100 * best.received) / best.expected));
    return { kind: 'progress', format: 'ur', urType: s.urType, ...best, percent, corruptCount: corrupt };
  }

  function pushUrSingle(urType: string, cbor: Uint8Array): ScanStatus {
    if (session.format === 'bbqr') return fail('ur/mixed-messages', { got: urType, expected: `bbqr-${session.fileType}` });
    if (session.format === 'ur') {
      // A whole copy of the message being assembled (sender switched to one dense QR) completes it.
      const same = urType === session.urType && cbor.length === session.messageLen && crc32(cbor) === session.checksum;
      return same ? finishUr(urType, cbor) : fail('ur/mixed-messages', { got: urType, expected: session.urType });
    }
    if (!accepts(urType)) return fail('ur/unsupported-type', { got: urType, expected: expectedList() });
    if (cbor.length > maxBytes) return fail('ur/too-large', { limit: maxBytes });
    return finishUr(urType, cbor);
  }

  /** After completion: frames of the same message are 'done'; a UR of another message is reported. */
  function afterComplete(text: string): ScanStatus {
    if (!done || typeof text !== 'string') return ignore('done');
    const p = parseUr(text);
    if (p.kind === 'corrupt') return ignore('corrupt');
    if (p.kind === 'not-ur') return ignore('done');
    const same =
      p.kind === 'part'
        ? p.urType === done.urType && p.messageLen === done.messageLen && p.checksum === done.checksum
        : p.urType === done.urType && p.cbor.length === done.messageLen && crc32(p.cbor) === done.checksum;
    return same ? ignore('done') : { kind: 'failed', code: 'ur/mixed-messages', detail: { got: p.urType, expected: done.urType } };
  }

  function push(text: string): ScanStatus {
    if (final) return final.kind === 'failed' ? final : afterComplete(text);
    frames++;
    if (typeof text !== 'string' || text.trim() === '') return ignore('empty');
    const key = text.trim().toLowerCase();
    if (seen.has(key)) return ignore('duplicate');
    seen.add(key);
    if (isBbqr(text.trim())) return pushBbqr(text);
    const p = parseUr(text);
    switch (p.kind) {
      case 'corrupt':
        return ignore('corrupt');
      case 'part':
        return pushUrPart(p);
      case 'single':
        return pushUrSingle(p.urType, p.cbor);
      case 'not-ur': {
        // Mid-scan, a stray QR (a sticker, another window) is noise, not a new message.
        if (session.format !== 'none') return ignore('not-ur');
        if (!acceptText) return fail('ur/not-ur', { got: 'text', expected: expectedList() });
        if (text.length > maxBytes) return fail('ur/too-large', { limit: maxBytes });
        return complete({ kind: 'text', text });
      }
    }
  }

  return {
    push,
    reset() {
      session = { format: 'none' };
      final = undefined;
      done = undefined;
      seen = new Set();
      corrupt = duplicates = frames = 0;
    },
    stats: () => ({ frames, corrupt, duplicates }),
  };
}

/** Is this UR type one Airlock knows (either generation)? */
export function isKnownUrType(urType: string): urType is UrType {
  return lookupUrType(urType) !== undefined;
}
