/**
 * Vault envelope: one encrypted record, versioned and self-describing.
 *
 * ## Airlock vault format, version 1
 * A vault is a set of records in a key → bytes store (store.ts). Every record value is the UTF-8
 * JSON of an envelope:
 *
 *     { "v": 1,
 *       "kdf":    { "alg": "argon2id", "params": { "m": 47104, "t": 2, "p": 1 }, "salt": "<base64, 16 bytes>" },
 *       "cipher": { "alg": "xchacha20-poly1305", "nonce": "<base64, 24 bytes>" },
 *       "ct":     "<base64: ciphertext ‖ 16-byte Poly1305 tag>" }
 *
 * - Key: vault key = Argon2id(NFKD(passphrase), salt, m KiB, t passes, p lanes, 32 bytes) (RFC 9106,
 *   version 0x13), see kdf.ts for the chosen parameters and the enforced minimum. All records of a
 *   vault share one salt/params; a passphrase change picks a new salt and rewrites every record.
 * - Cipher: XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha), fresh random 24-byte nonce per write
 *   (192-bit nonces make random-nonce collisions negligible).
 * - AAD (binds the ciphertext to its place and to its parameters, so records cannot be swapped,
 *   renamed or have their KDF weakened without failing authentication):
 *     `airlock-vault|v=1|id=<store key>|cipher=xchacha20-poly1305|kdf=argon2id;m=<m>;t=<t>;p=<p>;salt=<base64>`
 * - Records: `header` (plaintext "airlock-vault-v1": the password check), `key/<id>` (one per key,
 *   see vault.ts for the plaintext layout), `meta/<name>` (other modules' blobs: audit log, policies,
 *   multisig wallets). `<id>` is 16 random bytes, lower-hex.
 * - Integrity: a record that fails to parse or authenticate is `corrupt`; the others stay usable.
 *   Known limit: rolling back one record to an older authentic version of itself (or deleting a
 *   record) is not detected by per-record AEAD.
 * Deliberately does NOT compress, pad, or hide record sizes/counts.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { AppError } from '../errors';
import { fromBase64, toBase64, tryUtf8 } from '../bytes';
import { KDF_ALG, type KdfParams } from './kdf';

export const VAULT_VERSION = 1;
export const CIPHER_ALG = 'xchacha20-poly1305' as const;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;

export interface KdfSpec {
  alg: typeof KDF_ALG;
  params: KdfParams;
  /** base64 */
  salt: string;
}

export interface Envelope {
  v: number;
  kdf: KdfSpec;
  cipher: { alg: typeof CIPHER_ALG; nonce: string };
  ct: string;
}

/** AAD for a record (see format above). */
export function recordAad(id: string, kdf: KdfSpec): Uint8Array {
  const { m, t, p } = kdf.params;
  return utf8ToBytes(`airlock-vault|v=${VAULT_VERSION}|id=${id}|cipher=${CIPHER_ALG}|kdf=${kdf.alg};m=${m};t=${t};p=${p};salt=${kdf.salt}`);
}

/** Encrypt `plaintext` as record `id` under `key`; returns the serialized envelope bytes. */
export function sealRecord(key: Uint8Array, kdf: KdfSpec, id: string, plaintext: Uint8Array): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const ct = xchacha20poly1305(key, nonce, recordAad(id, kdf)).encrypt(plaintext);
  const env: Envelope = { v: VAULT_VERSION, kdf, cipher: { alg: CIPHER_ALG, nonce: toBase64(nonce) }, ct: toBase64(ct) };
  return utf8ToBytes(JSON.stringify(env));
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Parse envelope bytes and check their shape. Throws 'vault/unsupported-version' for another
 * version/algorithm, 'vault/corrupt' for anything malformed or truncated.
 */
export function parseEnvelope(bytes: Uint8Array): Envelope {
  const text = tryUtf8(bytes);
  let j: unknown;
  try {
    j = JSON.parse(text ?? '');
  } catch (e) {
    throw new AppError('vault/corrupt', undefined, { cause: e });
  }
  if (!isObj(j) || typeof j.v !== 'number') throw new AppError('vault/corrupt');
  if (j.v !== VAULT_VERSION) throw new AppError('vault/unsupported-version');
  const kdf = j.kdf;
  const cipher = j.cipher;
  if (!isObj(kdf) || !isObj(cipher) || !isObj(kdf.params) || typeof j.ct !== 'string') throw new AppError('vault/corrupt');
  if (kdf.alg !== KDF_ALG || cipher.alg !== CIPHER_ALG) throw new AppError('vault/unsupported-version');
  const { m, t, p } = kdf.params;
  if (typeof m !== 'number' || typeof t !== 'number' || typeof p !== 'number' || typeof kdf.salt !== 'string' || typeof cipher.nonce !== 'string')
    throw new AppError('vault/corrupt');
  const nonce = fromB64(cipher.nonce);
  const ct = fromB64(j.ct);
  if (nonce.length !== NONCE_BYTES || ct.length < TAG_BYTES || fromB64(kdf.salt).length < 16) throw new AppError('vault/corrupt');
  return { v: j.v, kdf: { alg: KDF_ALG, params: { m, t, p }, salt: kdf.salt }, cipher: { alg: CIPHER_ALG, nonce: cipher.nonce }, ct: j.ct };
}

function fromB64(s: string): Uint8Array {
  try {
    return fromBase64(s);
  } catch (e) {
    throw new AppError('vault/corrupt', undefined, { cause: e });
  }
}

/** True when two KDF specs are identical (alg, params, salt). */
export function sameKdf(a: KdfSpec, b: KdfSpec): boolean {
  return a.alg === b.alg && a.salt === b.salt && a.params.m === b.params.m && a.params.t === b.params.t && a.params.p === b.params.p;
}

/** Decrypt an envelope stored as record `id`. Throws 'vault/corrupt' when authentication fails. */
export function openRecord(key: Uint8Array, env: Envelope, id: string): Uint8Array {
  try {
    return xchacha20poly1305(key, fromB64(env.cipher.nonce), recordAad(id, env.kdf)).decrypt(fromB64(env.ct));
  } catch (e) {
    throw new AppError('vault/corrupt', undefined, { cause: e });
  }
}
