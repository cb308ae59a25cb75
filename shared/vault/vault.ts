/**
 * The station's encrypted key vault: several BIP-39 keys with labels, plus opaque encrypted blobs
 * for other modules (getMeta/putMeta). Format and algorithms: envelope.ts; KDF: kdf.ts.
 *
 * - Unlock derives the vault key once (Argon2id) and decrypts each record separately: a damaged
 *   record is listed with status 'corrupt' and the others stay usable.
 * - Secrets are decrypted on demand (withRoot) and wiped after use; the unlocked vault keeps only
 *   the vault key and non-secret summaries. lock() wipes the key.
 * - changePassphrase rewrites every record under a new salt in ONE atomic store batch, so a crash
 *   midway leaves the old vault readable with the old passphrase.
 *
 * Key record plaintext (`key/<id>`): [0x01] ‖ u32be metaLen ‖ meta JSON {label, fingerprint,
 * createdAt, kind:'bip39', hasPassphrase} ‖ u8 entropyLen ‖ BIP-39 entropy ‖ UTF-8 BIP-39 passphrase.
 * Deliberately does NOT: store mnemonic words or seeds (entropy only), or detect whole-record rollback.
 */
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { AppError } from '../errors';
import { concatBytes, equalBytes, toBase64, toHex, tryUtf8, wipe } from '../bytes';
import { SecretBytes } from '../secret';
import { masterFingerprint, seedFromEntropy, withRoot as withSeedRoot, type HDKey } from '../keys/hd';
import { DEFAULT_KDF, KDF_ALG, checkKdfParams, deriveVaultKey, newSalt, type KdfParams } from './kdf';
import { openRecord, parseEnvelope, sameKdf, sealRecord, type Envelope, type KdfSpec } from './envelope';
import type { StoreOp, VaultStore } from './store';
import { HEADER_ID, kdfSalt, openVaultKey, sealHeader } from './header';

export const VAULT_MIN_PASSPHRASE_CHARS = 8;
const KEY_PREFIX = 'key/';
const META_PREFIX = 'meta/';

export interface KeySummary {
  id: string;
  label: string;
  /** master fingerprint, 8 lower-hex ('' when corrupt) */
  fingerprint: string;
  /** ms since epoch, as passed to addKey (0 when corrupt) */
  createdAt: number;
  kind: 'bip39';
  hasPassphrase: boolean;
  status: 'ok' | 'corrupt';
}

export interface VaultCreateOptions {
  /** Argon2id parameters (default DEFAULT_KDF); must meet the documented minimum. */
  kdf?: KdfParams;
}

interface KeyMeta {
  label: string;
  fingerprint: string;
  createdAt: number;
  kind: 'bip39';
  hasPassphrase: boolean;
}

function encodeKeyRecord(meta: KeyMeta, entropy: Uint8Array, passphrase: string): Uint8Array {
  const m = utf8ToBytes(JSON.stringify(meta));
  const len = new Uint8Array(4);
  new DataView(len.buffer).setUint32(0, m.length);
  return concatBytes(Uint8Array.of(1), len, m, Uint8Array.of(entropy.length), entropy, utf8ToBytes(passphrase));
}

/** Decode a key record; the caller wipes `pt`. Throws 'vault/corrupt'. (Exported for the backup drill.) */
export function decodeKeyRecord(pt: Uint8Array): { meta: KeyMeta; entropy: Uint8Array; passphrase: string } {
  const bad = () => new AppError('vault/corrupt');
  if (pt.length < 6 || pt[0] !== 1) throw bad();
  const mLen = new DataView(pt.buffer, pt.byteOffset + 1, 4).getUint32(0);
  if (5 + mLen + 1 > pt.length) throw bad();
  let meta: KeyMeta;
  try {
    meta = JSON.parse(tryUtf8(pt.subarray(5, 5 + mLen)) ?? '') as KeyMeta;
  } catch {
    throw bad();
  }
  if (typeof meta?.label !== 'string' || !/^[0-9a-f]{8}$/.test(meta.fingerprint) || typeof meta.createdAt !== 'number') throw bad();
  const eLen = pt[5 + mLen];
  const eStart = 6 + mLen;
  if (![16, 20, 24, 28, 32].includes(eLen) || eStart + eLen > pt.length) throw bad();
  const passphrase = tryUtf8(pt.subarray(eStart + eLen));
  if (passphrase === undefined) throw bad();
  return { meta, entropy: pt.slice(eStart, eStart + eLen), passphrase };
}

function checkLabel(label: string): string {
  const l = label.trim();
  if (l === '') throw new AppError('input/empty');
  if (l.length > 100) throw new AppError('input/too-large');
  return l;
}

function checkPassphrase(p: string): void {
  if ([...p].length < VAULT_MIN_PASSPHRASE_CHARS) throw new AppError('vault/passphrase-too-short', { min: VAULT_MIN_PASSPHRASE_CHARS });
}

function checkMetaName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) throw new AppError('input/bad-encoding', { expected: 'record name' });
}

const CORRUPT = (id: string): KeySummary => ({ id, label: '', fingerprint: '', createdAt: 0, kind: 'bip39', hasPassphrase: false, status: 'corrupt' });

/** An open (unlocked) or locked vault over a VaultStore; create with Vault.create, open with Vault.unlock. */
export class Vault {
  #store: VaultStore;
  #key: Uint8Array | null;
  #kdf: KdfSpec;
  #keys = new Map<string, KeySummary>();

  private constructor(store: VaultStore, key: Uint8Array, kdf: KdfSpec) {
    this.#store = store;
    this.#key = key;
    this.#kdf = kdf;
  }

  /** Whether `store` holds a vault (no passphrase needed). */
  static async exists(store: VaultStore): Promise<boolean> {
    return (await store.get(HEADER_ID)) !== undefined;
  }

  /** Create an empty vault and return it unlocked. Throws 'vault/exists', 'vault/passphrase-too-short', 'vault/weak-kdf'. */
  static async create(store: VaultStore, passphrase: string, now: number, opts?: VaultCreateOptions): Promise<Vault> {
    void now; // the header carries no timestamp; kept for a stable signature (keys are stamped by addKey)
    checkPassphrase(passphrase);
    const params = { ...(opts?.kdf ?? DEFAULT_KDF) };
    checkKdfParams(params);
    if (await Vault.exists(store)) throw new AppError('vault/exists');
    const kdf: KdfSpec = { alg: KDF_ALG, params, salt: toBase64(newSalt()) };
    const key = await deriveVaultKey(passphrase, kdfSalt(kdf), params);
    await store.batch([{ kind: 'put', key: HEADER_ID, value: sealHeader(key, kdf) }]);
    return new Vault(store, key, kdf);
  }

  /**
   * Unlock with the vault passphrase. Throws 'vault/not-found', 'vault/wrong-password',
   * 'vault/weak-kdf' (stored parameters under the minimum), 'vault/unsupported-version', 'vault/corrupt' (header).
   */
  static async unlock(store: VaultStore, passphrase: string): Promise<Vault> {
    const { key, header } = await openVaultKey(store, passphrase);
    const v = new Vault(store, key, header.kdf);
    await v.#loadSummaries();
    return v;
  }

  get locked(): boolean {
    return this.#key === null;
  }

  /** Wipe the vault key and forget summaries; every later call throws 'vault/locked'. */
  lock(): void {
    wipe(this.#key ?? undefined);
    this.#key = null;
    this.#keys.clear();
  }

  /** Keys in the vault (non-secret summaries), oldest first. Throws 'vault/locked'. */
  listKeys(): KeySummary[] {
    this.#requireKey();
    return [...this.#keys.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  /**
   * Encrypt and store a BIP-39 key (entropy 16–32 bytes; the caller keeps and wipes `entropy`).
   * Throws 'vault/locked', 'mnemonic/bad-length', 'input/empty' (label).
   */
  async addKey(input: { label: string; entropy: SecretBytes; bip39Passphrase: string }, now: number): Promise<KeySummary> {
    const key = this.#requireKey();
    const label = checkLabel(input.label);
    if (![16, 20, 24, 28, 32].includes(input.entropy.length)) throw new AppError('mnemonic/bad-length');
    const seed = seedFromEntropy(input.entropy, input.bip39Passphrase);
    const fingerprint = masterFingerprint(seed);
    seed.wipe();
    const id = toHex(randomBytes(16));
    const meta: KeyMeta = { label, fingerprint, createdAt: now, kind: 'bip39', hasPassphrase: input.bip39Passphrase !== '' };
    const pt = input.entropy.use((e) => encodeKeyRecord(meta, e, input.bip39Passphrase));
    const value = sealRecord(key, this.#kdf, KEY_PREFIX + id, pt);
    wipe(pt);
    await this.#store.batch([{ kind: 'put', key: KEY_PREFIX + id, value }]);
    const summary = summaryOf(id, meta);
    this.#keys.set(id, summary);
    return { ...summary };
  }

  /**
   * Decrypt key `id`, build its BIP-32 root and run fn; the root, seed and entropy are wiped after.
   * fn must not keep the key. Throws 'vault/locked', 'vault/not-found', 'vault/corrupt'.
   */
  async withRoot<T>(id: string, fn: (root: HDKey) => T): Promise<T> {
    const { entropy, passphrase } = await this.#readKey(id);
    const e = new SecretBytes(entropy);
    const seed = seedFromEntropy(e, passphrase);
    e.wipe();
    try {
      return withSeedRoot(seed, fn);
    } finally {
      seed.wipe();
    }
  }

  /**
   * Decrypt key `id` and run fn with its BIP-39 entropy and passphrase (backups: SLIP-39 split,
   * SeedQR); the entropy is wiped after. fn must not keep it. Throws 'vault/locked', 'vault/not-found', 'vault/corrupt'.
   */
  async withEntropy<T>(id: string, fn: (entropy: SecretBytes, bip39Passphrase: string) => T | Promise<T>): Promise<T> {
    const { entropy, passphrase } = await this.#readKey(id);
    const e = new SecretBytes(entropy);
    try {
      return await fn(e, passphrase);
    } finally {
      e.wipe();
    }
  }

  /** Change a key's label. Throws 'vault/locked', 'vault/not-found', 'vault/corrupt', 'input/empty'. */
  async renameKey(id: string, label: string): Promise<void> {
    const l = checkLabel(label);
    const { meta, entropy, passphrase } = await this.#readKey(id);
    const newMeta = { ...meta, label: l };
    const pt = encodeKeyRecord(newMeta, entropy, passphrase);
    const value = sealRecord(this.#requireKey(), this.#kdf, KEY_PREFIX + id, pt);
    wipe(pt, entropy);
    await this.#store.batch([{ kind: 'put', key: KEY_PREFIX + id, value }]);
    this.#keys.set(id, summaryOf(id, newMeta));
  }

  /**
   * Delete key `id`. `confirmFingerprint` must equal its fingerprint (any case) — or, for a corrupt
   * record whose fingerprint is unreadable, its id. Throws 'vault/confirm-mismatch', 'vault/not-found'.
   */
  async deleteKey(id: string, confirmFingerprint: string): Promise<void> {
    this.#requireKey();
    const s = this.#keys.get(id);
    if (!s) throw new AppError('vault/not-found');
    const expected = s.status === 'ok' ? s.fingerprint : s.id;
    if (confirmFingerprint.trim().toLowerCase() !== expected) throw new AppError('vault/confirm-mismatch');
    await this.#store.batch([{ kind: 'delete', key: KEY_PREFIX + id }]);
    this.#keys.delete(id);
  }

  /**
   * Re-encrypt every record under a key derived from `newPass` (new salt, same KDF parameters) in one
   * atomic batch. Corrupt records are left untouched (they stay unreadable). On any failure the vault,
   * stored and in memory, keeps the old passphrase. Throws 'vault/wrong-password', 'vault/passphrase-too-short'.
   */
  async changePassphrase(oldPass: string, newPass: string): Promise<void> {
    const current = this.#requireKey();
    checkPassphrase(newPass);
    const oldKey = await deriveVaultKey(oldPass, kdfSalt(this.#kdf), this.#kdf.params);
    const same = equalBytes(oldKey, current);
    wipe(oldKey);
    if (!same) throw new AppError('vault/wrong-password');
    const kdf: KdfSpec = { alg: KDF_ALG, params: { ...this.#kdf.params }, salt: toBase64(newSalt()) };
    const newKey = await deriveVaultKey(newPass, kdfSalt(kdf), kdf.params);
    try {
      const ops: StoreOp[] = [{ kind: 'put', key: HEADER_ID, value: sealHeader(newKey, kdf) }];
      const ids = [...(await this.#store.list(KEY_PREFIX)), ...(await this.#store.list(META_PREFIX))];
      for (const rid of ids) {
        const pt = await this.#tryOpen(rid);
        if (!pt) continue; // corrupt: leave as is
        ops.push({ kind: 'put', key: rid, value: sealRecord(newKey, kdf, rid, pt) });
        wipe(pt);
      }
      await this.#store.batch(ops);
    } catch (e) {
      wipe(newKey);
      throw e;
    }
    wipe(current);
    this.#key = newKey;
    this.#kdf = kdf;
  }

  /** Decrypt another module's blob `meta/<name>`; undefined when absent. Throws 'vault/corrupt', 'vault/locked'. */
  async getMeta(name: string): Promise<Uint8Array | undefined> {
    checkMetaName(name);
    const key = this.#requireKey();
    const raw = await this.#store.get(META_PREFIX + name);
    if (!raw) return undefined;
    const env = this.#parseOwn(raw);
    return openRecord(key, env, META_PREFIX + name);
  }

  /** Encrypt and store `value` as `meta/<name>` (replacing it). Throws 'vault/locked'. */
  async putMeta(name: string, value: Uint8Array): Promise<void> {
    checkMetaName(name);
    const key = this.#requireKey();
    await this.#store.batch([{ kind: 'put', key: META_PREFIX + name, value: sealRecord(key, this.#kdf, META_PREFIX + name, value) }]);
  }

  /** Remove `meta/<name>` (no-op when absent). Throws 'vault/locked'. */
  async deleteMeta(name: string): Promise<void> {
    checkMetaName(name);
    this.#requireKey();
    await this.#store.batch([{ kind: 'delete', key: META_PREFIX + name }]);
  }

  #requireKey(): Uint8Array {
    if (!this.#key) throw new AppError('vault/locked');
    return this.#key;
  }

  /** Parse an envelope and insist it belongs to this vault's current KDF spec. Throws 'vault/corrupt'. */
  #parseOwn(raw: Uint8Array): Envelope {
    let env: Envelope;
    try {
      env = parseEnvelope(raw);
    } catch (e) {
      throw new AppError('vault/corrupt', undefined, { cause: e });
    }
    if (!sameKdf(env.kdf, this.#kdf)) throw new AppError('vault/corrupt');
    return env;
  }

  async #tryOpen(rid: string): Promise<Uint8Array | undefined> {
    const raw = await this.#store.get(rid);
    if (!raw) return undefined;
    try {
      return openRecord(this.#requireKey(), this.#parseOwn(raw), rid);
    } catch {
      return undefined;
    }
  }

  async #readKey(id: string): Promise<{ meta: KeyMeta; entropy: Uint8Array; passphrase: string }> {
    this.#requireKey();
    if (!this.#keys.has(id)) throw new AppError('vault/not-found');
    const raw = await this.#store.get(KEY_PREFIX + id);
    if (!raw) throw new AppError('vault/not-found');
    const pt = openRecord(this.#requireKey(), this.#parseOwn(raw), KEY_PREFIX + id);
    try {
      return decodeKeyRecord(pt);
    } finally {
      wipe(pt);
    }
  }

  async #loadSummaries(): Promise<void> {
    this.#keys.clear();
    for (const rid of await this.#store.list(KEY_PREFIX)) {
      const id = rid.slice(KEY_PREFIX.length);
      const pt = await this.#tryOpen(rid);
      if (!pt) {
        this.#keys.set(id, CORRUPT(id));
        continue;
      }
      try {
        const { meta, entropy } = decodeKeyRecord(pt);
        wipe(entropy);
        this.#keys.set(id, summaryOf(id, meta));
      } catch {
        this.#keys.set(id, CORRUPT(id));
      } finally {
        wipe(pt);
      }
    }
  }
}

function summaryOf(id: string, m: KeyMeta): KeySummary {
  return { id, label: m.label, fingerprint: m.fingerprint, createdAt: m.createdAt, kind: 'bip39', hasPassphrase: m.hasPassphrase === true, status: 'ok' };
}
