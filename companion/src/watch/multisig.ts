/**
 * Multisig wallets in the companion: read each station's BIP-48 cosigner key from what it exports —
 * `ur:crypto-account` (its wsh(cosigner) output, BCR-2020-015/010), the Coldcard/Sparrow one-key text
 * (`Derivation:` + `XFP: xpub`), Coldcard's generic JSON (`xfp`, `p2wsh_deriv`, `p2wsh`), or a key
 * expression `[fp/48'/1'/0'/2']tpub…` — then build the wsh(sortedmulti(M, …)) wallet (descriptor with
 * BIP-380 checksum, shared back to the stations for registration). A whole wallet (descriptor,
 * Coldcard/Sparrow file, BSMS) is read directly with shared/bitcoin/multisig.ts.
 * Secrets are refused first ('wallet/secret-refused'). Pure; no network.
 * Deliberately does NOT: accept keys without a key origin, or taproot multisig.
 */
import { AppError } from '../../../shared/errors';
import { decodeAccountCbor } from '../../../shared/ur/account-export';
import { parseUr } from '../../../shared/ur/bcur-adapter';
import { tryUtf8 } from '../../../shared/bytes';
import { NETWORKS, type NetworkName } from '../../../shared/bitcoin/networks';
import { multisigAddress, normalizeXpub, parseMultisigDescriptor, parseMultisigWallet, walletDescriptor, type Cosigner, type MultisigWallet } from '../../../shared/bitcoin/multisig';
import { normalizePath, parsePath } from '../../../shared/keys/paths';
import { detectSecret } from './secrets';
import type { BtcMultisigAccount, WatchDraft } from './types';

const H = 0x80000000;

function cosigner(fingerprint: string, path: string, xpub: string, network: NetworkName): Cosigner {
  if (!/^[0-9a-fA-F]{8}$/.test(fingerprint)) throw new AppError('multisig/unparseable', { reason: 'fingerprint' });
  const p = normalizePath(path);
  const coin = (parsePath(p)[1] ?? H) - H;
  if ((coin === 0) !== (network === 'mainnet')) throw new AppError('keys/wrong-network');
  return { fingerprint: fingerprint.toLowerCase(), path: p, xpub: normalizeXpub(xpub, NETWORKS[network]) };
}

/** Cosigner keys from a crypto-account's CBOR: its BIP-48 wsh(cosigner) outputs. Throws 'ur/corrupt', 'multisig/unparseable'. */
export function cosignersFromAccountCbor(cbor: Uint8Array, network: NetworkName): Cosigner[] {
  const keys = decodeAccountCbor(cbor).filter((a) => a.scriptType === 'p2wsh-multi');
  if (!keys.length) throw new AppError('multisig/unparseable', { reason: 'no BIP-48 cosigner key in this export' });
  return keys.map((k) => cosigner(k.fingerprint, k.path, k.xpub, network));
}

export type MultisigInput = { kind: 'cosigners'; cosigners: Cosigner[] } | { kind: 'wallet'; wallet: MultisigWallet };

/**
 * One scanned or pasted cosigner export (or a whole wallet). Throws 'wallet/secret-refused' first,
 * then 'multisig/unparseable', 'descriptor/bad-checksum', 'keys/wrong-network', 'keys/bad-xkey', 'ur/*'.
 */
export function readMultisigInput(text: string, network: NetworkName): MultisigInput {
  if (detectSecret(text)) throw new AppError('wallet/secret-refused');
  const t = text.replace(/^\uFEFF/, '').trim();
  if (/^ur:/i.test(t)) {
    const p = parseUr(t);
    if (p.kind !== 'single') throw new AppError(p.kind === 'part' ? 'ur/incomplete' : 'ur/corrupt');
    if (p.urType === 'crypto-account' || p.urType === 'account-descriptor') return { kind: 'cosigners', cosigners: cosignersFromAccountCbor(p.cbor, network) };
    throw new AppError('ur/unsupported-type', { got: p.urType, expected: 'a cosigner key (crypto-account) or wallet text' });
  }
  if (t.startsWith('{')) {
    let j: Record<string, unknown>;
    try {
      j = JSON.parse(t) as Record<string, unknown>;
    } catch (e) {
      throw new AppError('multisig/unparseable', undefined, { cause: e });
    }
    if (typeof j.xfp !== 'string' || typeof j.p2wsh !== 'string' || typeof j.p2wsh_deriv !== 'string') throw new AppError('multisig/unparseable');
    return { kind: 'cosigners', cosigners: [cosigner(j.xfp, j.p2wsh_deriv, j.p2wsh, network)] };
  }
  const key = /^\[([0-9a-fA-F]{8})((?:\/\d+['hH]?)+)\]([1-9A-HJ-NP-Za-km-z]{100,120})(?:\/<0;1>\/\*|\/0\/\*)?$/.exec(t);
  if (key) return { kind: 'cosigners', cosigners: [cosigner(key[1], 'm' + key[2], key[3], network)] };
  // Coldcard/Sparrow text: one key (a cosigner export) has no Policy line; with a Policy it is a whole wallet
  if (!/^(wsh|sh)\(|^BSMS\s/.test(t) && !/^\s*policy\s*:/im.test(t)) {
    const deriv = /^\s*#?\s*derivation\s*:\s*(\S+)/im.exec(t);
    const lines = [...t.matchAll(/^\s*([0-9a-fA-F]{8})\s*:\s*(\S+)\s*$/gm)];
    if (deriv && lines.length) return { kind: 'cosigners', cosigners: lines.map((m) => cosigner(m[1], deriv[1], m[2], network)) };
    throw new AppError('multisig/unparseable');
  }
  const wallet = parseMultisigWallet(t, NETWORKS[network]);
  return { kind: 'wallet', wallet };
}

/** Add cosigners to a list, skipping keys already there (same xpub). Throws 'keys/wrong-network' never (already normalized). */
export function addCosigners(list: readonly Cosigner[], more: readonly Cosigner[]): Cosigner[] {
  const out = [...list];
  for (const c of more) if (!out.some((x) => x.xpub === c.xpub)) out.push(c);
  return out;
}

/** The wsh(sortedmulti(M, …)) wallet of these cosigners. Throws 'multisig/unparseable' (M outside 1..N, N > 15, duplicates). */
export function buildWallet(cosigners: readonly Cosigner[], threshold: number, name: string, network: NetworkName): MultisigWallet {
  if (cosigners.length < 2) throw new AppError('multisig/unparseable', { reason: 'at least two cosigners' });
  const w: MultisigWallet = { name: name.trim() || `Multisig ${threshold}-of-${cosigners.length}`, threshold, scriptType: 'p2wsh', sorted: true, cosigners: [...cosigners] };
  // round trip through the parser: the same validation as any imported descriptor
  return parseMultisigDescriptor(walletDescriptor(w), NETWORKS[network], w.name);
}

/** The watch-only draft of a wallet. Throws 'wallet/unsupported-account' for bare P2SH. */
export function multisigDraft(w: MultisigWallet, network: NetworkName): WatchDraft {
  if (w.scriptType === 'p2sh') throw new AppError('wallet/unsupported-account');
  const first = w.cosigners[0];
  return {
    kind: 'btc', network, scriptType: w.scriptType, fingerprint: first.fingerprint, path: first.path, xpub: first.xpub,
    multisig: { descriptor: walletDescriptor(w), threshold: w.threshold, cosigners: w.cosigners.length },
  } as WatchDraft;
}

const parsed = new Map<string, MultisigWallet>();

/** The wallet of a multisig account (parsed once per descriptor: key derivations are cached per wallet). */
export function walletOf(a: Pick<BtcMultisigAccount, 'label' | 'network' | 'multisig'>): MultisigWallet {
  const k = `${a.network}|${a.multisig.descriptor}`;
  let w = parsed.get(k);
  if (!w) parsed.set(k, (w = parseMultisigDescriptor(a.multisig.descriptor, NETWORKS[a.network], a.label)));
  return w;
}

/** First receive address (what a station shows after registering: both must agree). */
export function firstAddress(w: MultisigWallet, network: NetworkName): string {
  return multisigAddress(w, 0, 0, NETWORKS[network]);
}

/** Text of ur:bytes carrying a descriptor, if it is one. */
export function bytesText(bytes: Uint8Array): string | undefined {
  return tryUtf8(bytes);
}
