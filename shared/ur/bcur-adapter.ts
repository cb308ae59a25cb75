/**
 * The ONLY importer of `@ngraveio/bc-ur` (ARCHITECTURE 2.3): Uniform Resources (BCR-2020-005),
 * Bytewords (BCR-2020-012) and multipart fountain codes (BCR-2024-001 / BCR-2020-005 "MUR").
 *
 * It converts `Uint8Array` ↔ `Buffer` (from the `buffer` package) and turns bc-ur's context-free
 * throws (assert, InvalidSchemeError…) into plain result unions, so the scanner's hot path never
 * throws on junk. A future swap (bc-ur 2.x, an in-house coder) touches only this file.
 *
 * Multipart assembly uses shared/ur/fountain-decoder.ts (Gaussian elimination) fed with bc-ur's own
 * fragment chooser and CRC-32; bc-ur's URDecoder stays available (`engine: 'bc-ur'`) as the reference
 * the property tests and transport.bench.ts compare against.
 *
 * Deliberately does NOT: interpret the CBOR payload (registry.ts does), decide which types a screen
 * accepts, or detect mixed messages (assembler.ts does, from the part headers parsed here).
 */
import { Buffer } from 'buffer';
import { UR, URDecoder, UREncoder } from '@ngraveio/bc-ur';
import { chooseDegree, chooseFragments } from '@ngraveio/bc-ur/dist/fountainUtils';
import { getCRC } from '@ngraveio/bc-ur/dist/utils';
import { chooseFragmentIndexes, createFountainDecoder, type FountainDecoder, type Xoshiro256 } from './fountain-decoder';

// bc-ur 1.x uses the *global* Buffer inside (no import). Browsers have none; provide the `buffer`
// package's, once, so the station, the companion and their workers never depend on a polyfill order.
const g = globalThis as unknown as { Buffer?: unknown };
if (g.Buffer === undefined) g.Buffer = Buffer;

/** A QR text classified as UR: not a UR, a damaged one, a whole single-part UR, or one multipart fragment. */
export type ParsedUr =
  | { kind: 'not-ur' }
  | { kind: 'corrupt'; urType?: string }
  | { kind: 'single'; urType: string; cbor: Uint8Array }
  | {
      kind: 'part';
      urType: string;
      seqNum: number;
      seqLen: number;
      /** length in bytes of the whole CBOR message */
      messageLen: number;
      /** CRC-32 of the whole message (identifies the message) */
      checksum: number;
      fragmentLen: number;
      /** the part's fragment bytes (XOR of the fragments chosen by seqNum) */
      data: Uint8Array;
      /** normalised (lower-case, trimmed) text, for the fountain decoder */
      text: string;
    };

const toBuf = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const toU8 = (b: Buffer): Uint8Array => new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/** BCR-2020-005: a UR type is lower-case letters, digits and hyphens. */
export function isUrType(s: string): boolean {
  return /^[a-z0-9-]+$/.test(s);
}

/** Classify one scanned text (case-insensitive, surrounding whitespace ignored). Never throws. */
export function parseUr(input: string): ParsedUr {
  const text = input.trim().toLowerCase();
  if (!text.startsWith('ur:')) return { kind: 'not-ur' };
  const comps = text.slice(3).split('/');
  const urType = comps[0];
  if (!isUrType(urType) || comps.length < 2 || comps.length > 3) return { kind: 'corrupt' };
  try {
    if (comps.length === 2) {
      // Bytewords minimal decode checks the CRC-32 appended to the body.
      const ur = URDecoder.decode(text);
      return { kind: 'single', urType, cbor: toU8(ur.cbor) };
    }
    const seq = /^(\d{1,10})-(\d{1,10})$/.exec(comps[1]);
    if (!seq) return { kind: 'corrupt', urType };
    const body = URDecoder.decode(`ur:bytes/${comps[2]}`);
    const arr = body.decodeCBOR() as unknown;
    // BCR-2024-001: part = [seqNum, seqLen, messageLen, checksum, data]
    if (!Array.isArray(arr) || arr.length !== 5) return { kind: 'corrupt', urType };
    const [seqNum, seqLen, messageLen, checksum, data] = arr as unknown[];
    const ints = [seqNum, seqLen, messageLen, checksum];
    if (!ints.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)) return { kind: 'corrupt', urType };
    if (!Buffer.isBuffer(data) || data.length === 0) return { kind: 'corrupt', urType };
    if (seqNum !== Number(seq[1]) || seqLen !== Number(seq[2]) || (seqLen as number) < 1 || (seqNum as number) < 1) {
      return { kind: 'corrupt', urType };
    }
    return {
      kind: 'part',
      urType,
      seqNum: seqNum as number,
      seqLen: seqLen as number,
      messageLen: messageLen as number,
      checksum: checksum as number,
      fragmentLen: data.length,
      data: toU8(data),
      text,
    };
  } catch {
    // bc-ur throws assert errors / InvalidChecksumError on damaged bytewords: a corrupt frame.
    return { kind: 'corrupt', urType };
  }
}

/** Fountain decoder for ONE message: feed parts already checked to share a header (see assembler). */
export interface FountainSink {
  /** Returns false when the decoder refused the part (it never throws). */
  receive(part: Extract<ParsedUr, { kind: 'part' }>): boolean;
  /** 'pending' | 'done' | 'failed' (reassembled message fails its CRC-32) */
  state(): 'pending' | 'done' | 'failed';
  /** The reassembled CBOR message once done. */
  result(): Uint8Array | undefined;
  /** Distinct pure fragments recovered so far (directly or by XOR reduction). */
  recovered(): number;
  /** Independent parts received (elimination: rank; bc-ur: same as recovered). Complete at seqLen. */
  rank(): number;
}

const degreeOf = chooseDegree as unknown as (seqLen: number, rng: Xoshiro256) => number;

/**
 * Fragment indexes (0-based) XORed into part `seqNum` (BCR-2024-001): bc-ur's degree chooser driven by
 * fountain-decoder.ts's native Xoshiro256** (same numbers, ~100× faster); `engine: 'bc-ur'` calls
 * bc-ur's own chooseFragments (the reference, for tests and benches).
 */
export function fragmentIndexes(seqNum: number, seqLen: number, checksum: number, engine: FountainEngine = 'elimination'): number[] {
  if (engine === 'bc-ur') return chooseFragments(seqNum, seqLen, checksum);
  return chooseFragmentIndexes(seqNum, seqLen, checksum, degreeOf);
}

/** CRC-32 of a message as UR parts carry it (bc-ur's implementation). */
export function messageChecksum(message: Uint8Array): number {
  return getCRC(toBuf(message));
}

export type FountainEngine = 'elimination' | 'bc-ur';

/**
 * A fresh fountain decoder for one message. Default engine: Gaussian elimination
 * (fountain-decoder.ts); 'bc-ur' is bc-ur's peeling URDecoder, kept as the reference.
 */
export function createFountainSink(engine: FountainEngine = 'elimination'): FountainSink {
  return engine === 'bc-ur' ? bcurSink() : eliminationSink();
}

function eliminationSink(): FountainSink {
  let dec: FountainDecoder | undefined;
  let head: { seqLen: number; messageLen: number; checksum: number; fragmentLen: number } | undefined;
  let failed = false;
  let result: Uint8Array | undefined;
  return {
    receive(part) {
      if (failed || result) return false;
      if (!head) {
        head = { seqLen: part.seqLen, messageLen: part.messageLen, checksum: part.checksum, fragmentLen: part.fragmentLen };
        dec = createFountainDecoder(part.seqLen, part.fragmentLen, part.messageLen);
      }
      const h = head;
      if (part.seqLen !== h.seqLen || part.messageLen !== h.messageLen || part.checksum !== h.checksum || part.data.length !== h.fragmentLen) return false;
      let indexes: number[];
      try {
        indexes = fragmentIndexes(part.seqNum, part.seqLen, part.checksum);
      } catch {
        return false;
      }
      if (!dec!.receive(indexes, part.data)) return false;
      const msg = dec!.message();
      if (msg) {
        if (messageChecksum(msg) === h.checksum) result = msg;
        else failed = true;
      }
      return true;
    },
    state: () => (failed ? 'failed' : result ? 'done' : 'pending'),
    result: () => result,
    recovered: () => dec?.solved() ?? 0,
    rank: () => dec?.rank() ?? 0,
  };
}

function bcurSink(): FountainSink {
  const dec = new URDecoder();
  let failed = false;
  return {
    receive(part) {
      if (failed) return false;
      try {
        return dec.receivePart(part.text);
      } catch {
        return false;
      }
    },
    state() {
      if (failed || dec.isError()) return 'failed';
      return dec.isComplete() ? 'done' : 'pending';
    },
    result() {
      return dec.isSuccess() ? toU8(dec.resultUR().cbor) : undefined;
    },
    recovered() {
      return dec.receivedPartIndexes().length;
    },
    rank() {
      return dec.receivedPartIndexes().length;
    },
  };
}

/** One single-part UR `ur:<type>/<bytewords>` (lower-case). Throws AppError-free TypeError only on a bad type. */
export function encodeSinglePart(urType: string, cbor: Uint8Array): string {
  return UREncoder.encodeSinglePart(new UR(toBuf(cbor), urType));
}

export interface PartEncoder {
  /** Number of pure fragments (seqLen); 1 means single-part. */
  readonly fragmentCount: number;
  /** Next part, lower-case: parts 1..n are the pure fragments, then fountain-mixed parts forever. */
  nextPart(): string;
}

/** Multipart encoder (fountain codes). Fragment lengths in bytes of CBOR message. */
export function createPartEncoder(
  urType: string,
  cbor: Uint8Array,
  opts: { maxFragmentLength: number; minFragmentLength?: number; firstSeqNum?: number },
): PartEncoder {
  const enc = new UREncoder(new UR(toBuf(cbor), urType), opts.maxFragmentLength, opts.firstSeqNum ?? 0, opts.minFragmentLength ?? 10);
  return { fragmentCount: enc.fragmentsLength, nextPart: () => enc.nextPart() };
}
