/**
 * The scanner's state, as a pure reducer over decoded QR texts: it feeds the UR assembler
 * (shared/ur/assembler.ts), applies the screen's accept policy and size limit, counts what was
 * ignored (corrupt parts, duplicates, stray codes) and turns every outcome into one `ScanView`
 * the component renders. No DOM, no timers: unit-tested in Node (test/unit/ui/scan-session.test.ts).
 *
 * Rules: a failure (mixed messages, wrong type, too large, plain text where not accepted) stops
 * the scan until `restart()` — parts of two messages are never mixed; once complete, later codes
 * are ignored.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../../bytes';
import { createAssembler, type ScanPayload, type ScanStatus } from '../../ur/assembler';
import type { UrType } from '../../ur/registry';
import type { ErrorCode } from '../../errors';

export interface AcceptPolicy {
  /** UR types this screen takes (both generations where they exist); BBQr PSBTs count as `crypto-psbt`. */
  urTypes: readonly UrType[];
  /** Whether plain (non-UR) QR text is offered to the screen. */
  text: boolean;
  /** What the screen expects, in words, for the "got X, expected Y" message. */
  expected: string;
  /**
   * The payload is a secret (a SeedQR): no hash of it is computed or shown, and the screen keeps no
   * copy in its state (ARCHITECTURE 2.6). Only `onComplete` receives it.
   */
  secret?: boolean;
}

export type ScanView =
  | { phase: 'waiting' }
  | { phase: 'progress'; urType: string; received: number; expected: number; percent: number }
  | { phase: 'done'; payload: ScanPayload; byteLength: number }
  | { phase: 'failed'; code: ErrorCode; detail?: Readonly<Record<string, string | number>> };

export interface ScanCounters {
  /** QR texts pushed (frames where a code was decoded). */
  decoded: number;
  /** Codes that moved the message forward. */
  used: number;
  corrupt: number;
  duplicate: number;
  /** Other ignored codes (a stray non-UR code in the middle of an animation, empty reads). */
  other: number;
}

export interface ScanSession {
  readonly view: ScanView;
  readonly counters: ScanCounters;
  push(text: string): ScanView;
  /** Drop everything received and wait for a new first code. */
  restart(): ScanView;
}

/** Byte size of a payload, for the done screen. */
export function payloadByteLength(p: ScanPayload): number {
  if (p.kind === 'text') return p.text.length;
  if ('bytes' in p) return p.bytes.length;
  return p.cbor.length;
}

/** The bytes a payload carries (PSBT/bytes/BBQr data, else the UR's CBOR, else UTF-8 text), e.g. to hash them. */
export function payloadBytes(p: ScanPayload): Uint8Array {
  if (p.kind === 'text') return new TextEncoder().encode(p.text);
  if ('bytes' in p) return p.bytes;
  return p.cbor;
}

/**
 * SHA-256 (hex) of a completed payload, shown so the user can compare it with the sender's;
 * undefined before completion and for secret screens (a hash of a seed is secret-derived).
 */
export function payloadDigest(view: ScanView, accept: AcceptPolicy): string | undefined {
  if (view.phase !== 'done' || accept.secret) return undefined;
  return toHex(sha256(payloadBytes(view.payload)));
}

/** The view a screen may keep in its state: on a secret screen a done payload becomes empty text (byte count kept). */
export function displayView(view: ScanView, accept: AcceptPolicy): ScanView {
  return view.phase === 'done' && accept.secret ? { ...view, payload: { kind: 'text', text: '' } } : view;
}

const zero = (): ScanCounters => ({ decoded: 0, used: 0, corrupt: 0, duplicate: 0, other: 0 });

/** A scan session for one screen. `maxBytes` refuses larger payloads (`ur/too-large`). */
export function createScanSession(accept: AcceptPolicy, maxBytes: number): ScanSession {
  const assembler = createAssembler({ accept: accept.urTypes, acceptText: accept.text, maxBytes });
  let view: ScanView = { phase: 'waiting' };
  let counters = zero();

  function onStatus(s: ScanStatus): ScanView {
    switch (s.kind) {
      case 'ignored':
        if (s.reason === 'corrupt') counters.corrupt++;
        else if (s.reason === 'duplicate') counters.duplicate++;
        else counters.other++;
        return view;
      case 'progress':
        counters.used++;
        return { phase: 'progress', urType: s.urType, received: s.received, expected: s.expected, percent: s.percent };
      case 'complete':
        counters.used++;
        return { phase: 'done', payload: s.payload, byteLength: payloadByteLength(s.payload) };
      case 'failed': {
        // Name what the screen expects in words rather than as a list of UR type names.
        const named = s.code === 'ur/unsupported-type' || s.code === 'ur/not-ur';
        return { phase: 'failed', code: s.code, detail: named ? { ...s.detail, expected: accept.expected } : s.detail };
      }
    }
  }

  return {
    get view() {
      return view;
    },
    get counters() {
      return counters;
    },
    push(text) {
      if (view.phase === 'done' || view.phase === 'failed') return view;
      counters.decoded++;
      view = onStatus(assembler.push(text));
      return view;
    },
    restart() {
      assembler.reset();
      counters = zero();
      view = { phase: 'waiting' };
      return view;
    },
  };
}
