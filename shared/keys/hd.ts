/**
 * BIP-32 roots from BIP-39 seeds, with scoped lifetime: `withRoot` builds the HDKey, runs the
 * callback and wipes the private data in `finally` (ARCHITECTURE 2.3/2.6).
 *
 * Specs: BIP-39 (seed = PBKDF2-HMAC-SHA512, 2048 iterations, salt "mnemonic"+passphrase, NFKD),
 * BIP-32 (master key, fingerprint = first 4 bytes of HASH160(master pubkey)).
 * Deliberately does NOT: expose xprv strings (never call HDKey.toJSON), or store keys.
 */
import { HDKey, type Versions } from '@scure/bip32';
import { entropyToMnemonic, mnemonicToSeedSync } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { AppError } from '../errors';
import { SecretBytes } from '../secret';
import type { BtcNetwork } from '../bitcoin/networks';
import { normalizePath } from './paths';

export type { HDKey };

const MAIN_VERSIONS: Versions = { public: 0x0488b21e, private: 0x0488ade4 };
const TEST_VERSIONS: Versions = { public: 0x043587cf, private: 0x04358394 };

/** BIP-39 seed (64 bytes) from entropy and passphrase (PBKDF2-HMAC-SHA512 × 2048). */
export function seedFromEntropy(entropy: SecretBytes, passphrase: string): SecretBytes {
  return entropy.use((e) => new SecretBytes(mnemonicToSeedSync(entropyToMnemonic(e, wordlist), passphrase)));
}

/** Master HDKey from a seed (caller must wipe it; prefer withRoot). Throws 'keys/bad-xkey' on an invalid seed. */
export function rootFromSeed(seed: SecretBytes, versions?: Versions): HDKey {
  return seed.use((s) => {
    try {
      return HDKey.fromMasterSeed(s, versions);
    } catch (e) {
      throw new AppError('keys/bad-xkey', undefined, { cause: e });
    }
  });
}

/** Run fn with the master key of `seed`; the key's private data is wiped afterwards, even on throw. */
export function withRoot<T>(seed: SecretBytes, fn: (root: HDKey) => T): T {
  const root = rootFromSeed(seed);
  try {
    return fn(root);
  } finally {
    root.wipePrivateData();
  }
}

/** Async variant of withRoot (wipes after the promise settles). */
export async function withRootAsync<T>(seed: SecretBytes, fn: (root: HDKey) => Promise<T> | T): Promise<T> {
  const root = rootFromSeed(seed);
  try {
    return await fn(root);
  } finally {
    root.wipePrivateData();
  }
}

/** Fingerprint (8 lower-hex) of a 32-bit BIP-32 fingerprint number. */
export function formatFingerprint(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** Master fingerprint (8 lower-hex) of a root key or a seed. */
export function masterFingerprint(rootOrSeed: HDKey | SecretBytes): string {
  if (rootOrSeed instanceof SecretBytes) return withRoot(rootOrSeed, (r) => formatFingerprint(r.fingerprint));
  return formatFingerprint(rootOrSeed.fingerprint);
}

/**
 * Parse an extended PRIVATE key for `network`. Throws 'keys/wrong-network' when it carries the other
 * network's version (xprv on testnet or tprv on mainnet), 'keys/bad-xkey' when invalid or public.
 */
export function rootFromXprv(text: string, network: BtcNetwork): HDKey {
  const key = parseExtendedKey(text, network);
  if (!key.privateKey) throw new AppError('keys/bad-xkey', { expected: 'private key' });
  return key;
}

/**
 * Parse an extended key (public or private) of `network`'s versions, with BIP-32 validity checks
 * (key range, on-curve pubkey, zero depth ⇒ zero parent/index). Throws 'keys/wrong-network', 'keys/bad-xkey'.
 */
export function parseExtendedKey(text: string, network: BtcNetwork): HDKey {
  const s = text.trim();
  try {
    return HDKey.fromExtendedKey(s, network.bip32);
  } catch (e) {
    const other: Versions = network.coinType === 0 ? TEST_VERSIONS : MAIN_VERSIONS;
    let otherOk = false;
    try {
      HDKey.fromExtendedKey(s, other).wipePrivateData();
      otherOk = true;
    } catch {
      otherOk = false;
    }
    throw new AppError(otherOk ? 'keys/wrong-network' : 'keys/bad-xkey', undefined, { cause: e });
  }
}

/** Extended public key of `key` re-encoded with `network`'s BIP-32 public version (xpub/tpub). */
export function xpubFor(key: HDKey, network: BtcNetwork): string {
  if (!key.publicKey || !key.chainCode) throw new AppError('keys/bad-xkey');
  return new HDKey({
    versions: network.bip32,
    depth: key.depth,
    index: key.index,
    parentFingerprint: key.parentFingerprint,
    chainCode: key.chainCode,
    publicKey: key.publicKey,
  }).publicExtendedKey;
}

/** Derive a path from the root, turning library errors into 'keys/bad-path'. Caller wipes the child. */
export function derivePath(root: HDKey, path: string): HDKey {
  const canonical = normalizePath(path);
  try {
    return root.derive(canonical);
  } catch (e) {
    throw new AppError('keys/bad-path', undefined, { cause: e });
  }
}
