/**
 * Our Ethereum account: the BIP-44 account key m/44'/60'/0' (what MetaMask's QR keyring imports as
 * `ur:crypto-hdkey`), its first addresses, and address derivation at any path we hold, either from
 * the root key or from the account xpub (non-hardened steps below it only). Addresses are EIP-55.
 *
 * Specs: BIP-32, BIP-44 (coin type 60), EIP-55, Ethereum address = keccak256(uncompressed pubkey)[12:].
 * Deliberately does NOT: encode the UR (shared/ur/account-export.ts does), or return private keys.
 */
import { HDKey } from '@scure/bip32';
import { addr } from 'micro-eth-signer';
import { AppError } from '../errors';

/** MetaMask / Keystone account path. */
export const ETH_ACCOUNT_PATH = "m/44'/60'/0'";
const HARDENED = 0x80000000;

/** The public account key as exported (same shape as keys/hd AccountXpub plus raw parts for crypto-hdkey). */
export interface EthAccountKey {
  fingerprint: string;
  path: string;
  xpub: string;
  publicKey: Uint8Array;
  chainCode: Uint8Array;
  parentFingerprint: string;
}

/** What review/sign know about "us": the root key, or only a public account key (watch-only review). */
export type EthKeySource = { root: HDKey } | { account: { fingerprint: string; path: string; xpub: string } };

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/** Parse `m/44'/60'/0'/0/0` into indices; throws 'eth/bad-path'. */
export function parseEthPath(path: string): number[] {
  const parts = path.trim().split('/');
  if (parts[0] === 'm' || parts[0] === 'M') parts.shift();
  if (parts.length > 16) throw new AppError('eth/bad-path');
  return parts.map((p) => {
    const m = /^(\d{1,10})(['hH]?)$/.exec(p);
    if (!m || Number(m[1]) >= HARDENED) throw new AppError('eth/bad-path');
    return Number(m[1]) + (m[2] ? HARDENED : 0);
  });
}

/** Master fingerprint (8 lower hex) of a key source. */
export function sourceFingerprint(src: EthKeySource): string {
  return 'root' in src ? hex8(src.root.fingerprint) : src.account.fingerprint.toLowerCase();
}

/** EIP-55 address of a secp256k1 public key (33 or 65 bytes). */
export function addressOfPublicKey(publicKey: Uint8Array): string {
  return addr.fromPublicKey(publicKey);
}

/**
 * Our EIP-55 address at `path` (absolute, from the master). With an account xpub only paths below the
 * account with non-hardened steps are derivable: returns undefined otherwise. Throws 'eth/bad-path'.
 */
export function ethAddressAt(src: EthKeySource, path: string): string | undefined {
  const idx = parseEthPath(path);
  if ('root' in src) {
    const child = src.root.derive('m' + idx.map((i) => '/' + (i >= HARDENED ? `${i - HARDENED}'` : i)).join(''));
    const a = addressOfPublicKey(child.publicKey!);
    child.wipePrivateData();
    return a;
  }
  const acct = parseEthPath(src.account.path);
  if (idx.length < acct.length || acct.some((v, i) => idx[i] !== v)) return undefined;
  const rest = idx.slice(acct.length);
  if (rest.some((i) => i >= HARDENED)) return undefined;
  let k = HDKey.fromExtendedKey(src.account.xpub);
  for (const i of rest) k = k.deriveChild(i);
  return addressOfPublicKey(k.publicKey!);
}

/** The m/44'/60'/N' account key (public parts only). Throws 'eth/bad-path' for a bad account number. */
export function ethAccountKey(root: HDKey, account = 0): EthAccountKey {
  if (!Number.isInteger(account) || account < 0 || account >= HARDENED) throw new AppError('eth/bad-path');
  const path = `m/44'/60'/${account}'`;
  const k = root.derive(path);
  try {
    return {
      fingerprint: hex8(root.fingerprint),
      path,
      xpub: k.publicExtendedKey,
      publicKey: k.publicKey!,
      chainCode: k.chainCode!,
      parentFingerprint: hex8(k.parentFingerprint),
    };
  } finally {
    k.wipePrivateData();
  }
}

/** First `count` receive addresses m/44'/60'/0'/0/i of an account xpub (MetaMask's QR keyring order). */
export function ethAccountAddresses(xpub: string, count = 5, start = 0): { index: number; address: string }[] {
  let k: HDKey;
  try {
    k = HDKey.fromExtendedKey(xpub).deriveChild(0);
  } catch (e) {
    throw new AppError('keys/bad-xkey', undefined, { cause: e });
  }
  const out: { index: number; address: string }[] = [];
  for (let i = start; i < start + count; i++) out.push({ index: i, address: addressOfPublicKey(k.deriveChild(i).publicKey!) });
  return out;
}
