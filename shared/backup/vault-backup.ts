/**
 * Encrypted whole-vault backup file: the vault's records (keys, labels, multisig wallets, policies,
 * audit log) as an opaque list of named plaintext items, sealed under a BACKUP passphrase (which
 * may differ from the vault's), plus a restore preview (merge or replace).
 *
 * ## Airlock backup file, version 1
 * UTF-8 JSON (text-safe for files, base64 or a UR/animated QR):
 *
 *     { "airlock_backup": 1,
 *       "created": "<ISO-8601 UTC, informational; must equal the authenticated time inside>",
 *       "check": <vault envelope v1 of "airlock-backup-v1", record id "backup/check">,
 *       "body":  <vault envelope v1 of the body, record id "backup/body"> }
 *
 * - Envelopes, KDF and cipher are the vault's own (shared/vault/envelope.ts, kdf.ts): Argon2id
 *   (default 46 MiB, t = 2; the vault's minimum and maximum are enforced on open) and
 *   XChaCha20-Poly1305 with the record id and KDF parameters in the AAD. Both envelopes must carry
 *   the same KDF spec (one salt). The ids keep backup records from being swapped with vault records.
 * - "check" tells a wrong passphrase ('backup/wrong-password') from a damaged body
 *   ('backup/corrupt'). Limit: a tampered check (or salt/params) also reads as a wrong passphrase.
 * - Body plaintext (binary, big-endian): "ABK1" ‖ u64 createdMs ‖ u32 count ‖ count × (u16 nameLen ‖
 *   UTF-8 name ‖ u32 dataLen ‖ data). Names are unique. No base64/hex copy of an item is made.
 * Deliberately does NOT: compress, pad or hide sizes; know what items mean (the vault does); write
 * files (the caller does).
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { AppError, type ErrorCode } from '../errors';
import { concatBytes, equalBytes, fromBase64 as fromB64, toBase64, tryUtf8, wipe } from '../bytes';
import { DEFAULT_KDF, KDF_ALG, deriveVaultKey, newSalt, type KdfParams } from '../vault/kdf';
import { openRecord, parseEnvelope, sameKdf, sealRecord, type Envelope, type KdfSpec } from '../vault/envelope';

export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_MIN_PASSPHRASE_CHARS = 8;
const CHECK_ID = 'backup/check';
const BODY_ID = 'backup/body';
const CHECK_PLAINTEXT = utf8ToBytes('airlock-backup-v1');
const BODY_MAGIC = utf8ToBytes('ABK1');

/** One named plaintext item (e.g. a decrypted vault record). `data` may be secret. */
export interface BackupItem {
  name: string;
  data: Uint8Array;
}

export interface OpenedBackup {
  version: number;
  /** ms since epoch, as passed to createBackup */
  createdAt: number;
  items: BackupItem[];
}

export interface BackupInfo {
  version: number;
  created: string;
  kdf: KdfParams;
}

export interface RestorePreview {
  added: string[];
  replaced: string[];
  unchanged: string[];
  /** Items of the current vault that a 'replace' restore would remove (a merge keeps them). */
  removedIfReplace: string[];
}

function fail(code: ErrorCode): never {
  throw new AppError(code);
}

function encodeBody(items: readonly BackupItem[], createdAt: number): Uint8Array {
  const parts: Uint8Array[] = [BODY_MAGIC];
  const head = new Uint8Array(12);
  const hv = new DataView(head.buffer);
  hv.setBigUint64(0, BigInt(createdAt));
  hv.setUint32(8, items.length);
  parts.push(head);
  for (const it of items) {
    const name = utf8ToBytes(it.name);
    const lens = new Uint8Array(6);
    const lv = new DataView(lens.buffer);
    lv.setUint16(0, name.length);
    lv.setUint32(2, it.data.length);
    parts.push(lens.subarray(0, 2), name, lens.subarray(2), it.data);
  }
  return concatBytes(...parts);
}

function decodeBody(b: Uint8Array): { createdAt: number; items: BackupItem[] } {
  if (b.length < 16) fail('backup/corrupt');
  if (!equalBytes(b.subarray(0, 3), BODY_MAGIC.subarray(0, 3))) fail('backup/corrupt');
  if (b[3] !== BODY_MAGIC[3]) fail('backup/unsupported-version');
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const createdAt = Number(v.getBigUint64(4));
  const count = v.getUint32(12);
  let o = 16;
  const items: BackupItem[] = [];
  const names = new Set<string>();
  for (let i = 0; i < count; i++) {
    if (o + 2 > b.length) fail('backup/corrupt');
    const nl = v.getUint16(o);
    o += 2;
    const name = o + nl <= b.length ? tryUtf8(b.subarray(o, o + nl)) : undefined;
    if (name === undefined || names.has(name)) fail('backup/corrupt');
    o += nl;
    if (o + 4 > b.length) fail('backup/corrupt');
    const dl = v.getUint32(o);
    o += 4;
    if (o + dl > b.length) fail('backup/corrupt');
    items.push({ name, data: b.slice(o, o + dl) });
    names.add(name);
    o += dl;
  }
  if (o !== b.length) fail('backup/corrupt');
  return { createdAt, items };
}

/**
 * Seal `items` under `passphrase` (≥ 8 characters); `now` in ms since epoch. `kdf` defaults to the
 * vault's DEFAULT_KDF. Throws 'backup/passphrase-too-short', 'backup/corrupt' (duplicate item name).
 */
export async function createBackup(items: readonly BackupItem[], passphrase: string, now: number, kdf: KdfParams = DEFAULT_KDF): Promise<Uint8Array> {
  if ([...passphrase].length < BACKUP_MIN_PASSPHRASE_CHARS) throw new AppError('backup/passphrase-too-short', { min: BACKUP_MIN_PASSPHRASE_CHARS });
  if (new Set(items.map((i) => i.name)).size !== items.length) fail('backup/corrupt');
  const salt = newSalt();
  const spec: KdfSpec = { alg: KDF_ALG, params: { ...kdf }, salt: toBase64(salt) };
  let key: Uint8Array;
  try {
    key = await deriveVaultKey(passphrase, salt, spec.params);
  } catch (e) {
    return asBackupError(e);
  }
  const body = encodeBody(items, now);
  try {
    const check = sealRecord(key, spec, CHECK_ID, CHECK_PLAINTEXT);
    const sealed = sealRecord(key, spec, BODY_ID, body);
    const doc = {
      airlock_backup: BACKUP_FORMAT_VERSION,
      created: new Date(now).toISOString(),
      check: JSON.parse(tryUtf8(check)!) as Envelope,
      body: JSON.parse(tryUtf8(sealed)!) as Envelope,
    };
    return utf8ToBytes(JSON.stringify(doc));
  } finally {
    wipe(key, body);
  }
}

/** Map the vault's envelope errors onto backup codes. */
function asBackupError(e: unknown): never {
  if (e instanceof AppError) {
    if (e.code === 'vault/unsupported-version') throw new AppError('backup/unsupported-version', undefined, { cause: e });
    if (e.code.startsWith('vault/') || e.code === 'input/bad-encoding') throw new AppError('backup/corrupt', undefined, { cause: e });
    throw e;
  }
  throw new AppError('backup/corrupt', undefined, { cause: e });
}

function parseDoc(bytes: Uint8Array): { created: string; check: Envelope; body: Envelope } {
  let doc: unknown;
  try {
    doc = JSON.parse(tryUtf8(bytes) ?? '');
  } catch (e) {
    throw new AppError('backup/corrupt', undefined, { cause: e });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) fail('backup/corrupt');
  const d = doc as Record<string, unknown>;
  if (typeof d.airlock_backup !== 'number') fail('backup/corrupt');
  if (d.airlock_backup !== BACKUP_FORMAT_VERSION) fail('backup/unsupported-version');
  if (typeof d.created !== 'string') fail('backup/corrupt');
  try {
    const check = parseEnvelope(utf8ToBytes(JSON.stringify(d.check)));
    const body = parseEnvelope(utf8ToBytes(JSON.stringify(d.body)));
    if (!sameKdf(check.kdf, body.kdf)) fail('backup/corrupt');
    return { created: d.created, check, body };
  } catch (e) {
    return asBackupError(e);
  }
}

/** Public facts of a backup file, readable without the passphrase. Throws 'backup/corrupt' | 'backup/unsupported-version'. */
export function readBackupInfo(bytes: Uint8Array): BackupInfo {
  const { created, check } = parseDoc(bytes);
  return { version: BACKUP_FORMAT_VERSION, created, kdf: { ...check.kdf.params } };
}

/**
 * Decrypt a backup file. Throws 'backup/wrong-password', 'backup/corrupt' (truncated, tampered,
 * KDF parameters outside the vault's limits), 'backup/unsupported-version'.
 */
export async function openBackup(bytes: Uint8Array, passphrase: string): Promise<OpenedBackup> {
  const { created, check, body } = parseDoc(bytes);
  let key: Uint8Array;
  try {
    key = await deriveVaultKey(passphrase, fromB64(check.kdf.salt), check.kdf.params);
  } catch (e) {
    return asBackupError(e);
  }
  let plain: Uint8Array | undefined;
  try {
    let ok: Uint8Array;
    try {
      ok = openRecord(key, check, CHECK_ID);
    } catch (e) {
      throw new AppError('backup/wrong-password', undefined, { cause: e });
    }
    if (!equalBytes(ok, CHECK_PLAINTEXT)) fail('backup/corrupt');
    try {
      plain = openRecord(key, body, BODY_ID);
    } catch (e) {
      throw new AppError('backup/corrupt', undefined, { cause: e });
    }
    const { createdAt, items } = decodeBody(plain);
    // The outer "created" is unauthenticated: it must match the sealed time.
    if (Number.isNaN(Date.parse(created)) || Date.parse(created) !== createdAt) fail('backup/corrupt');
    return { version: BACKUP_FORMAT_VERSION, createdAt, items };
  } finally {
    wipe(key, plain);
  }
}

/** What a restore would change: names added, replaced (different bytes), unchanged, and removed by 'replace'. */
export function previewRestore(current: readonly BackupItem[], backup: readonly BackupItem[]): RestorePreview {
  const cur = new Map(current.map((i) => [i.name, i.data]));
  const bak = new Map(backup.map((i) => [i.name, i.data]));
  const sort = (a: string[]) => a.sort();
  return {
    added: sort([...bak.keys()].filter((n) => !cur.has(n))),
    replaced: sort([...bak.keys()].filter((n) => cur.has(n) && !equalBytes(cur.get(n)!, bak.get(n)!))),
    unchanged: sort([...bak.keys()].filter((n) => cur.has(n) && equalBytes(cur.get(n)!, bak.get(n)!))),
    removedIfReplace: sort([...cur.keys()].filter((n) => !bak.has(n))),
  };
}

/** The item list after a restore: 'merge' keeps current items the backup lacks; 'replace' keeps only the backup's. */
export function applyRestore(current: readonly BackupItem[], backup: readonly BackupItem[], mode: 'merge' | 'replace'): BackupItem[] {
  const out = new Map<string, Uint8Array>(mode === 'merge' ? current.map((i) => [i.name, i.data]) : []);
  for (const i of backup) out.set(i.name, i.data);
  return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, data]) => ({ name, data }));
}
