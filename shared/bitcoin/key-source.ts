/**
 * Our keys as seen by PSBT review and signing: a BIP-32 root (station) or, watch-only (companion), our
 * master fingerprint plus account xpubs. Derivations are cached per path prefix for the duration of one
 * review/sign call, so N inputs under one account cost ~N child derivations, not N full paths.
 * Spec: BIP-32. Deliberately does NOT: keep keys beyond `wipe()`, or expose the root.
 */
import { HDKey } from '@scure/bip32';
import { equalBytes } from '../bytes';
import { formatFingerprint } from '../keys/hd';
import { parsePath } from '../keys/paths';
import type { BtcNetwork } from './networks';
import type { MultisigWallet } from './multisig';

/** Watch-only identity: master fingerprint (8 hex) and account xpubs with their paths. */
export interface OurKeys {
  fingerprint: string;
  accounts: readonly { path: string; xpub: string }[];
}

export interface KeySource {
  /** master fingerprint as the 32-bit number PSBTs carry */
  readonly fingerprint: number;
  /** compressed public key at `path` (undefined when we cannot derive it) */
  pubAt(path: readonly number[]): Uint8Array | undefined;
  /** private key at `path` (root sources only) */
  privAt(path: readonly number[]): Uint8Array | undefined;
  /** index of our key among the wallet's cosigners, or -1 */
  cosignerIndex(w: MultisigWallet): number;
  /** wipe every cached private key */
  wipe(): void;
}

function isHDKey(k: unknown): k is HDKey {
  return k instanceof HDKey || (typeof k === 'object' && k !== null && typeof (k as HDKey).deriveChild === 'function');
}

/** Key source over a root HDKey or watch-only account xpubs. */
export function createKeySource(keys: HDKey | OurKeys, network: BtcNetwork): KeySource {
  const cache = new Map<string, HDKey | null>();
  let bases: { path: number[]; node: HDKey }[] = [];
  let fingerprint: number;
  if (isHDKey(keys)) {
    fingerprint = keys.fingerprint >>> 0;
    bases = [{ path: [], node: keys }];
  } else {
    fingerprint = parseInt(keys.fingerprint, 16) >>> 0;
    bases = keys.accounts.map((a) => ({ path: parsePath(a.path), node: HDKey.fromExtendedKey(a.xpub, network.bip32) }));
  }
  const nodeAt = (path: readonly number[]): HDKey | undefined => {
    const key = path.join('/');
    const hit = cache.get(key);
    if (hit !== undefined) return hit ?? undefined;
    let node: HDKey | undefined;
    if (path.length === 0) node = bases.find((b) => b.path.length === 0)?.node;
    else {
      const base = bases.find((b) => b.path.length === path.length && b.path.every((x, i) => x === path[i]));
      if (base) node = base.node;
      else {
        const parent = nodeAt(path.slice(0, -1));
        try {
          node = parent?.deriveChild(path[path.length - 1]);
        } catch {
          node = undefined; // hardened step from an xpub, or an invalid child (probability 2^-127)
        }
      }
    }
    cache.set(key, node ?? null);
    return node;
  };
  const pubAt = (path: readonly number[]) => nodeAt(path)?.publicKey ?? undefined;
  return {
    fingerprint,
    pubAt,
    privAt: (path) => nodeAt(path)?.privateKey ?? undefined,
    cosignerIndex: (w) => {
      const fp = formatFingerprint(fingerprint);
      return w.cosigners.findIndex((c) => {
        if (c.fingerprint !== fp) return false;
        const mine = pubAt(parsePath(c.path));
        const theirs = HDKey.fromExtendedKey(c.xpub, network.bip32).publicKey;
        return !!mine && !!theirs && equalBytes(mine, theirs);
      });
    },
    wipe: () => {
      for (const [k, n] of cache) if (n && k !== '') n.wipePrivateData();
      cache.clear();
    },
  };
}
