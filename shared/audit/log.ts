/**
 * Tamper-evident audit log: a hash chain of Ed25519-signed JSON Lines entries (CLI.md "Audit",
 * issue 9). Format, version 1 — one entry per line:
 *
 *   {"seq":N,"time":ISO,"event":NAME,"details":{…},"prev":HEX64,"hash":HEX64,"sig":HEX128}
 *
 * - `seq` counts 0, 1, 2… and equals the entry's position in the log.
 * - `prev` is the `hash` of the previous entry; for seq 0 it is GENESIS_PREV (64 zeros).
 * - `hash` = SHA-256(UTF-8(canonicalJson({seq, time, event, details, prev}))), lower-case hex.
 *   Canonical JSON: object keys sorted (JS default order, i.e. by UTF-16 code units), recursively;
 *   no whitespace; strings and numbers exactly as ECMAScript JSON.stringify writes them; only
 *   null/boolean/finite number/string/array/object values. The hash is over the parsed values, so
 *   re-spacing a line does not break it; changing any value does.
 * - `sig` = Ed25519 (RFC 8032, @noble/curves) signature of the 32 raw hash bytes, by the audit key.
 * - Entry 0 is `log-started` with `details.station_key` = the 32-byte Ed25519 public key (hex);
 *   every entry (entry 0 included) must verify under that key. A later `log-started` is invalid.
 * - Lines carry exactly these 7 fields; anything else makes the entry invalid.
 *
 * Audit key: the station creates a random 32-byte seed with its vault (`generateAuditSeed`); the
 * CLI derives it one-way from the master key (`deriveAuditSeed`), so a leaked audit key reveals
 * nothing about the wallet.
 * Deliberately not done: detecting entries cut off the end (a hash chain cannot; compare
 * `entries`/`last_hash` with what the station shows), time monotonicity (offline clocks drift),
 * storage (the station keeps the log in its vault; the CLI in a file).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { HDKey } from '@scure/bip32';
import { concatBytes, fromHex, toHex } from '../bytes';
import { AppError } from '../errors';
import type { AuditEvent } from './events';

export const GENESIS_PREV = '0'.repeat(64);
/** HMAC key of the one-way derivation of the CLI audit seed from a master key. */
export const AUDIT_KEY_LABEL = 'Airlock audit key v1';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export interface AuditEntry {
  seq: number;
  time: string;
  event: string;
  details: { [k: string]: JsonValue };
  prev: string;
  hash: string;
  sig: string;
}

export interface AuditVerifyResult {
  /** Number of non-blank lines (entries present, readable or not). */
  entries: number;
  valid: boolean;
  /** Position (from 0: the seq it should carry) of the first failing entry, or null. */
  first_bad_entry: number | null;
  /** Audit public key (hex) published by entry 0, or null when entry 0 is not a readable log-started. */
  station_key: string | null;
  /** `hash` of the last entry as recorded (null if that line is unreadable or there is none). */
  last_hash: string | null;
  /** False when no line at all is a log entry (the CLI exits 2). */
  hasEntries: boolean;
  /** Readable entries before first_bad_entry (all entries when valid). */
  verified: AuditEntry[];
}

const ENTRY_KEYS = ['details', 'event', 'hash', 'prev', 'seq', 'sig', 'time'];
const HEX64 = /^[0-9a-f]{64}$/;
const HEX128 = /^[0-9a-f]{128}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Canonical JSON (sorted keys, no spaces). Throws AppError('input/bad-encoding') on non-JSON values. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new AppError('input/bad-encoding', { expected: 'finite number' });
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}';
  }
  throw new AppError('input/bad-encoding', { expected: 'JSON value' });
}

/** SHA-256 (hex) of an entry's canonical body {seq, time, event, details, prev}. */
export function hashEntryBody(e: Pick<AuditEntry, 'seq' | 'time' | 'event' | 'details' | 'prev'>): string {
  const body = { seq: e.seq, time: e.time, event: e.event, details: e.details, prev: e.prev };
  return toHex(sha256(utf8ToBytes(canonicalJson(body))));
}

/** New random 32-byte Ed25519 audit seed (the station creates one with its vault). Caller wipes it. */
export function generateAuditSeed(): Uint8Array {
  return randomBytes(32);
}

/**
 * One-way audit seed from an HD key: HMAC-SHA256(key = "Airlock audit key v1",
 * msg = private key (32) ‖ chain code (32)). Throws AppError('keys/bad-xkey') for a public-only key.
 */
export function deriveAuditSeed(root: HDKey): Uint8Array {
  const priv = root.privateKey;
  const cc = root.chainCode;
  if (!priv || !cc) throw new AppError('keys/bad-xkey');
  const msg = concatBytes(priv, cc);
  try {
    return hmac(sha256, utf8ToBytes(AUDIT_KEY_LABEL), msg);
  } finally {
    msg.fill(0);
  }
}

/** Ed25519 public key (hex) of an audit seed (32 bytes). */
export function auditPublicKey(seed: Uint8Array): string {
  return toHex(ed25519.getPublicKey(seed));
}

function signEntry(seq: number, time: string, ev: AuditEvent, prev: string, seed: Uint8Array): AuditEntry {
  if (!ISO_TIME.test(time)) throw new AppError('input/bad-encoding', { expected: 'ISO 8601 time' });
  // round-trip through canonical JSON: refuses bigints/undefined-only shapes, drops undefined keys
  const details = JSON.parse(canonicalJson(ev.details)) as AuditEntry['details'];
  const body = { seq, time, event: ev.event, details, prev };
  const hash = hashEntryBody(body);
  const sig = toHex(ed25519.sign(fromHex(hash), seed));
  return { ...body, hash, sig };
}

/** The first entry of a new log: `log-started` publishing the audit public key. `time`: ISO 8601. */
export function startLog(seed: Uint8Array, time: string): AuditEntry {
  return signEntry(0, time, { event: 'log-started', details: { station_key: auditPublicKey(seed) } }, GENESIS_PREV, seed);
}

/**
 * Sign and return the next entry for `event` (the caller appends it). Does not re-verify the log
 * (call verifyLog first); checks the key matches entry 0. Throws AppError('audit/wrong-key'),
 * AppError('audit/invalid-log') for an empty log or a second log-started.
 */
export function appendEntry(log: readonly AuditEntry[], event: AuditEvent, seed: Uint8Array, time: string): AuditEntry {
  const last = log[log.length - 1];
  if (!last || event.event === 'log-started') throw new AppError('audit/invalid-log', { entry: log.length });
  if (log[0].details.station_key !== auditPublicKey(seed)) throw new AppError('audit/wrong-key');
  return signEntry(last.seq + 1, time, event, last.hash, seed);
}

/** One JSON Lines line for an entry (fields in the documented order, no trailing newline). */
export function serializeEntry(e: AuditEntry): string {
  const { seq, time, event, details, prev, hash, sig } = e;
  return JSON.stringify({ seq, time, event, details: JSON.parse(canonicalJson(details)), prev, hash, sig });
}

/** The whole log as JSON Lines text (one entry per line, trailing newline). */
export function serializeLog(entries: readonly AuditEntry[]): string {
  return entries.map((e) => serializeEntry(e) + '\n').join('');
}

function safeSerialize(e: AuditEntry): string {
  try {
    return serializeEntry(e);
  } catch {
    return '!unserializable'; // counts as an unreadable entry at its position
  }
}

/** Parse one line into an entry if it has the exact entry shape; undefined otherwise. */
export function parseEntryLine(line: string): AuditEntry | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (Object.keys(o).sort().join() !== ENTRY_KEYS.join()) return undefined;
  const { seq, time, event, details, prev, hash, sig } = o;
  if (!Number.isSafeInteger(seq) || (seq as number) < 0) return undefined;
  if (typeof time !== 'string' || typeof event !== 'string') return undefined;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return undefined;
  if (typeof prev !== 'string' || typeof hash !== 'string' || typeof sig !== 'string') return undefined;
  return o as unknown as AuditEntry;
}

/** True if `x` looks like an entry even if damaged (has a numeric seq and a hash): for the "no entry" test. */
function looksLikeEntry(line: string): boolean {
  try {
    const o = JSON.parse(line) as Record<string, unknown>;
    return typeof o === 'object' && o !== null && typeof o.seq === 'number' && typeof o.hash === 'string';
  } catch {
    return false;
  }
}

/** Ed25519 verification (sig, 32-byte message, 32-byte public key) → valid? Must never throw. */
export type SignatureVerifier = (sig: Uint8Array, msg: Uint8Array, publicKey: Uint8Array) => boolean;

/** Default verifier: @noble/curves, strict RFC 8032 (zip215 off, like OpenSSL/WebCrypto). */
export const nobleVerify: SignatureVerifier = (sig, msg, publicKey) => {
  try {
    return ed25519.verify(sig, msg, publicKey, { zip215: false });
  } catch {
    return false;
  }
};

/** Check one entry at `pos` given the previous entry's hash and the station key; true if good. */
function entryOk(e: AuditEntry, pos: number, prevHash: string, key: Uint8Array | undefined, verifySig: SignatureVerifier): boolean {
  if (e.seq !== pos || e.prev !== prevHash) return false; // removed / reordered / spliced
  if (!HEX64.test(e.hash) || !HEX128.test(e.sig) || !key) return false;
  if ((pos === 0) !== (e.event === 'log-started')) return false; // key publication only at the start
  let h: string;
  try {
    h = hashEntryBody(e);
  } catch {
    return false;
  }
  if (h !== e.hash) return false; // edited
  return verifySig(fromHex(e.sig), fromHex(e.hash), key); // forged
}

/** Where a partial export continues from: the last entry the verifier already holds. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

/**
 * Verify a log (JSON Lines text or parsed entries) per CLI.md `audit verify`. Blank lines are
 * ignored; an unreadable line counts as an entry that fails at its position. `stationKey`
 * (hex) pins the expected audit key: another key fails at entry 0. `verifySignature` lets a host
 * plug in a native Ed25519 (the CLI uses node:crypto, ~15x faster). `anchor` verifies a partial
 * export (the entries after `anchor.seq`, chained to `anchor.hash`; needs `stationKey`): positions
 * and first_bad_entry then count from anchor.seq + 1. Never throws on bad input.
 */
export function verifyLog(
  input: string | readonly AuditEntry[],
  opts: { stationKey?: string; verifySignature?: SignatureVerifier; anchor?: AuditAnchor } = {},
): AuditVerifyResult {
  const verifySig = opts.verifySignature ?? nobleVerify;
  const lines: string[] =
    typeof input === 'string' ? input.split(/\r?\n/).filter((l) => l.trim() !== '') : input.map(safeSerialize);
  const parsed = lines.map(parseEntryLine);
  const hasEntries = lines.some((l, i) => parsed[i] !== undefined || looksLikeEntry(l));
  const first = parsed[0];
  const pinned = opts.stationKey?.toLowerCase();
  let stationKey: string | null = null;
  if (opts.anchor) {
    if (pinned !== undefined && HEX64.test(pinned)) stationKey = pinned; // a continuation carries no key: use the pinned one
  } else if (first && first.event === 'log-started' && typeof first.details.station_key === 'string') {
    const k = first.details.station_key.toLowerCase();
    if (HEX64.test(k)) stationKey = k;
  }
  let key: Uint8Array | undefined = stationKey ? fromHex(stationKey) : undefined;
  if (pinned !== undefined && pinned !== stationKey) key = undefined;

  const base = opts.anchor ? opts.anchor.seq + 1 : 0;
  let bad: number | null = null;
  let prevHash = opts.anchor ? opts.anchor.hash : GENESIS_PREV;
  for (let i = 0; i < parsed.length; i++) {
    const e = parsed[i];
    if (!e || !entryOk(e, base + i, prevHash, key, verifySig)) {
      bad = i;
      break;
    }
    prevHash = e.hash;
  }
  const last = parsed[parsed.length - 1];
  const verified = (bad === null ? parsed : parsed.slice(0, bad)) as AuditEntry[];
  return {
    entries: lines.length,
    valid: bad === null && lines.length > 0,
    first_bad_entry: lines.length === 0 ? base : bad === null ? null : base + bad,
    station_key: stationKey,
    last_hash: last && typeof last.hash === 'string' ? last.hash : null,
    hasEntries,
    verified,
  };
}
