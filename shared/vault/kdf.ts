/**
 * Vault key derivation: Argon2id (RFC 9106) from @noble/hashes, passphrase → 32-byte vault key.
 *
 * Chosen parameters (DEFAULT_KDF): m = 46 MiB (47104 KiB), t = 2, p = 1. OWASP's Password Storage
 * Cheat Sheet lists equivalent minimums m·t = 19 MiB·2 = 46 MiB·1 (…7 MiB·5); ours doubles the
 * work of the 46 MiB/t=1 configuration and uses 2.4× the memory of the 19 MiB/t=2 one. Measured
 * unlock ≈ 1 s on the 2-core development machine (test/bench/keys.bench.ts); 64 MiB/t=3 took ~2.8 s,
 * above the ~2 s we allow for unlocking on an old laptop. p = 1 because the JS implementation is
 * single-threaded (more lanes would only cost time, not attacker's memory).
 *
 * MINIMUM (enforced on unlock and create → 'vault/weak-kdf'): OWASP's table, i.e. p ≥ 1,
 * m ≥ 7168 KiB and m·t ≥ 38912 KiB (19 MiB × 2). A vault whose stored parameters were lowered
 * by an attacker fails authentication anyway (parameters are in the AAD), but we refuse first.
 * MAXIMUM (→ 'vault/corrupt'): m ≤ 256 MiB, t ≤ 16, p ≤ 8, so a crafted record cannot hang the station.
 * Deliberately does NOT offer scrypt/PBKDF2: one algorithm, one code path.
 */
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { AppError } from '../errors';
import { wipe } from '../bytes';

export interface KdfParams {
  /** memory in KiB */
  m: number;
  /** passes */
  t: number;
  /** lanes */
  p: number;
}

export const KDF_ALG = 'argon2id' as const;
export const DEFAULT_KDF: Readonly<KdfParams> = { m: 47104, t: 2, p: 1 };
/** Documented floor (OWASP): m ≥ 7168 KiB, m·t ≥ 38912 KiB, p ≥ 1. MIN_KDF is the smallest OWASP config with t = 2. */
export const MIN_KDF: Readonly<KdfParams> = { m: 19456, t: 2, p: 1 };
export const MIN_KDF_MEMORY_TIME = 38912;
export const MAX_KDF: Readonly<KdfParams> = { m: 262144, t: 16, p: 8 };
export const SALT_BYTES = 16;
export const KEY_BYTES = 32;

/** True when params meet the documented minimum. */
export function meetsMinimum(k: KdfParams): boolean {
  return k.p >= 1 && k.m >= 7168 && k.m * k.t >= MIN_KDF_MEMORY_TIME;
}

/** Validate stored/requested params. Throws 'vault/weak-kdf' (below minimum) or 'vault/corrupt' (malformed/huge). */
export function checkKdfParams(k: KdfParams): void {
  const ints = [k.m, k.t, k.p].every((x) => Number.isSafeInteger(x) && x > 0);
  if (!ints || k.m > MAX_KDF.m || k.t > MAX_KDF.t || k.p > MAX_KDF.p || k.m < 8 * k.p) throw new AppError('vault/corrupt');
  if (!meetsMinimum(k)) throw new AppError('vault/weak-kdf');
}

/** New random salt (16 bytes). */
export function newSalt(): Uint8Array {
  return randomBytes(SALT_BYTES);
}

/** Derive the 32-byte vault key (NFKD-normalised UTF-8 passphrase). Throws 'vault/weak-kdf', 'vault/corrupt'. */
export async function deriveVaultKey(passphrase: string, salt: Uint8Array, k: KdfParams): Promise<Uint8Array> {
  checkKdfParams(k);
  const pw = utf8ToBytes(passphrase.normalize('NFKD'));
  try {
    return await argon2idAsync(pw, salt, { m: k.m, t: k.t, p: k.p, dkLen: KEY_BYTES, maxmem: 2 ** 29 });
  } finally {
    wipe(pw);
  }
}
