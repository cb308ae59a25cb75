/**
 * The vault's `header` record (shared/vault/envelope.ts "Airlock vault format, version 1"): the
 * known plaintext "airlock-vault-v1" sealed under the vault key, so a passphrase is checked by
 * opening it. One place for the record id, the check and the salt decoding, used by vault.ts and
 * by the whole-vault backup (shared/backup/vault-records.ts).
 * Deliberately does NOT read or write any other record.
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { AppError } from '../errors';
import { equalBytes, fromBase64, wipe } from '../bytes';
import { checkKdfParams, deriveVaultKey } from './kdf';
import { openRecord, parseEnvelope, sealRecord, type Envelope, type KdfSpec } from './envelope';
import type { VaultStore } from './store';

/** Store key of the header record. */
export const HEADER_ID = 'header';
const HEADER_PLAINTEXT = utf8ToBytes('airlock-vault-v1');

/** The header record sealed under `key` (32 bytes) with `kdf`. */
export function sealHeader(key: Uint8Array, kdf: KdfSpec): Uint8Array {
  return sealRecord(key, kdf, HEADER_ID, HEADER_PLAINTEXT);
}

/** The KDF salt bytes of a spec; throws 'vault/corrupt' when it is not base64. */
export function kdfSalt(kdf: KdfSpec): Uint8Array {
  try {
    return fromBase64(kdf.salt);
  } catch (e) {
    throw new AppError('vault/corrupt', undefined, { cause: e });
  }
}

/**
 * Derive the vault key from `passphrase` and check it against the header; the caller owns (and
 * wipes) the key. Throws 'vault/not-found', 'vault/wrong-password', 'vault/weak-kdf',
 * 'vault/unsupported-version', 'vault/corrupt'.
 */
export async function openVaultKey(store: VaultStore, passphrase: string): Promise<{ key: Uint8Array; header: Envelope }> {
  const raw = await store.get(HEADER_ID);
  if (!raw) throw new AppError('vault/not-found');
  const header = parseEnvelope(raw);
  checkKdfParams(header.kdf.params);
  const key = await deriveVaultKey(passphrase, kdfSalt(header.kdf), header.kdf.params);
  let pt: Uint8Array;
  try {
    pt = openRecord(key, header, HEADER_ID);
  } catch {
    wipe(key);
    throw new AppError('vault/wrong-password');
  }
  if (!equalBytes(pt, HEADER_PLAINTEXT)) {
    wipe(key);
    throw new AppError('vault/corrupt');
  }
  return { key, header };
}
